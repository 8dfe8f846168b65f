/**
 * Budgets, from Cloudflare's Workers limits (developers.cloudflare.com/workers/platform/limits):
 * 128 MB of memory per isolate and 1 s of start-up; a static asset file may be
 * 25 MiB. The Worker size limit was 3 MB gzip (Free) / 10 MB (Paid) until
 * 2026, when it became one 64 MiB uncompressed limit on every plan; we keep
 * the old Free figure as our own budget, since a small bundle starts fast.
 * Memory, cold start and warm query time are this project's targets, with
 * room below the platform's limits for concurrent requests. `npm run
 * check:edge` checks them; `npm run bench` uses the memory budget for the
 * largest corpus that fits.
 */
export const EDGE_BUDGETS = {
  bundleGzipBytes: 3 * 1024 * 1024,
  peakMemoryMb: 100,
  /** The engine's budgets for the Worker at 22k paragraphs (issue "the engine and its format"). */
  firstAnswerMs: 300,
  warmMedianMs: 2,
  warmP95Ms: 10,
  /** Largest file of the index: a static asset may be 25 MiB. */
  assetFileBytes: 25 * 1024 * 1024,
};

/** A Worker isolate's memory, MB. */
export const ISOLATE_MB = 128;

