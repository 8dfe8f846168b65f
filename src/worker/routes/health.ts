import { Hono } from 'hono';
import type { AppEnv } from '../env';

/**
 * `GET /api/health`: ok once the index is open, with what it holds (root
 * size included: what an isolate reads before its first answer) and what
 * this isolate keeps of it: cache fill per consumer (whole chunks, verified
 * ranges, decoded dictionary blocks, inflated stored blocks, decoded
 * paragraphs, what typo scans found; bytes), and, for an index in R2, the
 * version checks and the Cache API's hits; and how often answers came from
 * the answer cache.
 */
export const healthRoute = new Hono<AppEnv>().get('/', async (c) => {
  const loader = c.get('index');
  const index = await loader();
  const { createdAt } = index.root;
  // `loads` shows the index is opened once per isolate, not per request.
  return c.json({
    status: 'ok',
    index: { builtAt: createdAt, ...index.describe() },
    isolate: { indexLoads: loader.loads ?? null, cache: index.cacheFill(), versions: loader.status?.() ?? null, answers: c.get('answers') },
  });
});
