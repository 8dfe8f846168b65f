import { Hono } from 'hono';
import { suggest } from '../../search';
import type { AppEnv } from '../env';
import { suggestQuery } from '../params';

/** `GET /api/suggest?q=&limit=`: completions for the word being typed. */
export const suggestRoute = new Hono<AppEnv>().get('/', suggestQuery, async (c) => {
  const params = c.req.valid('query');
  const index = await c.get('index')();
  return c.json(await suggest(index, params.q, params.limit));
});
