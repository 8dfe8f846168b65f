import type { Context, MiddlewareHandler } from 'hono';
import type { CacheLike, EdgeCacheStats } from '../../index/storage/cache-store';
import { roundMs } from '../../index/storage/io-wait';
import type { AppEnv } from '../env';
import { validatorAccepts } from './validator-accepts';

/** How often this isolate found an answer in the cache (since it started); requests that could not be cached are not counted. */
export type AnswerCacheStats = Pick<EdgeCacheStats, 'hits' | 'misses'>;

export interface AnswerCacheOptions {
  /** The Cache API (`caches.default`); undefined where there is none (Node tests without one). */
  cache: () => CacheLike | undefined;
  /** How long an answer is kept, in seconds; 0: no answer cache. */
  seconds: number;
  /** Takes the cache writes, which finish after the answer is sent (ExecutionContext.waitUntil). */
  background: (work: Promise<unknown>) => void;
  stats: AnswerCacheStats;
  /** The route's parameter validator: a request it refuses is answered by the route (a 400), never looked up. */
  validate: MiddlewareHandler<AppEnv>;
  /**
   * Whether an accepted request's answer comes from the index at all (the page without a search does not, and
   * must not wait for the index, nor fail with it); default: every one.
   */
  searches?: (c: Context<AppEnv>) => boolean;
}

/** The kept answer's length: an entry whose write was cut short (its request ended first) is not trusted. */
const LENGTH = 'X-Answer-Length';

/**
 * The Cache API in front of the engine. An answer depends only on the
 * deployment (the Worker's code and settings), the index version and the URL
 * (see conditional-get.ts), so a query asked again in the same data centre —
 * by any visitor, in any isolate — is answered from the cache without
 * searching. A news site's queries repeat heavily: the day's topics, and the
 * same prefixes typed into every search box.
 *
 * The key names the deployment and the index version, so neither a new
 * version nor a deploy ever serves an answer of the one before, whatever the
 * entry's age; the age bounds only how long the cache holds it. Only 200s of
 * GET requests the route accepts are kept (a HEAD goes to the route, which
 * answers it as a GET without the body). A request that asks for no cached
 * answer (`Cache-Control: no-cache`, as a hard reload sends it) is searched
 * afresh, and its answer replaces the kept one. An answer from the cache
 * carries `Server-Timing: cache;desc="hit"`, and its `tookMs` and `io` are
 * those of the search that made it. A cache that fails, or an entry cut
 * short, is no reason not to answer: the request is searched.
 */
export function answerCache(options: AnswerCacheOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const cache = options.seconds > 0 && c.req.method === 'GET' ? options.cache() : undefined;
    if (!cache || !(await validatorAccepts(c, options.validate)) || !(options.searches?.(c) ?? true)) return next();
    const index = await c.get('index')();
    const url = new URL(c.req.url);
    const key = new Request(`https://answer-cache.local/${encodeURIComponent(c.get('deployment'))}/${encodeURIComponent(index.version)}${url.pathname}${url.search}`);
    if (!/(^|,)\s*no-cache\s*(,|$)/i.test(c.req.header('Cache-Control') ?? '')) {
      const started = performance.now();
      const hit = await kept(cache, key);
      if (hit) {
        options.stats.hits++;
        return c.body(hit.body, 200, { 'Content-Type': hit.type, 'Server-Timing': `cache;dur=${roundMs(performance.now() - started)};desc="hit"` });
      }
    }
    options.stats.misses++;
    await next();
    if (c.res.status !== 200) return;
    c.res.headers.append('Server-Timing', 'cache;desc="miss"');
    const body = await c.res.clone().arrayBuffer();
    const entry = new Response(body, {
      headers: {
        'Content-Type': c.res.headers.get('Content-Type') ?? 'application/json',
        'Cache-Control': `public, max-age=${options.seconds}`,
        [LENGTH]: String(body.byteLength),
      },
    });
    options.background(cache.put(key, entry).catch(() => undefined));
  };
}

/** The kept answer under `key`, whole, or null (none, cut short, or the cache failed). */
async function kept(cache: CacheLike, key: Request): Promise<{ body: ArrayBuffer; type: string } | null> {
  try {
    const hit = await cache.match(key);
    if (!hit) return null;
    const body = await hit.arrayBuffer();
    if (String(body.byteLength) !== hit.headers.get(LENGTH)) return null;
    return { body, type: hit.headers.get('Content-Type') ?? 'application/json' };
  } catch {
    return null;
  }
}
