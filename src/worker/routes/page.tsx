import { Hono } from 'hono';
import { search } from '../../search';
import type { AppEnv } from '../env';
import { ResultsPage } from '../page/results-page';
import { pageQuery } from '../params';

/** `GET /?q=`: the search page with server-rendered results (works without JavaScript). */
export const pageRoute = new Hono<AppEnv>().get('/', pageQuery, async (c) => {
  const { q, search: params, error } = c.req.valid('query');
  const response = params ? await search(await c.get('index')(), params.q, { ...params, group: true }) : null;
  return c.html(<ResultsPage query={q} response={response} error={error} />, error ? 400 : 200);
});
