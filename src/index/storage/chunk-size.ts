import { chunkCount } from './chunk-store';

/**
 * The chunk size of an index stored without one asked for. Static assets are
 * read whole (the asset server answers no `Range`), so a query fetches every
 * chunk it touches whole: the smaller the chunks, the fewer bytes a query
 * reads, until the scattered ranges inside each chunk dominate (docs/SCALE.md,
 * "Static assets: the chunk size"). The bound is the file count of a deploy:
 * 20,000 files per Worker version on the free plan (100,000 paid). So: the
 * smallest size, from `smallest` up in steps of `step`, whose chunk files
 * number at most `files` — three quarters of the free plan's count, which
 * leaves room for the page's own assets and for the archive to grow between
 * rebuilds. Steps, not doublings: a query's bytes grow with the chunk size,
 * and an index just over one size's file count would otherwise get chunks
 * twice as large rather than a little larger.
 */
export const CHUNK_SIZE_RULE = {
  smallest: 16 * 1024,
  /** Chunk files in whole 4 KiB pages. */
  step: 4 * 1024,
  /** Within the 25 MiB a static asset may be. */
  largest: 16 * 1024 * 1024,
  files: 15_000,
} as const;

/** The chunk size for files of these lengths (see CHUNK_SIZE_RULE); every file is at least one chunk. */
export function chunkSizeFor(fileLengths: Iterable<number>, rule = CHUNK_SIZE_RULE): number {
  const lengths = [...fileLengths];
  // The file count only falls as the size grows: the smallest size that fits, by bisection over the steps.
  const size = (k: number) => Math.min(rule.largest, rule.smallest + k * rule.step);
  let low = 0;
  let high = Math.ceil((rule.largest - rule.smallest) / rule.step);
  while (low < high) {
    const mid = (low + high) >> 1;
    if (chunkFiles(lengths, size(mid)) <= rule.files) high = mid;
    else low = mid + 1;
  }
  return size(low);
}

/** How many chunk files files of these lengths make at this chunk size. */
export function chunkFiles(fileLengths: readonly number[], chunkSize: number): number {
  let n = 0;
  for (const length of fileLengths) n += chunkCount(length, chunkSize);
  return n;
}
