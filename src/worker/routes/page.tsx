import { Hono } from 'hono';
import { PAGE_FACETS } from '../../render/controls';
import { searchWithAlternatives } from '../../search/relax';
import type { AppEnv } from '../env';
import { ResultsPage } from '../page/results-page';
import { pageQuery } from '../params';

/** `GET /?q=&sort=&offset=`: the search page with server-rendered results, facets and paging (works without JavaScript). */
export const pageRoute = new Hono<AppEnv>().get('/', pageQuery, async (c) => {
  const page = c.req.valid('query');
  if (page.redirect) return c.redirect(page.redirect, 303);
  const params = page.search;
  const response = params
    ? await searchWithAlternatives(await c.get('index')(), params.q, { ...params, group: true, facets: PAGE_FACETS })
    : null;
  const { defaultLimit, maxOffset } = c.get('limits');
  return c.html(<ResultsPage page={page} response={response} limit={defaultLimit} maxOffset={maxOffset} />, page.error ? 400 : 200);
});
