import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/**
 * CORS for the API. With no allowed origins (the default) no CORS headers are
 * sent, so only pages of the Worker's own origin can read answers; `*` allows
 * any origin (an embeddable box on many sites); otherwise a list.
 */
export function apiCors(allowedOrigins: readonly string[]): MiddlewareHandler {
  if (allowedOrigins.length === 0) return async (_c, next) => next();
  const any = allowedOrigins.includes('*');
  return cors({
    origin: any ? '*' : (origin) => (allowedOrigins.includes(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'OPTIONS'],
    exposeHeaders: ['ETag', 'Server-Timing'],
    maxAge: 86_400,
  });
}
