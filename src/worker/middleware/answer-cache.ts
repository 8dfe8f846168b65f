import type { MiddlewareHandler } from 'hono';
import type { CacheLike } from '../../index/storage/cache-store';
import type { AppEnv } from '../env';

/** How often this isolate found an answer in the cache (since it started). */
export interface AnswerCacheStats {
  hits: number;
  misses: number;
}

export interface AnswerCacheOptions {
  /** The Cache API (`caches.default`); undefined where there is none (Node tests without one). */
  cache: () => CacheLike | undefined;
  /** How long an answer is kept, in seconds; 0: no answer cache. */
  seconds: number;
  /** Takes the cache writes, which finish after the answer is sent (ExecutionContext.waitUntil). */
  background: (work: Promise<unknown>) => void;
  stats: AnswerCacheStats;
}

/**
 * The Cache API in front of the engine. An answer depends only on the index
 * version and the URL (see conditional-get.ts), so a query asked again in the
 * same data centre — by any visitor, in any isolate — is answered from the
 * cache without searching. A news site's queries repeat heavily: the day's
 * topics, and the same prefixes typed into every search box.
 *
 * The key names the index version, so a new version never serves an old
 * answer, whatever the entry's age; the age bounds only how long the cache
 * holds it. Only 200s are kept. A request that asks for no cached answer
 * (`Cache-Control: no-cache`, as a hard reload sends it) is searched afresh,
 * and its answer replaces the kept one. An answer from the cache carries
 * `Server-Timing: cache;desc="hit"`, and its `tookMs` and `io` are those of
 * the search that made it. A cache that fails is no reason not to answer.
 */
export function answerCache(options: AnswerCacheOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const cache = options.seconds > 0 && c.req.method === 'GET' ? options.cache() : undefined;
    if (!cache) return next();
    const index = await c.get('index')();
    const url = new URL(c.req.url);
    const key = new Request(`https://answer-cache.local/${encodeURIComponent(index.version)}${url.pathname}${url.search}`);
    if (!/(^|,)\s*no-cache\s*(,|$)/i.test(c.req.header('Cache-Control') ?? '')) {
      const started = performance.now();
      const hit = await cache.match(key).catch(() => undefined);
      if (hit) {
        options.stats.hits++;
        const body = await hit.arrayBuffer();
        const took = Math.round((performance.now() - started) * 1000) / 1000;
        return c.body(body, 200, {
          'Content-Type': hit.headers.get('Content-Type') ?? 'application/json',
          'Server-Timing': `cache;dur=${took};desc="hit"`,
        });
      }
    }
    options.stats.misses++;
    await next();
    if (c.res.status !== 200) return;
    c.res.headers.append('Server-Timing', 'cache;desc="miss"');
    const kept = new Response(await c.res.clone().arrayBuffer(), {
      headers: { 'Content-Type': c.res.headers.get('Content-Type') ?? 'application/json', 'Cache-Control': `public, max-age=${options.seconds}` },
    });
    options.background(cache.put(key, kept).catch(() => undefined));
  };
}
