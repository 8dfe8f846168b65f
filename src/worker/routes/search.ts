import { Hono } from 'hono';
import { search } from '../../search';
import type { AppEnv } from '../env';
import { searchQuery } from '../params';

/** `GET /api/search?q=&limit=&offset=&group=&recency=`: the same JSON as `npm run query -- --json`. */
export const searchRoute = new Hono<AppEnv>().get('/', searchQuery, async (c) => {
  const params = c.req.valid('query');
  const index = await c.get('index')();
  const response = await search(index, params.q, params);
  const { reads, bytes, waves } = response.io;
  c.header('Server-Timing', `search;dur=${response.tookMs}, io;desc="reads=${reads} bytes=${bytes} waves=${waves}"`);
  return c.json(response);
});
