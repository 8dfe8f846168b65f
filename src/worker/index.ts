import { createApp } from './app';
import { errorBody } from './errors';
import { createIndexLoader, fetchIndexAsset, INDEX_ASSET_PATH } from './index-loader';

export interface Env {
  /** Workers Static Assets: the page and the search index (wrangler.toml `[assets]`). */
  ASSETS: Fetcher;
}

// Module scope lives as long as the isolate: the index is loaded once and shared by its requests.
let app: ReturnType<typeof createApp> | null = null;

function appFor(env: Env): ReturnType<typeof createApp> {
  if (app) return app;
  app = createApp({ index: createIndexLoader(fetchIndexAsset(env.ASSETS)) });
  // Everything that is not the API is a static asset — except the index itself, which is the Worker's own.
  app.all('*', async (c) => {
    if (c.req.path === INDEX_ASSET_PATH) return c.json(errorBody('not_found', 'Not found.'), 404);
    return env.ASSETS.fetch(c.req.raw);
  });
  return app;
}

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    return appFor(env).fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
