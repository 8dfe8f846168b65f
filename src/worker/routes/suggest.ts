import { Hono } from 'hono';
import { suggest } from '../../search';
import type { AppEnv } from '../app';
import { parseSuggestParams } from '../params';

/** `GET /api/suggest?q=&limit=`: completions for the word being typed. */
export const suggestRoute = new Hono<AppEnv>().get('/', async (c) => {
  const params = parseSuggestParams((name) => c.req.query(name), c.get('limits'));
  const index = await c.get('index')();
  return c.json(suggest(index, params.q, params.limit));
});
