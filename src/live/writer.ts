import { PointerRaceError } from '../index/storage/r2-store';
import type { CompactResult, LiveIndex } from './live-index';
import type { MergeOptions } from './merge-policy';
import type { LoggedOp, WriteOp } from './ops';

/** What the write API asks of the one writer of an index (a Durable Object in the Worker, in-process in the CLI). */
export interface Writer {
  /** Stores the writes durably and numbers them; answers only once they would survive a crash. */
  write(writes: WriteOp[]): Promise<{ seqs: number[] }>;
  /** Publishes every write up to `seq` now (not at the next flush) and answers with the version that holds them. */
  waitFor(seq: number): Promise<WriterStatus>;
  compact(options: MergeOptions): Promise<CompactResult>;
  status(): Promise<WriterStatus>;
}

export interface WriterStatus {
  /** The last write the published index holds. */
  seq: number;
  /** Writes acknowledged but not yet published. */
  pending: number;
  /** The published root ('' before the first write). */
  version: string;
  segments: number;
}

/** The writer's log: writes acknowledged and not yet published, in order. */
export interface WriteLog {
  /** Appends durably and returns the writes' numbers, all greater than `after`. */
  append(writes: readonly WriteOp[], after: number): number[] | Promise<number[]>;
  /** The oldest `limit` writes. */
  pending(limit: number): LoggedOp[] | Promise<LoggedOp[]>;
  /** Forgets writes up to `seq` (published). */
  trim(seq: number): void | Promise<void>;
  count(): number | Promise<number>;
}

export interface WriterOptions {
  /** Writes applied per new segment at most (bounds the writer's memory). */
  maxBatch: number;
  /** How long replaced files stay for readers of older versions. */
  graceMs: number;
}

export const DEFAULT_WRITER_OPTIONS: WriterOptions = { maxBatch: 2000, graceMs: 10 * 60_000 };

/**
 * The writer's logic, whatever keeps its log: flushes, compactions and
 * collections run one at a time (they all switch the root), while writes
 * keep arriving in the log meanwhile.
 */
export class WriterCore implements Writer {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly log: WriteLog,
    private readonly live: LiveIndex,
    private readonly options: WriterOptions = DEFAULT_WRITER_OPTIONS,
  ) {}

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async write(writes: WriteOp[]): Promise<{ seqs: number[] }> {
    return { seqs: await this.log.append(writes, this.live.seq) };
  }

  /** Publishes everything in the log, batch by batch; a race lost to another writer is retried on the new version. */
  flush(): Promise<WriterStatus> {
    return this.serial(async () => {
      await this.publishPending();
      return this.statusNow();
    });
  }

  private async publishPending(): Promise<void> {
    for (;;) {
      const ops = await this.log.pending(this.options.maxBatch);
      if (ops.length === 0) return;
      try {
        await this.live.apply(ops);
      } catch (error) {
        if (!(error instanceof PointerRaceError)) throw error;
        await this.live.reload();
        await this.live.apply(ops);
      }
      await this.log.trim(ops[ops.length - 1]!.seq);
    }
  }

  async waitFor(seq: number): Promise<WriterStatus> {
    const status = await this.flush();
    if (status.seq < seq) throw new Error(`write ${seq} is not in the log`);
    return status;
  }

  /**
   * Merges as asked, after publishing what the log holds: writes acknowledged
   * before a compaction are in what it merges, so their deletions are applied
   * too (a later flush would leave them as deletion sets, and the statistics
   * would still count the deleted docs).
   */
  compact(options: MergeOptions): Promise<CompactResult> {
    return this.serial(async () => {
      await this.publishPending();
      const result = await this.live.compact(options);
      await this.live.collect(this.options.graceMs);
      return result;
    });
  }

  /** What runs after a flush: merges the policy asks for (no expunging) and removal of garbage past its grace. */
  maintain(): Promise<void> {
    return this.serial(async () => {
      await this.live.compact({});
      await this.live.collect(this.options.graceMs);
    });
  }

  status(): Promise<WriterStatus> {
    return this.statusNow();
  }

  private async statusNow(): Promise<WriterStatus> {
    return { seq: this.live.seq, pending: await this.log.count(), version: this.live.version, segments: this.live.reader.root.segments.length };
  }
}

/** A log in memory: for a writer whose writes are published before it answers (the CLI), and tests. */
export class MemoryLog implements WriteLog {
  private readonly ops: LoggedOp[] = [];
  private last = 0;
  append(writes: readonly WriteOp[], after: number): number[] {
    this.last = Math.max(this.last, after);
    return writes.map((write) => {
      this.ops.push({ seq: ++this.last, write });
      return this.last;
    });
  }
  pending(limit: number): LoggedOp[] {
    return this.ops.slice(0, limit);
  }
  trim(seq: number): void {
    while (this.ops.length > 0 && this.ops[0]!.seq <= seq) this.ops.shift();
  }
  count(): number {
    return this.ops.length;
  }
}
