import { lowerBound } from './sorted-terms';

/**
 * Finds the terms of sorted lists within `maxDistance` edits of one query
 * word, where an edit is an insertion, deletion, substitution or
 * transposition of two neighbouring letters (optimal string alignment
 * distance: `Ukriane` is one edit from `Ukraine`, as a typist would count it).
 *
 * The first letter must match: typos there are rare, and it confines the scan
 * to one slice of the vocabulary (Lucene's `prefix_length` of 1).
 *
 * The scan walks the implicit trie of a sorted list: consecutive terms share
 * prefixes, so the dynamic-programming rows of the shared prefix are kept,
 * and once a row's minimum exceeds `maxDistance`, every term with that prefix
 * is skipped. The rows stay valid from one list to the next (they depend on
 * the prefix only), so one scanner serves every dictionary block of every
 * segment of a query.
 *
 * Once every cell of a row exceeds `maxDistance`, so does every cell below
 * it: a transposition reaches two rows down, but from a cell whose diagonal
 * neighbour in the row between is at most one more. So values are capped at
 * `maxDistance + 1` (a capped table is the exact table capped, each cell
 * being a minimum of neighbours plus costs), and as a cell `j` of row `i` is
 * at least `|i − j|`, only the band `|i − j| ≤ maxDistance` of each row is
 * computed: the cells outside are the cap, set once.
 */
export class TypoScanner {
  readonly maxDistance: number;
  private readonly query: Int32Array;
  private readonly cap: number;
  /** rows[k]: the capped DP row after the first k letters of the current prefix. */
  private readonly rows: Int32Array[] = [];
  /** The term whose first `validLength` letters the rows hold. */
  private validTerm = '';
  private validLength = 0;

  constructor(query: string, maxDistance: number) {
    const m = query.length;
    this.maxDistance = maxDistance;
    this.cap = maxDistance + 1;
    this.query = new Int32Array(m);
    for (let j = 0; j < m; j++) this.query[j] = query.charCodeAt(j);
    // A term is at most `maxDistance` letters longer than the query, and a prefix walk stops at a term's length.
    const depth = m + maxDistance + 1;
    for (let k = 0; k <= depth; k++) this.rows.push(new Int32Array(m + 1).fill(this.cap));
    const row0 = this.rows[0]!;
    for (let j = 0; j <= m; j++) row0[j] = Math.min(j, this.cap);
  }

  /**
   * Calls `found(position, distance)` for each term of sorted `terms` (in
   * order) within `maxDistance` edits of the query, among those from
   * position `from` to `to` (exclusive).
   */
  scan(terms: readonly string[], found: (position: number, distance: number) => void, from = 0, to = terms.length): void {
    const m = this.query.length;
    if (m === 0) return;
    const d = this.maxDistance;
    const first = String.fromCharCode(this.query[0]!);
    let t = lowerBound(terms, first, from);
    while (t < to) {
      const term = terms[t]!;
      if (term.charCodeAt(0) !== this.query[0]) break;
      // A term much longer than the query dies by `m + d + 1` letters; one much shorter ends outside the band, at the cap.
      // Either way its prefix is walked: where the walk dies, every term sharing that prefix is skipped.
      const pruned = this.advance(term, term.length <= m + d ? term.length : m + d + 1);
      if (pruned < 0) {
        const distance = this.rows[term.length]![m]!;
        if (distance <= d) found(t, distance);
        t++;
      } else {
        t = skipPrefix(terms, term.slice(0, pruned), t + 1, to);
      }
    }
  }

  /**
   * Whether a term starting with `prefix` can be within `maxDistance` edits
   * of the query (false only when none can: a dictionary block whose terms
   * all share such a prefix need not be read).
   */
  mayMatchPrefix(prefix: string): boolean {
    if (prefix.length === 0) return true;
    if (prefix.charCodeAt(0) !== this.query[0]) return false;
    // Past the longest possible term, a prefix is dead anyway; the rows reach no further.
    if (prefix.length > this.query.length + this.maxDistance) return false;
    return this.advance(prefix, prefix.length) < 0;
  }

  /**
   * Brings the rows up to the first `length` letters of `term`, starting
   * from the prefix it shares with the rows' term. Returns -1, or the length
   * of the prefix at which no term can come within `maxDistance` any more.
   */
  private advance(term: string, length: number): number {
    const q = this.query;
    const m = q.length;
    const d = this.maxDistance;
    const cap = this.cap;
    const rows = this.rows;
    const valid = this.validTerm;
    const shared = Math.min(this.validLength, length, valid.length);
    let k = 0;
    while (k < shared && valid.charCodeAt(k) === term.charCodeAt(k)) k++;
    for (; k < length; k++) {
      const prev = rows[k]!;
      const row = rows[k + 1]!;
      const i = k + 1;
      const c = term.charCodeAt(k);
      const pc = k > 0 ? term.charCodeAt(k - 1) : -1;
      const beforePrev = k > 0 ? rows[k - 1]! : null;
      let min = i < cap ? i : cap;
      row[0] = min;
      const lo = i - d > 1 ? i - d : 1;
      const hi = i + d < m ? i + d : m;
      for (let j = lo; j <= hi; j++) {
        const qc = q[j - 1]!;
        let v = prev[j - 1]! + (qc === c ? 0 : 1);
        const del = prev[j]! + 1;
        if (del < v) v = del;
        const ins = row[j - 1]! + 1;
        if (ins < v) v = ins;
        // Transposition: term[k-1..k] = query[j-1..j-2] swapped.
        if (beforePrev !== null && j > 1 && c === q[j - 2] && pc === qc) {
          const swap = beforePrev[j - 2]! + 1;
          if (swap < v) v = swap;
        }
        if (v > cap) v = cap;
        row[j] = v;
        if (v < min) min = v;
      }
      if (min > d) {
        // Rows up to the dead one stay valid; the dead one is computed again for the next term that reaches it.
        this.validTerm = term;
        this.validLength = k;
        return i;
      }
    }
    this.validTerm = term;
    this.validLength = length;
    return -1;
  }
}

/**
 * The terms of a sorted list within `maxDistance` edits of `query` (see
 * TypoScanner), as [position, distance] pairs in order.
 */
export function fuzzyScan(terms: readonly string[], query: string, maxDistance: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  new TypoScanner(query, maxDistance).scan(terms, (i, distance) => out.push([i, distance]));
  return out;
}

/** The first position at or after `from` (before `to`) whose term does not start with `prefix` (terms are sorted). */
function skipPrefix(terms: readonly string[], prefix: string, from: number, to: number): number {
  // Most dead prefixes cover few terms: look at the next few before searching.
  const near = Math.min(from + 8, to);
  for (let i = from; i < near; i++) if (!terms[i]!.startsWith(prefix)) return i;
  let lo = near;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]!.startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
