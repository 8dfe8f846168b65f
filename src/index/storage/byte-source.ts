/**
 * The storage seam: everything the searcher reads, it reads as byte ranges of
 * named files through a ByteSource, in batches. One batch is one *wave* of
 * reads that go out together; a query plans its reads so that it needs few
 * waves (dictionary → postings → positions and stored text), whether the
 * bytes are in memory, on a local disk, in Workers Static Assets or in R2.
 */
export interface ByteRange {
  /** `<segment id>/<logical file>`, relative to the index. */
  file: string;
  offset: number;
  length: number;
}

/** What a query read: requests that reached storage, bytes they returned, and in how many waves. */
export interface IoStats {
  reads: number;
  bytes: number;
  waves: number;
  /**
   * Milliseconds the query waited for storage: from a wave's requests going out to its last byte, waves
   * that overlap counted once (io-wait.ts). An upper bound where the clock moves only at I/O (workerd):
   * work done since the last I/O counts as waiting too.
   */
  waitMs: number;
}

export function newIoStats(): IoStats {
  return { reads: 0, bytes: 0, waves: 0, waitMs: 0 };
}

export interface ByteSource {
  /** Reads every range, as one wave; rejects with IndexUnavailableError when storage lacks a file. */
  read(ranges: readonly ByteRange[], io?: IoStats): Promise<Uint8Array[]>;
  /** Whether the bytes already live in this process (reads return views; caching them costs nothing). */
  readonly resident?: boolean;
  /** Bytes the source itself keeps cached (whole chunks), if any. */
  readonly cachedBytes?: number;
  /** Releases what the source holds open (files). */
  close?(): Promise<void>;
  /** A resident source reads synchronously too: queries then read blocks as the walk reaches them, not in waves. */
  readSync?(range: ByteRange): Uint8Array;
}

/** A stored file is missing or damaged: the index cannot answer correctly, so it must not answer at all. */
export class IndexUnavailableError extends Error {
  override name = 'IndexUnavailableError';
}
