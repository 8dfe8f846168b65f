import { Hono } from 'hono';
import type { AppEnv } from '../app';

/** `GET /api/health`: ok once the index is loaded, with what it holds. */
export const healthRoute = new Hono<AppEnv>().get('/', async (c) => {
  const index = await c.get('index')();
  const { builtAt, articles, paragraphs, terms } = index.meta;
  return c.json({ status: 'ok', index: { builtAt, articles, paragraphs, terms } });
});
