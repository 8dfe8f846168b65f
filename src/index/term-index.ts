import { fuzzyScan } from './fuzzy-scan';
import { lowerBound } from './sorted-terms';

/**
 * A read-only inverted index in a handful of typed arrays: the compact
 * stand-in for MiniSearch's radix tree of Maps, which costs about 100 bytes
 * per posting (190 MB of heap for 22k paragraphs with our fields) against
 * about 5 here. It answers the calls MiniSearch's query engine makes on its
 * term index — `get`, `has`, `atPrefix`, `fuzzyGet`, `size` — so MiniSearch
 * still does the querying and BM25+ scoring (see search-index.ts).
 *
 * Layout: term `t` (terms sorted by UTF-16 code units) owns the field runs
 * `termRuns[t] … termRuns[t+1]-1`; run `r` is field `runField[r]` with
 * postings `runPostings[r] … runPostings[r+1]-1`, each a paragraph id
 * (ascending) in `docs` and its term frequency in `freqs`.
 */
export interface TermIndexData {
  terms: string[];
  termRuns: Uint32Array;
  runField: Uint8Array;
  runPostings: Uint32Array;
  docs: Uint32Array;
  freqs: Uint8Array;
}

/** One field's postings of one term, shaped like the `Map<docId, freq>` MiniSearch expects. */
export class Postings {
  private cursor = 0;
  constructor(
    private readonly docs: Uint32Array,
    private readonly freqs: Uint8Array,
    private readonly from: number,
    private readonly to: number,
  ) {}

  get size(): number {
    return this.to - this.from;
  }

  *keys(): IterableIterator<number> {
    for (let i = this.from; i < this.to; i++) {
      this.cursor = i;
      yield this.docs[i]!;
    }
  }

  /** Frequency of `doc`; O(1) for the doc `keys()` just yielded (MiniSearch's access pattern), else a binary search. */
  get(doc: number): number | undefined {
    if (this.docs[this.cursor] === doc && this.cursor >= this.from && this.cursor < this.to) return this.freqs[this.cursor];
    let lo = this.from;
    let hi = this.to - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const d = this.docs[mid]!;
      if (d === doc) return this.freqs[mid];
      if (d < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  has(doc: number): boolean {
    return this.get(doc) !== undefined;
  }
}

/** All fields' postings of one term: `Map<fieldId, Postings>` as MiniSearch expects. */
export type FieldPostings = Map<number, Postings>;

/** Terms a prefix query expands to at most. */
export const PREFIX_EXPANSIONS = 64;

export class CompactTermIndex {
  constructor(readonly data: TermIndexData) {}

  get size(): number {
    return this.data.terms.length;
  }

  has(term: string): boolean {
    return this.find(term) >= 0;
  }

  get(term: string): FieldPostings | undefined {
    const t = this.find(term);
    return t < 0 ? undefined : this.postingsOf(t);
  }

  /** Every term starting with `prefix`, in sorted order, with their postings. */
  *withPrefix(prefix: string): IterableIterator<[string, FieldPostings]> {
    const { terms } = this.data;
    for (let t = lowerBound(this.data.terms, prefix); t < terms.length && terms[t]!.startsWith(prefix); t++) {
      yield [terms[t]!, this.postingsOf(t)];
    }
  }

  /**
   * MiniSearch's prefix expansion: the `PREFIX_EXPANSIONS` terms starting with
   * `prefix` that occur in the most paragraphs. A short prefix of a word being
   * typed can stand for thousands of terms; scoring them all costs more than
   * the rare ones could add to the ranking.
   */
  atPrefix(prefix: string): Array<[string, FieldPostings]> {
    const { terms, termRuns, runPostings } = this.data;
    const found: Array<{ t: number; postings: number }> = [];
    for (let t = lowerBound(this.data.terms, prefix); t < terms.length && terms[t]!.startsWith(prefix); t++) {
      found.push({ t, postings: runPostings[termRuns[t + 1]!]! - runPostings[termRuns[t]!]! });
    }
    if (found.length > PREFIX_EXPANSIONS) found.sort((a, b) => b.postings - a.postings || a.t - b.t).length = PREFIX_EXPANSIONS;
    return found.map(({ t }) => [terms[t]!, this.postingsOf(t)]);
  }

  /** Terms within `maxDistance` edits (Levenshtein) of `term`: term → [postings, distance]. */
  fuzzyGet(term: string, maxDistance: number): Map<string, [FieldPostings, number]> {
    const out = new Map<string, [FieldPostings, number]>();
    for (const [t, distance] of fuzzyScan(this.data.terms, term, maxDistance)) {
      out.set(this.data.terms[t]!, [this.postingsOf(t), distance]);
    }
    return out;
  }


  private postingsOf(t: number): FieldPostings {
    const { termRuns, runField, runPostings, docs, freqs } = this.data;
    const fields: FieldPostings = new Map();
    for (let r = termRuns[t]!; r < termRuns[t + 1]!; r++) {
      fields.set(runField[r]!, new Postings(docs, freqs, runPostings[r]!, runPostings[r + 1]!));
    }
    return fields;
  }

  private find(term: string): number {
    const t = lowerBound(this.data.terms, term);
    return this.data.terms[t] === term ? t : -1;
  }
}
