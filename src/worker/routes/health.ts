import { Hono } from 'hono';
import type { AppEnv } from '../env';

/** `GET /api/health`: ok once the index is open, with what it holds and what this isolate keeps of it. */
export const healthRoute = new Hono<AppEnv>().get('/', async (c) => {
  const loader = c.get('index');
  const index = await loader();
  const { createdAt } = index.root;
  // `loads` shows the index is opened once per isolate, not per request.
  return c.json({
    status: 'ok',
    index: { builtAt: createdAt, ...index.describe() },
    isolate: { indexLoads: loader.loads ?? null, cache: index.cacheFill() },
  });
});
