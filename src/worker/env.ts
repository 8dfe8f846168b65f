import type { SearchIndex } from '../index/search-index';
import type { RateLimiter } from './middleware/rate-limit';
import type { RequestLimits } from './params';

/** The Worker's bindings (wrangler.toml): static assets, the optional rate limiter, and the `[vars]` read by config.ts. */
export interface Env {
  /** Workers Static Assets: the page and the search index (wrangler.toml `[assets]`). */
  ASSETS: Fetcher;
  /** Workers Rate Limiting, when configured in wrangler.toml (`[[ratelimits]]`). */
  RATE_LIMITER?: RateLimiter;
  [variable: string]: unknown;
}

/** Resolves the index; called per request, so it must cache (see index-loader.ts). */
export type IndexSource = (() => Promise<SearchIndex>) & { loads?: number };

/** The Hono app's environment: what every handler and middleware may read from the context. */
export type AppEnv = {
  Variables: {
    index: IndexSource;
    /** What a request may ask for (config.ts). */
    limits: RequestLimits;
  };
};
