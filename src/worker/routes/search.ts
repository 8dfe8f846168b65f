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
  const { planMs, rankMs, showMs } = response.stages;
  // The stages split search's duration; io's is the part spent waiting for storage. In workerd the clock moves only
  // at I/O: there a stage's duration is little more than its waits, and io's also holds work done since the last I/O.
  c.header(
    'Server-Timing',
    `search;dur=${response.tookMs}, plan;dur=${planMs}, rank;dur=${rankMs}, show;dur=${showMs}, io;dur=${waitMs};desc="reads=${reads} bytes=${bytes} waves=${waves}"`,
  );
  return c.json(response);
});
