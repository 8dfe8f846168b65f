import { Hono } from 'hono';
import { search, type SearchResponse } from '../../search';
import type { AppEnv } from '../app';
import { HttpError } from '../errors';
import { ResultsPage } from '../page/results-page';
import { parseSearchParams } from '../params';

/** What a reader is told about a bad query, by error code. */
const GERMAN_MESSAGES: Record<string, string> = {
  query_too_long: 'Die Suchanfrage ist zu lang.',
  too_many_terms: 'Die Suchanfrage hat zu viele Wörter.',
  invalid_limit: 'Die Anzahl der Treffer pro Seite ist ungültig.',
  invalid_offset: 'Die Seitenangabe ist ungültig.',
};

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
      error = GERMAN_MESSAGES[e.code] ?? 'Die Suchanfrage ist ungültig.';
    }
  }
  return c.html(<ResultsPage query={query} response={response} error={error} />, error ? 400 : 200);
});
