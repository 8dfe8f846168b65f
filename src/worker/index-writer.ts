import { DurableObject } from 'cloudflare:workers';
import { zlibCompression } from '../index/codec/zlib-compression';
import { R2ChunkStore } from '../index/storage/r2-store';
import { LiveIndex, type CompactResult, type GarbageList } from '../live/live-index';
import type { MergeOptions } from '../live/merge-policy';
import type { LoggedOp, WriteOp } from '../live/ops';
import { r2Pointer } from '../live/pointer';
import { DEFAULT_WRITER_OPTIONS, WriterCore, type WriteLog, type Writer, type WriterStatus } from '../live/writer';
import { parseConfig } from './config';
import type { Env } from './env';
import { parseLiveSettings, type LiveSettings } from './live-settings';

/** What the writer's own reader of the index may keep (it reads dictionaries and filter postings to find old versions). */
const WRITER_BUDGET = { unitBytes: 8 << 20, dictionaryBytes: 4 << 20, storedBytes: 2 << 20, paragraphBytes: 0, typoBytes: 0 };

/**
 * The one writer of an index: a Durable Object with SQLite storage (one per
 * index prefix). A write is a row in its log, committed before the answer
 * leaves (the platform holds a Durable Object's output until its storage
 * writes are durable), so an acknowledged write survives any crash. An alarm
 * about `LIVE_FLUSH_MS` after the first unflushed write publishes the log as
 * a new segment (src/live), then runs the merges the policy asks for and
 * removes garbage past its grace period. An alarm that fails is retried by
 * the platform; the root records the last write it holds, so a retried flush
 * never applies a write twice.
 */
export class IndexWriter extends DurableObject<Env> implements Writer {
  private core: Promise<WriterCore> | null = null;
  private readonly settings: LiveSettings;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.settings = parseLiveSettings(env);
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY, op TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS counter (id INTEGER PRIMARY KEY CHECK (id = 0), last INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS garbage (name TEXT PRIMARY KEY, at INTEGER NOT NULL);
    `);
  }

  private writer(): Promise<WriterCore> {
    this.core ??= this.open().catch((error: unknown) => {
      this.core = null;
      throw error;
    });
    return this.core;
  }

  private async open(): Promise<WriterCore> {
    const bucket = this.env.INDEX;
    if (!bucket) throw new Error('live updates need an R2 bucket bound as INDEX');
    const prefix = parseConfig(this.env).indexPrefix;
    const store = new R2ChunkStore(bucket, prefix);
    const live = await LiveIndex.open(store, r2Pointer(bucket, prefix, store), new SqlGarbage(this.ctx.storage.sql), {
      compression: zlibCompression,
      budget: WRITER_BUDGET,
    });
    return new WriterCore(new SqlLog(this.ctx.storage), live, { ...DEFAULT_WRITER_OPTIONS, graceMs: this.settings.graceMs });
  }

  async write(writes: WriteOp[]): Promise<{ seqs: number[] }> {
    const result = await (await this.writer()).write(writes);
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + this.settings.flushMs);
    return result;
  }

  async waitFor(seq: number): Promise<WriterStatus> {
    return (await this.writer()).waitFor(seq);
  }

  async compact(options: MergeOptions): Promise<CompactResult> {
    return (await this.writer()).compact(options);
  }

  async status(): Promise<WriterStatus> {
    return (await this.writer()).status();
  }

  override async alarm(): Promise<void> {
    const writer = await this.writer();
    await writer.flush();
    await writer.maintain();
    if ((await writer.status()).pending > 0) await this.ctx.storage.setAlarm(Date.now() + this.settings.flushMs);
  }
}

/** The log as a SQLite table; the counter keeps numbers rising even after the log is trimmed empty. */
class SqlLog implements WriteLog {
  constructor(private readonly storage: DurableObjectStorage) {}

  append(writes: readonly WriteOp[], after: number): number[] {
    const sql = this.storage.sql;
    return this.storage.transactionSync(() => {
      const stored = sql.exec<{ last: number }>('SELECT last FROM counter WHERE id = 0').toArray()[0]?.last ?? 0;
      let last = Math.max(stored, after);
      const seqs = writes.map((write) => {
        sql.exec('INSERT INTO log (seq, op) VALUES (?, ?)', ++last, JSON.stringify(write));
        return last;
      });
      sql.exec('INSERT INTO counter (id, last) VALUES (0, ?) ON CONFLICT (id) DO UPDATE SET last = excluded.last', last);
      return seqs;
    });
  }

  pending(limit: number): LoggedOp[] {
    return this.storage.sql
      .exec<{ seq: number; op: string }>('SELECT seq, op FROM log ORDER BY seq LIMIT ?', limit)
      .toArray()
      .map((row) => ({ seq: row.seq, write: JSON.parse(row.op) as WriteOp }));
  }

  trim(seq: number): void {
    this.storage.sql.exec('DELETE FROM log WHERE seq <= ?', seq);
  }

  count(): number {
    return this.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM log').one().n;
  }
}

class SqlGarbage implements GarbageList {
  constructor(private readonly sql: SqlStorage) {}

  add(names: readonly string[], at: number): void {
    for (const name of names) this.sql.exec('INSERT INTO garbage (name, at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET at = max(at, excluded.at)', name, at);
  }

  due(before: number): string[] {
    return this.sql
      .exec<{ name: string }>('SELECT name FROM garbage WHERE at < ? LIMIT 1000', before)
      .toArray()
      .map((r) => r.name);
  }

  forget(names: readonly string[]): void {
    for (const name of names) this.sql.exec('DELETE FROM garbage WHERE name = ?', name);
  }
}
