import { chunkCount, chunkName } from '../index/storage/chunk-store';
import type { IndexRoot, RootSegment } from '../index/root';
import type { SegmentMeta } from '../index/segment/meta';
import { SEGMENT_FILES, type SegmentFile } from '../index/segment/schema';
import type { ChunkStore } from '../index/storage/chunk-store';
import { IndexUnavailableError } from '../index/storage/byte-source';

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

/** Every file a root needs (its own name included): what garbage collection must never remove. */
export function rootFiles(name: string, root: IndexRoot): Set<string> {
  return new Set([name, ...root.segments.flatMap((s) => entryChunks(s, root.chunkSize))]);
}

/** Reads a segment's files whole (for a merge). */
export async function readSegmentFiles(store: ChunkStore, meta: SegmentMeta, chunkSize: number): Promise<Record<SegmentFile, Uint8Array>> {
  const files = {} as Record<SegmentFile, Uint8Array>;
  await Promise.all(
    SEGMENT_FILES.map(async (f) => {
      const out = new Uint8Array(meta.files[f]);
      const names = chunksOf(`${meta.id}/${f}`, meta.files[f], chunkSize);
      await Promise.all(
        names.map(async (name, i) => {
          const bytes = await store.get(name);
          if (!bytes) throw new IndexUnavailableError(`index chunk ${name} is missing`);
          out.set(bytes.subarray(0, Math.min(bytes.length, out.length - i * chunkSize)), i * chunkSize);
        }),
      );
      files[f] = out;
    }),
  );
  return files;
}
