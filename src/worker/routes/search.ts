import { Hono } from 'hono';
import { searchWithAlternatives } from '../../search/relax';
import type { AppEnv } from '../env';
import { searchQuery } from '../params';

/**
 * `GET /api/search?q=&limit=&offset=&group=&recency=&sort=&facets=`: the same JSON as `npm run query -- --json`;
 * an answer without results lists `alternatives` that have some.
 */
export const searchRoute = new Hono<AppEnv>().get('/', searchQuery, async (c) => {
  const params = c.req.valid('query');
  const index = await c.get('index')();
  const response = await searchWithAlternatives(index, params.q, params);
  const { reads, bytes, waves, waitMs } = response.io;
  // io's duration is the part of search's spent waiting for storage (where the clock moves only at I/O, an upper bound).
  c.header('Server-Timing', `search;dur=${response.tookMs}, io;dur=${waitMs};desc="reads=${reads} bytes=${bytes} waves=${waves}"`);
  return c.json(response);
});
