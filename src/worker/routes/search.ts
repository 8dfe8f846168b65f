import { Hono } from 'hono';
import { search } from '../../search';
import type { AppEnv } from '../app';
import { parseSearchParams } from '../params';

/** `GET /api/search?q=&limit=&offset=&group=`: the same JSON as `npm run query -- --json`. */
export const searchRoute = new Hono<AppEnv>().get('/', async (c) => {
  const params = parseSearchParams((name) => c.req.query(name), c.get('limits'));
  const index = await c.get('index')();
  const response = search(index, params.q, params);
  c.header('Server-Timing', `search;dur=${response.tookMs}`);
  return c.json(response);
});
