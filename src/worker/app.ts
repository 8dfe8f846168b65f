import { Hono } from 'hono';
import type { SearchIndex } from '../index/search-index';
import { notFound, onError } from './middleware/errors';
import { DEFAULT_LIMITS, type RequestLimits } from './params';
import { healthRoute } from './routes/health';
import { searchRoute } from './routes/search';
import { suggestRoute } from './routes/suggest';

export interface AppDeps {
  /** Resolves the index; called per request, so it must cache (see index-loader.ts). */
  index: () => Promise<SearchIndex>;
  limits?: RequestLimits;
}

export type AppEnv = { Variables: { index: AppDeps['index']; limits: RequestLimits } };

/**
 * The HTTP API. Handlers stay tiny: parameters are validated in params.ts,
 * searching is src/search's job, errors are turned into JSON by middleware.
 * The index arrives as a dependency, so tests can run the app in Node with
 * `app.request()` and the Worker can load it from its static assets.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('index', deps.index);
    c.set('limits', deps.limits ?? DEFAULT_LIMITS);
    await next();
  });
  app.route('/api/search', searchRoute);
  app.route('/api/suggest', suggestRoute);
  app.route('/api/health', healthRoute);
  app.all('/api/*', notFound);
  app.onError(onError);
  app.notFound(notFound);
  return app;
}
