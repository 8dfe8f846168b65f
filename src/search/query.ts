/**
 * The parsed form of what a user typed: a boolean query in Lucene's shape —
 * scoring clauses (ORed and ranked), excluded clauses and field filters.
 */
export interface ParsedQuery {
  /** Terms and phrases that score. A paragraph must match at least one (phrases: all of them). */
  clauses: Clause[];
  /** A paragraph matching any of these is dropped (`-Russland`). */
  excluded: Clause[];
  /** Restrictions on article metadata (`tag:NATO`, `date:2024-11..2024-12`). */
  filters: FieldFilter[];
  /** Metadata whose articles are dropped (`-tag:NATO`, `NOT date:2024`). */
  excludedFilters: FieldFilter[];
}

export type Clause =
  /** One word as typed (it may analyse to several terms: `US-Dollar`). `prefix`: the word is still being typed. */
  | { type: 'term'; text: string; prefix: boolean }
  /** Words that must stand adjacent and in order, after analysis (`"jeden Dollar"`). */
  | { type: 'phrase'; text: string };

export type FieldFilter =
  | { field: 'tag' | 'category' | 'source' | 'id'; value: string }
  /** Inclusive range on ISO date prefixes: `2024-11..2024-12`; either end may be open. */
  | { field: 'date'; from: string | null; to: string | null };

export const FILTER_FIELDS = ['tag', 'category', 'source', 'id', 'date'] as const;
