import type { MiddlewareHandler } from 'hono';
import { HttpError } from '../errors';

/** The Workers Rate Limiting binding's interface (wrangler.toml `[[ratelimits]]`). */
export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/**
 * 429 for a client over its rate, keyed by its IP address, when the Workers
 * Rate Limiting binding is configured; without the binding (local
 * development, tests) it lets every request through.
 */
export function rateLimit(getLimiter: () => RateLimiter | undefined): MiddlewareHandler {
  return async (c, next) => {
    const limiter = getLimiter();
    if (limiter) {
      const key = c.req.header('CF-Connecting-IP') ?? 'unknown';
      const { success } = await limiter.limit({ key });
      if (!success) throw new HttpError(429, 'rate_limited', 'Too many requests; please slow down.');
    }
    await next();
  };
}
