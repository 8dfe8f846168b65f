import type { IndexReader } from '../index/index-reader';
import { search, type SearchOptions, type SearchResponse } from './engine';
import { filtersOf, scoringPieces, withoutFilter, withoutPiece, type FilterField } from './query-edit';

/** A query that finds something where the one asked found nothing: the same query with one filter or word left out. */
export interface Alternative {
  query: string;
  /** What was left out: a filter, or the query's rarest word (or phrase), as typed. */
  removed: { kind: 'filter'; field: FilterField; value: string } | { kind: 'word'; text: string };
  total: number;
  totalExact: boolean;
}

/** A search answer; one that found nothing says what would find something (`alternatives`, possibly empty). */
export type AnsweredSearch = SearchResponse & { alternatives?: Alternative[] };

/** Filters and words tried at most, each one query of no results to show: a dead end stays cheap. */
const MAX_FILTERS = 4;
const MAX_WORDS = 6;

/**
 * Searches, and when nothing is found, looks for ways out (no dead ends):
 * the query without each of its filters in turn, and without its rarest
 * word (the one fewest paragraphs contain: often a typo or a phrase that
 * never occurs, which a query must match). Only those that find something
 * are offered.
 */
export async function searchWithAlternatives(index: IndexReader, q: string, options: SearchOptions = {}): Promise<AnsweredSearch> {
  const response: AnsweredSearch = await search(index, q, options);
  if (response.total === 0) response.alternatives = await alternativesFor(index, q, options);
  return response;
}

async function alternativesFor(index: IndexReader, q: string, options: SearchOptions): Promise<Alternative[]> {
  const count = (query: string, group = options.group) =>
    search(index, query, { group, limit: 0, recency: options.recency }).then((r) => ({ total: r.total, totalExact: r.totalExact }));
  const candidates: Array<Pick<Alternative, 'query' | 'removed'>> = [];
  // Filters kept to: an excluded one (`-tag:Sport`) only ever takes results away.
  for (const f of filtersOf(q).filter((f) => !f.negated).slice(0, MAX_FILTERS)) {
    candidates.push({ query: withoutFilter(q, f), removed: { kind: 'filter', field: f.field, value: f.value } });
  }
  const words = scoringPieces(q).slice(0, MAX_WORDS);
  if (words.length > 0) {
    const frequencies = await Promise.all(words.map((w) => count(w, false)));
    let rarest = 0;
    frequencies.forEach((f, i) => {
      if (f.total <= frequencies[rarest]!.total) rarest = i;
    });
    const text = words[rarest]!;
    const query = withoutPiece(q, text);
    if (query.trim()) candidates.push({ query, removed: { kind: 'word', text } });
  }
  const out: Alternative[] = [];
  for (const c of candidates) {
    if (out.some((a) => a.query === c.query)) continue;
    const found = await count(c.query);
    if (found.total > 0) out.push({ ...c, ...found });
  }
  return out;
}
