import type { MiddlewareHandler } from 'hono';
import { fnv1aString } from '../../index/fnv1a';
import type { AppEnv } from '../env';
import { validatorAccepts } from './validator-accepts';

/**
 * HTTP caching for API answers. An answer depends only on the index, the
 * deployment (the Worker's code and settings) and the URL, so its ETag is the
 * index version plus a hash of the deployment and the query string; a
 * matching `If-None-Match` gets a 304 before any searching is done.
 *
 * `validate` is the route's parameter validator: a 304 says the client's copy
 * of a 200 is still good, so it is sent only for a request the route would
 * answer with that 200. A request the validator refuses (`If-None-Match: *`
 * with `q=` or `limit=9999`) goes on to the route, whose 400 explains why and
 * is never cached.
 */
export function conditionalGet(maxAge: number, validate: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const index = await c.get('index')();
    // The root's name is a hash of the root: it changes with every version of the index.
    const etag = `"${index.version.replace(/^root-|\.json$/g, '').slice(0, 16)}-${hash(`${c.get('deployment')}\n${new URL(c.req.url).search}`)}"`;
    const cacheControl = `public, max-age=${maxAge}`;
    if (matches(c.req.header('If-None-Match'), etag) && (await validatorAccepts(c, validate))) {
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
