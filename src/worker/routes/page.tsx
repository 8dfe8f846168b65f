import { Hono } from 'hono';
import { errorMessage } from '../../render/results';
import { search, type SearchResponse } from '../../search';
import type { AppEnv } from '../app';
import { HttpError } from '../errors';
import { ResultsPage } from '../page/results-page';
import { parseSearchParams } from '../params';

/** `GET /?q=`: the search page with server-rendered results (works without JavaScript). */
export const pageRoute = new Hono<AppEnv>().get('/', async (c) => {
  const query = c.req.query('q') ?? '';
  let response: SearchResponse | null = null;
  let error: string | null = null;
  if (query.trim() !== '') {
    try {
      const params = parseSearchParams((name) => c.req.query(name), c.get('limits'));
      const index = await c.get('index')();
      response = search(index, params.q, { ...params, group: true });
    } catch (e) {
      if (!(e instanceof HttpError) || e.status !== 400) throw e;
      error = errorMessage(e.code);
    }
  }
  return c.html(<ResultsPage query={query} response={response} error={error} />, error ? 400 : 200);
});
