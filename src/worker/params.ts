import type { Context } from 'hono';
import { validator } from 'hono/validator';
import { errorMessage, queryHref } from '../render/results';
import { FACET_KINDS, type FacetKind } from '../search/facets';
import { MAX_CLAUSES, parseWholeQuery } from '../search/parse-query';
import { dateFilterProblem, isDatePrefix, isReversedRange, withDateRange } from '../search/query-edit';
import type { AppEnv } from './env';
import { HttpError } from './errors';

/** Limits on what a request may ask for; the Worker's config can lower them. */
export interface RequestLimits {
  maxQueryLength: number;
  /** Words a search query may have (see countTerms); more is a 400 `too_many_terms`. */
  maxTerms: number;
  defaultLimit: number;
  maxLimit: number;
  maxOffset: number;
}

/** The defaults; a query's words beyond MAX_CLAUSES would be ignored by the parser, so that is also the most it may have. */
export const DEFAULT_LIMITS: RequestLimits = { maxQueryLength: 500, maxTerms: MAX_CLAUSES, defaultLimit: 10, maxLimit: 100, maxOffset: 1000 };

export interface SearchParams {
  q: string;
  limit: number;
  offset: number;
  group: boolean;
  /** Recency half-life in days; 0 is off. */
  recency: number;
  /** `relevance` (the default) or `date`: newest first. */
  sort: SortOrder;
  /** Facets to count over the matches (`facets=category,tag,source,year`); none by default. */
  facets: FacetKind[];
}

export const SORT_ORDERS = ['relevance', 'date'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

type QueryParam = (name: string) => string | undefined;

/** The query string as Hono's validator hands it over (a repeated parameter as a list), read first value first, as `c.req.query()` does. */
type QueryValues = Record<string, string | string[]>;

function firstOf(query: QueryValues): QueryParam {
  return (name) => {
    const value = Object.hasOwn(query, name) ? query[name] : undefined;
    return Array.isArray(value) ? value[0] : value;
  };
}

/**
 * Why the request's query string cannot be read, or null. Hono decodes a
 * parameter whose percent-escapes are no UTF-8 (`%ED%A0%80`, a lone
 * surrogate; `%FF`; a sequence cut short) by keeping those escapes as text, so
 * `q=%ED%A0%80` would be searched as the words "ED A0 80". Such a request is
 * refused instead: no client that encodes text makes one. A `%` not followed
 * by two hex digits is no escape and stays a `%`, as URLSearchParams reads it.
 */
export function encodingError(url: string): HttpError | null {
  const start = url.indexOf('?');
  if (start === -1) return null;
  const hash = url.indexOf('#', start);
  const search = url.slice(start + 1, hash === -1 ? undefined : hash);
  for (const run of search.matchAll(/(?:%[0-9A-Fa-f]{2})+/g)) {
    try {
      decodeURIComponent(run[0]);
    } catch {
      const param = search.slice(search.lastIndexOf('&', run.index) + 1).split(/[=&]/, 1)[0]!;
      return new HttpError(400, 'invalid_encoding', `Parameter ${param.slice(0, 40)} is not valid percent-encoded UTF-8.`);
    }
  }
  return null;
}

/** The request's parameters, once their encoding is known to be good: the one place the validators read them. */
function paramsOf(query: QueryValues, c: Context<AppEnv>): QueryParam {
  const bad = encodingError(c.req.url);
  if (bad) throw bad;
  return firstOf(query);
}

/** `/api/search`'s parameters, validated; anything off is a 400 with a reason (see errors.ts). */
export const searchQuery = validator('query', (query: QueryValues, c: Context<AppEnv>) => parseSearchParams(paramsOf(query, c), c.get('limits')));

/** `/api/suggest`'s parameters, validated. */
export const suggestQuery = validator('query', (query: QueryValues, c: Context<AppEnv>) => parseSuggestParams(paramsOf(query, c), c.get('limits')));

/**
 * The search page's parameters: no query is an empty page, and a bad one a
 * message for the reader (the page answers 400 with it) rather than a JSON error.
 * The page's date range form sends `from` and `to`: they become the query's
 * `date:` filter, and the reader is sent to that query's address (`redirect`),
 * so a date range is shared and undone like every other filter.
 */
export const pageQuery = validator('query', (query: QueryValues, c: Context<AppEnv>): PageParams => {
  let get: QueryParam;
  try {
    get = paramsOf(query, c);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    // The search field shows what arrived, undecodable escapes as text, with the reason beside it.
    return { q: firstOf(query)('q') ?? '', search: null, error: errorMessage(error.code), redirect: null };
  }
  const q = get('q') ?? '';
  const from = get('from')?.trim() ?? '';
  const to = get('to')?.trim() ?? '';
  if (from || to || query.from !== undefined || query.to !== undefined) {
    // Checked as the API checks a `date:` filter, so that the form never sends the reader to a query the API refuses.
    if ((from && !isDatePrefix(from)) || (to && !isDatePrefix(to)) || isReversedRange(from, to)) {
      return { q, search: null, error: errorMessage('invalid_date'), redirect: null };
    }
    const sort = get('sort') === 'date' ? 'date' : 'relevance';
    return { q, search: null, error: null, redirect: queryHref('', withDateRange(q, from, to), { sort }) };
  }
  if (q.trim() === '') return { q, search: null, error: null, redirect: null };
  try {
    return { q, search: parseSearchParams(get, c.get('limits')), error: null, redirect: null };
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 400) throw error;
    return { q, search: null, error: errorMessage(error.code), redirect: null };
  }
});

