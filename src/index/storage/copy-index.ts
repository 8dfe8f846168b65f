import { readRoot } from '../index-reader';
import { CURRENT, type IndexRoot } from '../root';
import { IndexUnavailableError } from './byte-source';
import { entryChunks, type ChunkStore } from './chunk-store';
import type { WritableStore } from './index-store';

/** Every stored name a root needs besides itself and the pointer: its segments' chunk files and deletions, in the order they are written. */
export function chunkNamesOf(root: IndexRoot): string[] {
  return root.segments.flatMap((s) => entryChunks(s, root.chunkSize));
}

export interface CopyReport {
  /** The root now named by the target's pointer. */
  root: string;
  /** Chunk files written, and those the target had already (content-addressed names: same name, same bytes). */
  written: number;
  kept: number;
  bytes: number;
}

export interface CopyOptions {
  /** Writes going out at once. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Publishes the index a source store's pointer names into another store
 * (an index folder into R2): the chunk files the target lacks, then the
 * root, then the pointer — so a reader of the target sees the old version
 * or the new one, never a mix. The pointer is read before anything is
 * written, and the swap is conditional on it (R2: a conditional put), so a
 * version another writer published meanwhile is refused, not overwritten
 * (PointerRaceError). Chunks already there are not written again: a new
 * version that keeps most segments uploads only the new ones.
 */
export async function copyIndex(
  source: ChunkStore,
  target: WritableStore,
  options: CopyOptions = {},
): Promise<CopyReport> {
  const expected = target.pointerTag ? await target.pointerTag() : undefined;
  const { name, root } = await readRoot((n) => source.get(n));
  const present = new Set(await target.list());
  const names = chunkNamesOf(root);
  const missing = names.filter((n) => !present.has(n));
  let next = 0;
  let done = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < missing.length) {
      const n = missing[next++]!;
      const chunk = await source.get(n);
      if (!chunk) throw new IndexUnavailableError(`the index to copy lacks ${n}, which its root names`);
      await target.put(n, chunk);
      bytes += chunk.length;
      options.onProgress?.(++done, missing.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, Math.max(1, missing.length)) }, worker));
  const rootBytes = await source.get(name);
  if (!rootBytes) throw new IndexUnavailableError(`the index root ${name} vanished while it was copied`);
  await target.put(name, rootBytes);
  await target.swapPointer(CURRENT, new TextEncoder().encode(name), expected);
  return { root: name, written: missing.length, kept: names.length - missing.length, bytes: bytes + rootBytes.length };
}
