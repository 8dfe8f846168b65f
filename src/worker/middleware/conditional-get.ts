import type { MiddlewareHandler } from 'hono';
import { fnv1aString } from '../../index/fnv1a';
import type { AppEnv } from '../env';

/**
 * HTTP caching for API answers. An answer depends only on the index and the
 * URL, so its ETag is the index version plus a hash of the query string; a
 * matching `If-None-Match` gets a 304 before any searching is done.
 */
export function conditionalGet(maxAge: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const index = await c.get('index')();
    // The root's name is a hash of the root: it changes with every version of the index.
    const etag = `"${index.version.replace(/^root-|\.json$/g, '').slice(0, 16)}-${hash(new URL(c.req.url).search)}"`;
    const cacheControl = `public, max-age=${maxAge}`;
    if (matches(c.req.header('If-None-Match'), etag)) {
      return c.body(null, 304, { ETag: etag, 'Cache-Control': cacheControl });
    }
    await next();
    if (c.res.status === 200) {
      c.res.headers.set('ETag', etag);
      c.res.headers.set('Cache-Control', cacheControl);
    } else {
      c.res.headers.set('Cache-Control', 'no-store');
    }
  };
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function hash(text: string): string {
  return fnv1aString(text).toString(36);
}
