import type MiniSearch from 'minisearch';
import type { Query } from 'minisearch';

/**
 * The two MiniSearch internals the engine relies on, kept in this one file
 * (MiniSearch is pinned to an exact version in package.json; tests in
 * tests/search/minisearch-internals.test.ts fail if an upgrade changes them).
 *
 * Why not the public `search()`: it multiplies each score by the number of
 * distinct query terms matched, sorts every hit and copies stored fields into
 * a result object per hit. The engine runs one query per query word (its exact,
 * stem and compound-part terms) and does its own coordination across words, so
 * it needs the unsorted raw scores, keyed by MiniSearch's internal document id
 * (which equals our paragraph number, since paragraphs are added in order
 * starting at 0 — checked on load).
 */
export interface RawHit {
  score: number;
  /** The query terms that matched. */
  terms: string[];
  /** Matched index term → fields it matched in. */
  match: Record<string, string[]>;
}

/** Field id → (document id → term frequency), MiniSearch's postings for one term. */
type FieldPostings = Map<number, Map<number, number>>;

interface Internals {
  executeQuery(query: Query, searchOptions?: object): Map<number, RawHit>;
  _index: {
    has(term: string): boolean;
    get(term: string): FieldPostings | undefined;
    atPrefix(prefix: string): Iterable<[string, FieldPostings]>;
  };
  _documentIds: Map<number, unknown>;
}

const internals = (ms: MiniSearch<never> | MiniSearch<any>): Internals => ms as unknown as Internals;

export function executeRaw(ms: MiniSearch<any>, query: Query): Map<number, RawHit> {
  return internals(ms).executeQuery(query);
}

/** True when some field of the index holds `term`. */
export function hasTerm(ms: MiniSearch<any>, term: string): boolean {
  return internals(ms)._index.has(term);
}

/** Number of documents holding `term` in the field with id `fieldId` (its position in FIELDS). */
export function documentFrequency(ms: MiniSearch<any>, term: string, fieldId: number): number {
  return internals(ms)._index.get(term)?.get(fieldId)?.size ?? 0;
}

/** Documents holding `term` in the field with id `fieldId`. */
export function documentsWithTerm(ms: MiniSearch<any>, term: string, fieldId: number): Iterable<number> {
  return internals(ms)._index.get(term)?.get(fieldId)?.keys() ?? [];
}

/** Whether internal document ids equal the ids we gave (0..n-1 in order). */
export function idsAreOrdinal(ms: MiniSearch<any>): boolean {
  const ids = internals(ms)._documentIds;
  let expected = 0;
  for (const [shortId, id] of ids) {
    if (shortId !== expected || id !== expected) return false;
    expected++;
  }
  return true;
}

/** Index terms starting with `prefix`, with their postings per field. */
export function termsWithPrefix(ms: MiniSearch<any>, prefix: string): Iterable<[string, FieldPostings]> {
  return internals(ms)._index.atPrefix(prefix);
}
