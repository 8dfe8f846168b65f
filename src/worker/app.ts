import { Hono } from 'hono';
import type { SearchIndex } from '../index/search-index';
import { DEFAULT_CONFIG, type WorkerConfig } from './config';
import { errorBody } from './errors';
import { conditionalGet } from './middleware/conditional-get';
import { apiCors } from './middleware/cors';
import { notFound, onError } from './middleware/errors';
import { rateLimit, type RateLimiter } from './middleware/rate-limit';
import { securityHeaders } from './middleware/security-headers';
import type { RequestLimits } from './params';
import { healthRoute } from './routes/health';
import { pageRoute } from './routes/page';
import { searchRoute } from './routes/search';
import { suggestRoute } from './routes/suggest';

export interface AppDeps {
  /** Resolves the index; called per request, so it must cache (see index-loader.ts). */
  index: (() => Promise<SearchIndex>) & { loads?: number };
  config?: WorkerConfig;
  /** The Workers Rate Limiting binding, when configured. */
  rateLimiter?: () => RateLimiter | undefined;
}

export type AppEnv = { Variables: { index: AppDeps['index']; limits: RequestLimits } };

const API_METHODS = 'GET, HEAD, OPTIONS';

/**
 * The HTTP API. Handlers stay tiny: parameters are validated in params.ts,
 * searching is src/search's job, and cross-cutting concerns are middleware:
 * security headers, CORS, rate limits, conditional GET, JSON errors. The index
 * arrives as a dependency, so tests run the app in Node with `app.request()`
 * and the Worker loads it from its static assets.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const config = deps.config ?? DEFAULT_CONFIG;
  const app = new Hono<AppEnv>();
  app.use('*', securityHeaders);
  app.use('*', async (c, next) => {
    c.set('index', deps.index);
    c.set('limits', config.limits);
    await next();
  });
  app.use('/api/*', apiCors(config.allowedOrigins));
  app.options('/api/*', (c) => c.body(null, 204, { Allow: API_METHODS }));
  // Any other method (POST, DELETE, TRACE, made-up ones) is a 405 that says which are allowed.
  app.use('/api/*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      return c.json(errorBody('method_not_allowed', `Use ${API_METHODS}.`), 405, { Allow: API_METHODS });
    }
    await next();
  });
  app.use('/api/*', rateLimit(deps.rateLimiter ?? (() => undefined)));
  app.use('/api/search', conditionalGet(config.cacheMaxAge));
  app.use('/api/suggest', conditionalGet(config.cacheMaxAge));
  app.route('/api/search', searchRoute);
  app.route('/api/suggest', suggestRoute);
  app.route('/api/health', healthRoute);
  app.route('/', pageRoute);
  app.all('/api/*', notFound);
  app.onError(onError);
  app.notFound(notFound);
  return app;
}