export interface PageParams {
  /** What was typed, as it is shown in the search field. */
  q: string;
  /** The search to run, when the query is valid. */
  search: SearchParams | null;
  /** Why the query cannot be run, for the reader. */
  error: string | null;
  /** Where to send the reader instead (the date range form's answer). */
  redirect: string | null;
}

/**
 * Validates `/api/search` parameters; anything off is a 400 with a reason.
 * The one parser of a search request: the API, the page and `npm run query`
 * (whose options it reads under the same names) all call it.
 */
export function parseSearchParams(query: QueryParam, limits: RequestLimits): SearchParams {
  const q = requiredQuery(query, limits);
  const terms = countTerms(q);
  if (terms > limits.maxTerms) {
    throw new HttpError(400, 'too_many_terms', `Parameter q may have at most ${limits.maxTerms} words; it has ${terms}.`);
  }
  const date = dateFilterProblem(q);
  if (date) {
    throw new HttpError(400, 'invalid_date', `Parameter q has a date filter that cannot be searched, ${date.raw.slice(0, 60)}: ${date.reason}.`);
  }
  return {
    q,
    limit: integer(query('limit'), 'limit', limits.defaultLimit, 1, limits.maxLimit),
    offset: integer(query('offset'), 'offset', 0, 0, limits.maxOffset),
    group: flag(query('group'), 'group'),
    recency: integer(query('recency'), 'recency', 0, 0, 3650),
    sort: oneOf(query('sort'), 'sort', SORT_ORDERS, 'relevance'),
    facets: listOf(query('facets'), 'facets', FACET_KINDS),
  };
}

/** Suggestions offered per request at most. */
export const MAX_SUGGESTIONS = 20;

/** Validates `/api/suggest` parameters. */
export function parseSuggestParams(query: QueryParam, limits: RequestLimits): { q: string; limit: number } {
  return { q: requiredQuery(query, limits), limit: integer(query('limit'), 'limit', 8, 1, MAX_SUGGESTIONS) };
}

function requiredQuery(query: QueryParam, limits: RequestLimits): string {
  const q = query('q') ?? '';
  if (q.trim() === '') throw new HttpError(400, 'missing_query', 'Parameter q is required and must not be empty.');
  if (q.length > limits.maxQueryLength) {
    throw new HttpError(400, 'query_too_long', `Parameter q must be at most ${limits.maxQueryLength} characters.`);
  }
  return q;
}

/**
 * The words of a search query, as the limit `maxTerms` counts them: each word
 * of a term or phrase, as the analyzer splits it into runs of letters and
 * digits (`US-Dollar` is two, and so is `zz:a,b`, which is no filter), and
 * each filter as one; `OR`, `AND`, `NOT`, a lone `-` do not count. Each costs
 * the engine a lookup, and phrases a check per paragraph. The query is read
 * by the parser itself, without its own cap on clauses, so the count follows
 * whatever the parser takes as a filter.
 */
export function countTerms(q: string): number {
  const parsed = parseWholeQuery(q);
  let count = parsed.filters.length + parsed.excludedFilters.length;
  for (const c of [...parsed.clauses, ...parsed.excluded]) count += wordsOf(c.text);
  return count;
}

/** Runs of letters and digits: the words the analyzer makes of a piece of text. */
function wordsOf(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

function integer(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw new HttpError(400, `invalid_${name}`, `Parameter ${name} must be a whole number.`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new HttpError(400, `invalid_${name}`, `Parameter ${name} must be between ${min} and ${max}.`);
  }
  return value;
}

function flag(raw: string | undefined, name: string): boolean {
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new HttpError(400, `invalid_${name}`, `Parameter ${name} must be true or false.`);
}

function oneOf<T extends string>(raw: string | undefined, name: string, allowed: readonly T[], fallback: T): T {
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new HttpError(400, `invalid_${name}`, `Parameter ${name} must be one of ${allowed.join(', ')}.`);
}

/** A comma-separated list of allowed values, each once, in the order given. */
function listOf<T extends string>(raw: string | undefined, name: string, allowed: readonly T[]): T[] {
  if (raw === undefined || raw.trim() === '') return [];
  const values = raw.split(',').map((v) => v.trim());
  const bad = values.find((v) => !(allowed as readonly string[]).includes(v));
  if (bad !== undefined) {
    throw new HttpError(400, `invalid_${name}`, `Parameter ${name} takes a comma-separated list of ${allowed.join(', ')}; "${bad.slice(0, 40)}" is none of them.`);
  }
  return [...new Set(values as T[])];
}
