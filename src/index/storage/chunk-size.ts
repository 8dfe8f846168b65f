import { chunkCount } from './chunk-store';

/**
 * The chunk size of an index stored without one asked for. Static assets are
 * read whole (the asset server answers no `Range`), so a query fetches every
 * chunk it touches whole: the smaller the chunks, the fewer bytes a query
 * reads, until the scattered ranges inside each chunk dominate (docs/SCALE.md,
 * "Static assets: the chunk size"). The bound is the file count of a deploy:
 * 20,000 files per Worker version on the free plan (100,000 paid). So: the
 * smallest size, doubling from `smallest`, whose chunk files number at most
 * `files` — three quarters of the free plan's count, which leaves room for
 * the page's own assets and for the archive to grow between rebuilds.
 */
export const CHUNK_SIZE_RULE = {
  smallest: 16 * 1024,
  /** Within the 25 MiB a static asset may be. */
  largest: 16 * 1024 * 1024,
  files: 15_000,
} as const;

/** The chunk size for files of these lengths (see CHUNK_SIZE_RULE); every file is at least one chunk. */
export function chunkSizeFor(fileLengths: Iterable<number>, rule = CHUNK_SIZE_RULE): number {
  const lengths = [...fileLengths];
  let size = rule.smallest;
  while (size < rule.largest && chunkFiles(lengths, size) > rule.files) size *= 2;
  return size;
}

/** How many chunk files files of these lengths make at this chunk size. */
export function chunkFiles(fileLengths: readonly number[], chunkSize: number): number {
  let n = 0;
  for (const length of fileLengths) n += chunkCount(length, chunkSize);
  return n;
}
