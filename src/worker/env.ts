import type { IndexReader } from '../index/index-reader';
import type { R2Like } from '../index/storage/r2-store';
import type { LoaderStatus } from './index-loader';
import type { Writer } from '../live/writer';
import type { IndexWriter } from './index-writer';
import type { RateLimiter } from './middleware/rate-limit';
import type { RequestLimits } from './params';
import type { AnswerCacheStats } from './middleware/answer-cache';

/** The Worker's bindings (wrangler.toml): static assets, the optional rate limiter, and the `[vars]` read by config.ts. */
export interface Env {
  /** Workers Static Assets: the page and the search index (wrangler.toml `[assets]`). */
  ASSETS: Fetcher;
  /** An R2 bucket holding the index, when `INDEX_SOURCE` is `r2` (wrangler.toml `[[r2_buckets]]`). */
  INDEX?: R2Like;
  /** Workers Rate Limiting, when configured in wrangler.toml (`[[ratelimits]]`). */
  RATE_LIMITER?: RateLimiter;
  /** The index's one writer, a Durable Object with SQLite storage (wrangler.toml `[[durable_objects.bindings]]`). */
  WRITER?: DurableObjectNamespace<IndexWriter>;
  /** The Worker version's metadata (wrangler.toml `[version_metadata]`): its id tells deployments' answers apart. */
  CF_VERSION_METADATA?: { id: string };
  /** The write API's bearer token, a Worker secret (`wrangler secret put ADMIN_TOKEN`; `.dev.vars` locally). Unset: no write API. */
  ADMIN_TOKEN?: string;
  [variable: string]: unknown;
}

/**
 * Resolves the index; called per request, so it must cache (see index-loader.ts).
 * `refresh` (live indexes) checks for a new version at once.
 */
export type IndexSource = (() => Promise<IndexReader>) & { loads?: number; status?: () => LoaderStatus; refresh?: () => Promise<void> };

/** The Hono app's environment: what every handler and middleware may read from the context. */
export type AppEnv = {
  Variables: {
    index: IndexSource;
    /** What a request may ask for (config.ts). */
    limits: RequestLimits;
    /** The index's writer, when live updates are configured (null: the write API answers 503). */
    writer: () => Writer | null;
    /** How often answers came from the Cache API in this isolate (null: no answer cache). */
    answers: AnswerCacheStats | null;
    /** This deployment's id (the Worker version), in ETags and answer-cache keys. */
    deployment: string;
  };
};
