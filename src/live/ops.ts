import type { Article } from '../corpus/article';
import { normalizeMetaValue } from '../index/segment/schema';
import { parseQuery } from '../search/parse-query';
import { isDatePrefix, isReversedRange } from '../search/query-edit';

/**
 * What a writer is asked to do: put (publish or correct) an article under its
 * id, delete one by id, or delete every article a filter matches (licence
 * expiry: `source:dpa date:..2024-06`).
 */
export type WriteOp = { op: 'put'; article: Article } | { op: 'delete'; id: string } | { op: 'deleteWhere'; filter: DeleteFilter };

/** A write as the writer's log holds it: numbered in the order it was acknowledged. */
export interface LoggedOp {
  seq: number;
  write: WriteOp;
}

/** Articles of a source (normalised as filter values are) and/or dated within an inclusive range of ISO prefixes. */
export interface DeleteFilter {
  source: string | null;
  from: string | null;
  to: string | null;
}

/**
 * Parses a delete filter in the query language's syntax: `source:…` and
 * `date:FROM..TO` (each at most once, at least one of them), nothing else,
 * so that a typo can never widen a deletion to the whole index.
 */
export function parseDeleteFilter(text: string): DeleteFilter {
  // The query parser reads a malformed end of a date range as open; a deletion must not.
  for (const m of text.matchAll(/date:"?([^\s"]*)/gi)) {
    const ends = m[1]!.includes('..') ? m[1]!.split('..') : [m[1]!];
    if (ends.length > 2 || ends.some((d) => d !== '' && !isDatePrefix(d)) || ends.every((d) => d === '')) {
      throw new RangeError(`date:${m[1]} is not a date range (YYYY, YYYY-MM or YYYY-MM-DD, FROM..TO with either end open)`);
    }
    if (ends.length === 2 && isReversedRange(ends[0]!, ends[1]!)) throw new RangeError(`date:${m[1]} ends before it starts`);
  }
  const parsed = parseQuery(text);
  if (parsed.clauses.length > 0 || parsed.excluded.length > 0) {
    throw new RangeError('a delete filter takes only source: and date: (no words)');
  }
  // A search may exclude with a filter (`-source:dpa`); a deletion must not: dropping the condition would widen it.
  if (parsed.excludedFilters.length > 0) throw new RangeError('a delete filter takes no excluded filters (-source:, NOT date:)');
  const filter: DeleteFilter = { source: null, from: null, to: null };
  let dated = false;
  for (const f of parsed.filters) {
    if (f.field === 'source' && filter.source === null) filter.source = normalizeMetaValue(f.value);
    else if (f.field === 'date' && !dated) {
      dated = true;
      filter.from = f.from;
      filter.to = f.to;
    } else throw new RangeError(`a delete filter takes source: and date: once each, not ${f.field}:`);
  }
  if (filter.source === null && !dated) throw new RangeError('a delete filter needs source: or date:');
  if (filter.source === '') throw new RangeError('source: needs a value');
  return filter;
}


/** Whether an article matches a filter (an undated article never matches a date range). */
export function matchesFilter(article: Pick<Article, 'source' | 'date'>, filter: DeleteFilter): boolean {
  if (filter.source !== null && (article.source === null || normalizeMetaValue(article.source) !== filter.source)) return false;
  if (filter.from === null && filter.to === null) return true;
  if (article.date === null) return false;
  const day = article.date.slice(0, 10);
  if (filter.from !== null && day.slice(0, filter.from.length) < filter.from) return false;
  if (filter.to !== null && day.slice(0, filter.to.length) > filter.to) return false;
  return true;
}
