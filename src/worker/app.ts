import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { DEFAULT_CONFIG, type WorkerConfig } from './config';
import type { Writer } from '../live/writer';
import type { CacheLike } from '../index/storage/cache-store';
import type { AppEnv, IndexSource } from './env';
import { errorBody } from './errors';
import { pageQuery, searchQuery, suggestQuery, type PageParams } from './params';
import { oncePerRequest } from './request-index';
import { answerCache, type AnswerCacheStats } from './middleware/answer-cache';
import { conditionalGet } from './middleware/conditional-get';
import { adminAuth } from './middleware/admin-auth';
import { apiCors } from './middleware/cors';
import { notFound, onError } from './middleware/errors';
import { rateLimit, type RateLimiter } from './middleware/rate-limit';
import { securityHeaders } from './middleware/security-headers';
import { adminRoute } from './routes/admin';
import { healthRoute } from './routes/health';
import { pageRoute } from './routes/page';
import { searchRoute } from './routes/search';
import { suggestRoute } from './routes/suggest';

export interface AppDeps {
  /** Resolves the index; called per request, so it must cache (see index-loader.ts). */
  index: IndexSource;
  config?: WorkerConfig;
  /** The Workers Rate Limiting binding, when configured. */
  rateLimiter?: () => RateLimiter | undefined;
  /** The write API's token (a Worker secret); unset: the write API does not exist. */
  adminToken?: () => string | undefined;
  /** The index's writer (live updates); null: the write API answers 503. */
  writer?: () => Writer | null;
  /** The Cache API for answers (`caches.default`), and what takes its writes after the answer; none: no answer cache. */
  answerCache?: { cache: () => CacheLike | undefined; background: (work: Promise<unknown>) => void };
  /**
   * What tells this deployment's answers from another's over the same index (the Worker version's id): part
   * of every ETag and answer-cache key, so a deploy that changes code or settings serves none of the old answers.
   */
  deployment?: string;
}

const API_ROUTES = ['/api/search', '/api/suggest', '/api/health'];
const API_METHODS = 'GET, HEAD, OPTIONS';

/**
 * The HTTP API. Handlers stay tiny: parameters are validated by the
 * validators of params.ts, searching is src/search's job, and cross-cutting
 * concerns are middleware: security headers, CORS, wrong methods, rate
 * limits, conditional GET, the answer cache, JSON errors. The index arrives as a dependency,
 * so tests run the app in Node with `app.request()` and the Worker loads it
 * from its static assets.
 */
/** The write API's paths (authenticated, never CORS). */
export function isAdminPath(path: string): boolean {
  return path === '/api/admin' || path.startsWith('/api/admin/');
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const config = deps.config ?? DEFAULT_CONFIG;
  const app = new Hono<AppEnv>();
  // The answer cache, when there is one: its Cache API and the hits and misses it counts in this isolate.
  const answerCaching = deps.answerCache && config.answerCacheSeconds > 0 ? { ...deps.answerCache, stats: { hits: 0, misses: 0 } as AnswerCacheStats } : null;
  app.use('*', securityHeaders);
  app.use('*', async (c, next) => {
    c.set('index', oncePerRequest(deps.index));
    c.set('deployment', deps.deployment ?? '');
    c.set('limits', config.limits);
    c.set('writer', deps.writer ?? (() => null));
    c.set('answers', answerCaching?.stats ?? null);
    await next();
  });
  // The write API first: without its token it does not exist (404), and it never sends CORS headers.
  app.use('/api/admin/*', adminAuth(deps.adminToken ?? (() => undefined)));
  const cors = apiCors(config.allowedOrigins);
  app.use('/api/*', (c, next) => (isAdminPath(c.req.path) ? next() : cors(c, next)));
  // Any other method on an API route or the page (POST, DELETE, TRACE, made-up ones) is a 405 that says which
  // are allowed. The page needs it too: in the Worker, a method it has no route for falls through to the static
  // assets, which answer an empty 404.
  const wrongMethod = methodNotAllowed({
    app,
    onMethodNotAllowed: (c, methods) => {
      const allow = methods.join(', ');
      return c.json(errorBody('method_not_allowed', `Use ${allow}.`), 405, { Allow: allow });
    },
  });
  app.use('/api/*', wrongMethod);
  app.use('/', wrongMethod);
  app.use('/api/*', rateLimit(deps.rateLimiter ?? (() => undefined)));
  app.use('/api/search', conditionalGet(config.cacheMaxAge, searchQuery));
  app.use('/api/suggest', conditionalGet(config.cacheMaxAge, suggestQuery));
  if (answerCaching) {
    const cached = (validate: MiddlewareHandler<AppEnv>, searches?: (c: Context<AppEnv>) => boolean) =>
      answerCache({ ...answerCaching, seconds: config.answerCacheSeconds, validate, ...(searches ? { searches } : {}) });
    app.use('/api/search', cached(searchQuery));
    app.use('/api/suggest', cached(suggestQuery));
    // The page without a search (the landing page, a date form's redirect) is the page's own, whatever the index.
    app.use('/', cached(pageQuery, (c) => searchesIndex(validPage(c))));
  }
  app.route('/api/search', searchRoute);
  app.route('/api/suggest', suggestRoute);
  app.route('/api/health', healthRoute);
  app.route('/api/admin', adminRoute());
  // After the routes, so that an Allow header lists GET and HEAD first.
  app.on('OPTIONS', API_ROUTES, (c) => c.body(null, 204, { Allow: API_METHODS }));
  app.route('/', pageRoute);
  app.all('/api/*', notFound);
  app.onError(onError);
  app.notFound(notFound);
  return app;
}

/** The page's parameters as its validator left them (run by the answer cache before the route). */
function validPage(c: Context<AppEnv>): PageParams {
  return (c.req.valid as (target: 'query') => PageParams)('query');
}

/** Whether the page runs a search (not the landing page, not a redirect): only then is its answer the index's. */
function searchesIndex(page: PageParams): boolean {
  return page.search !== null && page.redirect === null;
}
