/**
 * Budgets of the Worker at archive scale (issue "the Worker at archive
 * scale"), checked by `npm run check:scale` at every size it is given, from
 * static assets and from R2. Platform limits they keep below: 128 MB per
 * isolate, 25 MiB per static asset, 20,000 asset files per version on the
 * free plan and 100,000 on paid plans (docs/SCALE.md cites each).
 */
export const SCALE_BUDGETS = {
  /** What an isolate reads before its first answer. */
  rootBytes: 1_000_000,
  /** From a fresh isolate to the first answered query. */
  coldStartMs: 200,
  /** The isolate's memory at its peak, caches and memos included, also after a soak of every query of the sets. */
  peakMb: 64,
  warmP50Ms: 10,
  warmP95Ms: 50,
  /** Bytes read from storage per query, median. */
  bytesMedian: { r2: 256 * 1024, assets: 512 * 1024 },
  wavesP95: 4,
};

/** Workers Static Assets: files per version (free / paid plans) and bytes per file. */
export const ASSET_LIMITS = { filesFree: 20_000, filesPaid: 100_000, fileBytes: 25 * 1024 * 1024 };

/**
 * Budgets of the engine over an archive on local disk (issue "the engine and
 * its format": 1.74 M paragraphs, CLI on local files), checked by
 * `npm run bench:archive`.
 */
export const ARCHIVE_BUDGETS = {
  queryP50Ms: 10,
  queryP95Ms: 50,
  /** Bytes read from storage per query, median. */
  bytesMedian: 256 * 1024,
  wavesP95: 4,
  /** The index's bytes over the input corpus's gzip size. */
  sizeVsInputGzip: 3,
};

/**
 * Budget of the engine over whole news articles (issue "the engine and its
 * format": the 2,028 articles of gnad10k-test and xglue-nc-de-dev, one long
 * paragraph each, in process), checked by `npm run bench:articles`.
 */
export const ARTICLE_BUDGETS = {
  /** `search()` as `/api/search` runs it (ranking, highlights, snippets), p50 of the worse query class. */
  snippetsP50Ms: 3,
};
