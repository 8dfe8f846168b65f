import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zlibCompression } from '../index/codec/zlib-compression';
import { FsStore } from '../index/storage/fs-store';
import { writeFileAtomic } from '../index/write';
import { LiveIndex, type GarbageList } from '../live/live-index';
import { DEFAULT_MERGE_POLICY } from '../live/merge-policy';
import type { WriteOp } from '../live/ops';
import { storePointer } from '../live/pointer';
import { MemoryLog, WriterCore } from '../live/writer';
import type { LineResult } from '../live/validate';

/**
 * Where the CLI's write commands (index:put, index:delete, compact) write:
 * an index folder on this machine, through the same writer logic the
 * Worker's Durable Object runs (each command's writes are published before
 * it exits), or a deployed Worker's write API (`--endpoint`), with the
 * token from the environment variable ADMIN_TOKEN — never a flag, which
 * would stand in the shell's history and the process list.
 */
export interface LiveTarget {
  /** Writes, each published before the call returns; one result per write. */
  write(writes: WriteOp[], lines: number[]): Promise<LineResult[]>;
  compact(full: boolean): Promise<unknown>;
  close(): Promise<void>;
}

/** Garbage of an index folder, kept beside it in a small JSON file (what the Durable Object keeps in SQLite). */
class FileGarbage implements GarbageList {
  private constructor(
    private readonly path: string,
    private readonly at: Map<string, number>,
  ) {}
  static async open(path: string): Promise<FileGarbage> {
    const text = await readFile(path, 'utf8').catch(() => '{}');
    return new FileGarbage(path, new Map(Object.entries(JSON.parse(text) as Record<string, number>)));
  }
  private save() {
    return writeFileAtomic(this.path, JSON.stringify(Object.fromEntries(this.at)));
  }
  async add(names: readonly string[], at: number) {
    for (const n of names) this.at.set(n, Math.max(at, this.at.get(n) ?? 0));
    await this.save();
  }
  due(before: number) {
    return [...this.at].filter(([, t]) => t < before).map(([n]) => n);
  }
  async forget(names: readonly string[]) {
    for (const n of names) this.at.delete(n);
    await this.save();
  }
}

/** Files of the folder that belong to live updates, not to the index (never removed as garbage). */
export const GARBAGE_FILE = 'live-garbage.json';

export async function folderTarget(dir: string, graceMs: number): Promise<LiveTarget> {
  const store = new FsStore(dir);
  // On this machine a merge may take what the machine has: no cap (the Durable Object's is its memory).
  const policy = { ...DEFAULT_MERGE_POLICY, maxMergeDocs: Infinity };
  const live = await LiveIndex.open(store, storePointer(store), await FileGarbage.open(join(dir, GARBAGE_FILE)), { compression: zlibCompression, policy });
  const writer = new WriterCore(new MemoryLog(), live, { maxBatch: 2000, graceMs });
  return {
    async write(writes, lines) {
      const { seqs } = await writer.write(writes);
      await writer.flush();
      return seqs.map((seq, i) => ({ line: lines[i]!, id: idOf(writes[i]!), ok: true, seq }));
    },
    compact: (full) => writer.compact({ expunge: true, full }),
    close: () => store.close(),
  };
}

export function endpointTarget(endpoint: string, token: string | undefined): LiveTarget {
  if (!token) throw new Error('set ADMIN_TOKEN in the environment to write to a Worker');
  const base = endpoint.replace(/\/+$/, '');
  const call = async (method: string, path: string, body?: string) => {
    const res = await fetch(`${base}${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-ndjson' }, ...(body !== undefined ? { body } : {}) });
    const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    if (res.status >= 400 && !(json && 'results' in json)) throw new Error(`${res.status} ${json?.error?.code ?? ''}: ${json?.error?.message ?? res.statusText}`);
    return json as Record<string, unknown>;
  };
  return {
    async write(writes, lines) {
      const out: LineResult[] = [];
      const puts = writes.flatMap((w, i) => (w.op === 'put' ? [{ article: w.article, line: lines[i]! }] : []));
      // Bulk requests of at most 500 articles (the API takes 1000) and well under its 8 MiB.
      for (let at = 0; at < puts.length; at += 500) {
        const slice = puts.slice(at, at + 500);
        const answer = await call('POST', '/api/admin/articles?wait=true', slice.map((p) => JSON.stringify(p.article)).join('\n'));
        for (const r of answer.results as LineResult[]) out.push({ ...r, line: slice[r.line - 1]!.line });
      }
      for (const [i, w] of writes.entries()) {
        if (w.op === 'delete') {
          const answer = await call('DELETE', `/api/admin/articles/${encodeURIComponent(w.id)}?wait=true`);
          out.push({ line: lines[i]!, id: w.id, ok: true, seq: answer.seq as number });
        } else if (w.op === 'deleteWhere') {
          const filter = [w.filter.source !== null ? `source:"${w.filter.source}"` : '', w.filter.from !== null || w.filter.to !== null ? `date:${w.filter.from ?? ''}..${w.filter.to ?? ''}` : ''].join(' ').trim();
          const answer = await call('DELETE', `/api/admin/articles?wait=true&filter=${encodeURIComponent(filter)}`);
          out.push({ line: lines[i]!, id: null, ok: true, seq: answer.seq as number } as unknown as LineResult);
        }
      }
      return out;
    },
    compact: () => call('POST', '/api/admin/compact'),
    close: async () => undefined,
  };
}

function idOf(w: WriteOp): string {
  return w.op === 'put' ? w.article.id : w.op === 'delete' ? w.id : '*';
}
