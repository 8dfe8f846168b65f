import { Hono } from 'hono';
import type { AppEnv } from '../env';

/** `GET /api/health`: ok once the index is loaded, with what it holds. */
export const healthRoute = new Hono<AppEnv>().get('/', async (c) => {
  const loader = c.get('index');
  const index = await loader();
  const { builtAt, articles, paragraphs, terms } = index.meta;
  // `loads` shows the index is loaded once per isolate, not per request.
  return c.json({ status: 'ok', index: { builtAt, articles, paragraphs, terms }, isolate: { indexLoads: loader.loads ?? null } });
});
