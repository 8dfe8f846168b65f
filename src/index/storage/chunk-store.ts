import type { RootSegment } from '../root';
import type { SegmentMeta } from '../segment/meta';
import { SEGMENT_FILES } from '../segment/schema';

/**
 * Where chunk files live. Every logical file of a segment is stored as chunk
 * files of a fixed size (`<file>.<n>`), because Workers Static Assets serve
 * whole files of at most 25 MiB and R2 objects are cheapest written once; a
 * store that can read a range of a chunk (a disk, R2) is asked for exactly
 * the bytes needed, one that cannot (static assets) returns the whole chunk.
 */
export interface ChunkStore {
  /** The chunk's bytes (or the given range of them); null when there is no such chunk. */
  get(name: string, range?: { offset: number; length: number }): Promise<Uint8Array | null>;
  /** Whether `get` honours ranges. */
  readonly ranged: boolean;
  /**
   * What one request costs, as bytes of transfer: ranges of one chunk nearer each other than this are read as
   * one request (a ranged store; default 1 KiB, for a disk, where a request is a system call).
   */
  readonly requestBytes?: number;
  /** Whether the chunks live in this process's memory (then `getSync` reads them). */
  readonly resident?: boolean;
  getSync?(name: string, range?: { offset: number; length: number }): Uint8Array | null;
  /** Releases what the store holds open (files). */
  close?(): Promise<void>;
}

/** Chunks held in memory: tests, and indexes built in the same process. */
export class MemoryChunkStore implements ChunkStore {
  readonly ranged = true;
  readonly resident = true;
  constructor(readonly chunks: Map<string, Uint8Array> = new Map()) {}

  async get(name: string, range?: { offset: number; length: number }): Promise<Uint8Array | null> {
    return this.getSync(name, range);
  }

  getSync(name: string, range?: { offset: number; length: number }): Uint8Array | null {
    const chunk = this.chunks.get(name);
    if (!chunk) return null;
    return range ? chunk.subarray(range.offset, range.offset + range.length) : chunk;
  }
}

/** The name of chunk `n` of a logical file. */
export function chunkName(file: string, n: number): string {
  return `${file}.${n}`;
}

/** How many chunk files a logical file of `length` bytes is stored as (at least one, even when empty). */
export function chunkCount(length: number, chunkSize: number): number {
  return Math.max(1, Math.ceil(length / chunkSize));
}

/** The chunk files a logical file of `length` bytes is stored as (storeFile writes at least one). */
export function chunksOf(file: string, length: number, chunkSize: number): string[] {
  return Array.from({ length: chunkCount(length, chunkSize) }, (_, i) => chunkName(file, i));
}

/** Every chunk file of a segment. */
export function segmentChunks(meta: SegmentMeta, chunkSize: number): string[] {
  return SEGMENT_FILES.flatMap((f) => chunksOf(`${meta.id}/${f}`, meta.files[f], chunkSize));
}

/** Every chunk file of a segment entry of a root: the segment's and its deletions'. */
export function entryChunks(entry: RootSegment, chunkSize: number): string[] {
  const own = segmentChunks(entry.meta, chunkSize);
  return entry.deletions ? [...own, ...chunksOf(entry.deletions.file, entry.deletions.length, chunkSize)] : own;
}
