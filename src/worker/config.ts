import { DEFAULT_LIMITS, type RequestLimits } from './params';

/** The Worker's settings, from wrangler.toml `[vars]`; every one has a safe default. */
export interface WorkerConfig {
  limits: RequestLimits;
  /** Origins allowed to call the API from a browser (CORS). Empty: same origin only. `*`: any. */
  allowedOrigins: string[];
  /** How long browsers and CDNs may reuse an API answer, in seconds. */
  cacheMaxAge: number;
  /**
   * How long the Cache API keeps an answer (search, suggest, the page) for every visitor of the data centre, in seconds
   * (middleware/answer-cache.ts); 0: none. Its key names the deployment and the index version, so no answer outlives either.
   */
  answerCacheSeconds: number;
  /** Where the index folder lives among the static assets (never served: the Worker reads it). */
  indexPath: string;
  /** Where the index is read from: the static assets, or the R2 bucket bound as `INDEX`. */
  indexSource: 'assets' | 'r2';
  /** The index's key prefix in the R2 bucket. */
  indexPrefix: string;
  /**
   * How often an isolate reads the R2 index's pointer for a new version, ms;
   * no answer comes from a version confirmed longer than twice this ago.
   */
  versionCheckMs: number;
}

export const DEFAULT_CONFIG: WorkerConfig = {
  limits: DEFAULT_LIMITS,
  allowedOrigins: [],
  cacheMaxAge: 300,
  answerCacheSeconds: 86_400,
  indexPath: '/index/',
  indexSource: 'assets',
  indexPrefix: 'index/',
  versionCheckMs: 1000,
};

/**
 * Reads `[vars]` (all strings). A value that does not parse falls back to its
 * default with a warning, so a typo in configuration never takes search down.
 */
export function parseConfig(vars: Record<string, unknown>): WorkerConfig {
  const number = (name: string, fallback: number, min: number, max: number): number => {
    const raw = vars[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    console.warn(`config: ${name}=${String(raw)} is not a whole number in ${min}…${max}; using ${fallback}`);
    return fallback;
  };
  const maxLimit = number('MAX_LIMIT', DEFAULT_LIMITS.maxLimit, 1, 1000);
  const origins = typeof vars.ALLOWED_ORIGINS === 'string' ? vars.ALLOWED_ORIGINS : '';
  const indexPath = typeof vars.INDEX_PATH === 'string' && /^\/[\w.-]+\/$/.test(vars.INDEX_PATH) ? vars.INDEX_PATH : DEFAULT_CONFIG.indexPath;
  const indexSource = vars.INDEX_SOURCE === 'r2' ? 'r2' : 'assets';
  if (vars.INDEX_SOURCE !== undefined && vars.INDEX_SOURCE !== '' && vars.INDEX_SOURCE !== indexSource) {
    console.warn(`config: INDEX_SOURCE=${String(vars.INDEX_SOURCE)} is neither assets nor r2; using assets`);
  }
  const indexPrefix = typeof vars.INDEX_PREFIX === 'string' && /^[\w.-]*\/?$/.test(vars.INDEX_PREFIX) ? vars.INDEX_PREFIX : DEFAULT_CONFIG.indexPrefix;
  return {
    limits: {
      maxQueryLength: number('MAX_QUERY_LENGTH', DEFAULT_LIMITS.maxQueryLength, 1, 10_000),
      maxTerms: number('MAX_TERMS', DEFAULT_LIMITS.maxTerms, 1, 1000),
      maxLimit,
      defaultLimit: Math.min(number('DEFAULT_LIMIT', DEFAULT_LIMITS.defaultLimit, 1, 1000), maxLimit),
      maxOffset: number('MAX_OFFSET', DEFAULT_LIMITS.maxOffset, 0, 100_000),
    },
    allowedOrigins: origins
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    cacheMaxAge: number('CACHE_MAX_AGE', DEFAULT_CONFIG.cacheMaxAge, 0, 31_536_000),
    answerCacheSeconds: number('ANSWER_CACHE_SECONDS', DEFAULT_CONFIG.answerCacheSeconds, 0, 31_536_000),
    indexPath,
    indexSource,
    indexPrefix,
    versionCheckMs: number('VERSION_CHECK_MS', DEFAULT_CONFIG.versionCheckMs, 100, 60_000),
  };
}
