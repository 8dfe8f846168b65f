/**
 * Filters as the reader sees them: in the query itself (`Ukraine tag:SPD
 * date:2023`), so a filtered search is an ordinary, shareable address and the
 * back button undoes a filter. These functions add, remove and list the
 * filters of a query string, leaving everything else as it was typed; the
 * engine reads the result with its own parser (src/search/parse-query.ts),
 * whose rules for words, quotes and `field:` the splitting here follows.
 */
import { normalizeMetaValue } from '../index/segment/schema';
import { isSpace } from './parse-query';
import { FILTER_FIELDS } from './query';

export type FilterField = (typeof FILTER_FIELDS)[number];

/** A filter of a query: its field, its value (unquoted), the text it was written as, and whether it excludes (`-tag:NATO`). */
export interface QueryFilter {
  field: FilterField;
  value: string;
  raw: string;
  negated: boolean;
}

const FIELD_PATTERN = /^([a-z]+):(.*)$/i;

/**
 * The query in pieces as typed: phrases, words and filters, each with its
 * text. A quote left open is closed (the parser closes it at the end too),
 * so that what is added after it is not read as part of it.
 */
function pieces(q: string): Array<{ raw: string; filter: QueryFilter | null }> {
  const out: Array<{ raw: string; filter: QueryFilter | null }> = [];
  const n = q.length;
  let i = 0;
  while (i < n) {
    if (isSpace(q[i]!)) {
      i++;
      continue;
    }
    const start = i;
    // `-` (or a `NOT` before) excludes the word, phrase or filter that follows. After a `NOT` the parser takes a
    // `-` as part of the word (`NOT -tag:X` excludes the word `-tag:X`), so that is no filter here either.
    const afterNot = NOT.has(out.at(-1)?.raw ?? '');
    const minus = q[i] === '-' && i + 1 < n && !isSpace(q[i + 1]!) && !afterNot;
    const negated = minus || afterNot;
    if (minus) i++;
    if (q[i] === '"') {
      const close = q.indexOf('"', i + 1);
      i = close === -1 ? n : close + 1;
      out.push({ raw: q.slice(start, i) + (close === -1 ? '"' : ''), filter: null });
      continue;
    }
    const body = i;
    while (i < n && !isSpace(q[i]!) && q[i] !== '"') i++;
    const m = FIELD_PATTERN.exec(q.slice(body, i));
    const field = m?.[1]!.toLowerCase() as FilterField | undefined;
    if (!m || !field || !(FILTER_FIELDS as readonly string[]).includes(field)) {
      out.push({ raw: q.slice(start, i), filter: null });
      continue;
    }
    let value = m[2]!;
    let closed = '';
    if (value === '' && q[i] === '"') {
      const close = q.indexOf('"', i + 1);
      value = q.slice(i + 1, close === -1 ? n : close);
      i = close === -1 ? n : close + 1;
      if (close === -1) closed = '"';
    }
    const raw = q.slice(start, i) + closed;
    value = value.trim();
    // A filter without a value is no filter for the engine either: it stays a word.
    out.push({ raw, filter: value ? { field, value, raw, negated } : null });
  }
  return out;
}

function joined(parts: ReadonlyArray<{ raw: string }>): string {
  return parts.map((p) => p.raw).join(' ');
}

/** The filters of a query, in the order typed, those that exclude (`-tag:NATO`) included. */
export function filtersOf(q: string): QueryFilter[] {
  return pieces(q).flatMap((p) => (p.filter ? [p.filter] : []));
}

const OPERATORS = new Set(['OR', 'AND', 'NOT', '||', '&&', '|', '&']);
const NOT = new Set(['NOT', '-NOT']);

/** The words and phrases of a query that score (not filters, exclusions or operators), as typed. */
export function scoringPieces(q: string): string[] {
  const all = pieces(q);
  return all.flatMap((p, i) => {
    if (p.filter || OPERATORS.has(p.raw) || p.raw.startsWith('-') || all[i - 1]?.raw === 'NOT') return [];
    return /[\p{L}\p{N}]/u.test(p.raw) ? [p.raw] : [];
  });
}

/** The query without the piece (word or phrase) written `raw`, its first occurrence. */
export function withoutPiece(q: string, raw: string): string {
  const all = pieces(q);
  const at = all.findIndex((p) => p.raw === raw);
  return joined(all.filter((_, i) => i !== at));
}

/** How a filter is written: `tag:NATO`, `tag:"Mark Rutte"` (quotes inside a value are dropped: the query language has no escape). */
export function filterText(field: FilterField, value: string): string {
  const clean = value.replace(/"/g, '').trim();
  return [...clean].some(isSpace) ? `${field}:"${clean}"` : `${field}:${clean}`;
}

function sameFilter(a: { field: FilterField; value: string }, b: { field: FilterField; value: string }): boolean {
  if (a.field !== b.field) return false;
  if (a.field === 'date' || a.field === 'id') return a.value === b.value;
  return normalizeMetaValue(a.value.replace(/"/g, '')) === normalizeMetaValue(b.value.replace(/"/g, ''));
}

/** Whether the query keeps to this filter (values compared as the engine compares them: case and accents aside). */
export function hasFilter(q: string, field: FilterField, value: string): boolean {
  return filtersOf(q).some((f) => !f.negated && sameFilter(f, { field, value }));
}

/**
 * The query with the filter added at its end (unchanged when it has it already, or when the value is empty); the
 * same filter excluded (`-tag:NATO`) goes, or the query would find nothing.
 */
export function withFilter(q: string, field: FilterField, value: string): string {
  if (hasFilter(q, field, value) || value.replace(/"/g, '').trim() === '') return q;
  return join(withoutTrailingNot(withoutFilter(q, { field, value, negated: true })), filterText(field, value));
}

/** The query without a `NOT` at its end: it excludes nothing there, but would exclude what is added after it. */
function withoutTrailingNot(q: string): string {
  const all = pieces(q);
  while (all.length > 0 && NOT.has(all.at(-1)!.raw)) all.pop();
  return joined(all);
}

/** The query without this filter (every piece that writes it; an excluding filter when `negated`). */
export function withoutFilter(q: string, filter: { field: FilterField; value: string; negated?: boolean }): string {
  const all = pieces(q);
  const drop = new Set<number>();
  all.forEach((p, i) => {
    if (!p.filter || p.filter.negated !== (filter.negated ?? false) || !sameFilter(p.filter, filter)) return;
    drop.add(i);
    // The `NOT` of an excluded filter goes with it: left alone, it would exclude the next word.
    for (let j = i - 1; j >= 0 && NOT.has(all[j]!.raw); j--) drop.add(j);
  });
  return joined(all.filter((_, i) => !drop.has(i)));
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * A date a reader may give for a range: `2024`, `2024-11`, `2024-11-13`, and
 * only one that exists (`2024-02-29`, not `2023-02-29`, `2024-13` or
 * `2024-04-31`): the engine compares dates as text, so a month 13 would be
 * searched and silently find nothing.
 */
export function isDatePrefix(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  return day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

/** Days of a month of the Gregorian calendar (month 1–12). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether a range of date prefixes ends before it starts, so that no date is
 * in it: `2025..2021`, `2024-12..2024-11-30`. Ends compare as far as both go
 * (a prefix stands for all its days), so `2024-11..2024` is November and
 * December 2024, and `2024..2024-03` January to March.
 */
export function isReversedRange(from: string, to: string): boolean {
  if (!from || !to) return false;
  const n = Math.min(from.length, to.length);
  return from.slice(0, n) > to.slice(0, n);
}

/** What is wrong with a date filter of a query: the filter as written and why the engine could not search it. */
export interface DateFilterProblem {
  raw: string;
  reason: string;
}

/**
 * The first date filter of the query that names no real date range, or null:
 * an end that is no existing date (`date:2024-13`, `date:2024-02-30`,
 * `date:gestern`), more than one `..`, or a range that ends before it starts
 * (`date:2025..2021`). The parser never refuses a query; it reads such a filter
 * as one that finds nothing (or ignores it), so it is the API's to refuse them
 * with a reason. A reversed range is refused, not swapped: the reader may have
 * mistyped a year, and a swapped range would search one they did not ask for.
 * `date:..` (open at both ends) restricts nothing and is no problem.
 */
export function dateFilterProblem(q: string): DateFilterProblem | null {
  for (const f of filtersOf(q)) {
    if (f.field !== 'date') continue;
    const ends = f.value.split('..');
    if (ends.length > 2) return { raw: f.raw, reason: 'a range has one ".." between its two dates' };
    const bad = ends.find((d) => d !== '' && !isDatePrefix(d));
    if (bad !== undefined) return { raw: f.raw, reason: `"${bad.slice(0, 40)}" is no date that exists (YYYY, YYYY-MM or YYYY-MM-DD)` };
    const [from = '', to = ''] = ends;
    if (isReversedRange(from, to)) return { raw: f.raw, reason: `the range ends before it starts (date:${to}..${from} is the other way round)` };
  }
  return null;
}

/** The range of the query's date filter (the last one written), as the date fields of a form show it; empty ends are ''. */
export function dateRangeOf(q: string): { from: string; to: string } {
  const date = filtersOf(q)
    .filter((f) => f.field === 'date' && !f.negated)
    .pop();
  if (!date) return { from: '', to: '' };
  const [from = '', to = from] = date.value.includes('..') ? date.value.split('..', 2) : [date.value];
  return { from: isDatePrefix(from) ? from : '', to: isDatePrefix(to) ? to : '' };
}

/** The query with its date filters replaced by `date:FROM..TO` (none when both ends are empty; one day or year alone when they are equal). */
export function withDateRange(q: string, from: string, to: string): string {
  // Excluded dates (`-date:2024`) stay: the range replaces only the dates kept to.
  const rest = joined(pieces(q).filter((p) => p.filter?.field !== 'date' || p.filter.negated));
  if (!from && !to) return rest;
  return join(withoutTrailingNot(rest), `date:${from === to ? from : `${from}..${to}`}`);
}

/** A piece added after a query rebuilt from its pieces (so without white space at either end). */
function join(q: string, piece: string): string {
  return q ? `${q} ${piece}` : piece;
}
