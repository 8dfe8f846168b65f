import type { FrontCodedTerms } from '../index/segment/dictionary';
import { lowerBound } from './sorted-terms';

/**
 * Finds the terms of sorted lists within `maxDistance` edits of one query
 * word, where an edit is an insertion, deletion, substitution or
 * transposition of two neighbouring letters (optimal string alignment
 * distance: `Ukriane` is one edit from `Ukraine`, as a typist would count it).
 *
 * The first letter must match: typos there are rare, and it confines the scan
 * to one slice of the vocabulary (Lucene's `prefix_length` of 1). More than
 * one edit counts only where the first two letters match too (`prefix_length`
 * 2 for them): a scan that allows two edits across a whole letter's slice
 * rules out few of its dictionary blocks (src/search/plan.ts `typoBlocks`).
 *
 * The scan walks the implicit trie of a sorted list: consecutive terms share
 * prefixes, so the dynamic-programming rows of the shared prefix are kept,
 * and once a row's minimum exceeds `maxDistance`, every term with that prefix
 * is skipped. The rows stay valid from one list to the next (they depend on
 * the prefix only), so one scanner serves every list of a query; a scan of a
 * front-coded dictionary block (`scanFrontCoded`) starts its rows afresh, a
 * few letters' worth, since its first entry says nothing of the block
 * before.
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
  /** The letters of the entry a front-coded scan is at. */
  private letters = new Int32Array(32);

  constructor(query: string, maxDistance: number) {
    const m = query.length;
    this.maxDistance = maxDistance;
    this.cap = maxDistance + 1;
    this.query = new Int32Array(m);
    for (let j = 0; j < m; j++) this.query[j] = query.charCodeAt(j);
    // Rows are made as a walk first goes that deep (a very long query word must not cost its length squared up front).
    const row0 = new Int32Array(m + 1);
    this.rows.push(row0);
    for (let j = 0; j <= m; j++) row0[j] = Math.min(j, this.cap);
  }

  /**
   * Calls `found(position, distance)` for each term of sorted `terms` (in
   * order) within `maxDistance` edits of the query (more than one only with
   * its first two letters), among those from
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
        if (this.counts(distance, term.charCodeAt(1))) found(t, distance);
        t++;
      } else {
        t = skipPrefix(terms, term.slice(0, pruned), t + 1, to);
      }
    }
  }

  /**
   * Whether a term at `distance` edits, whose second letter is `second` (a UTF-16 unit; -1 or NaN when it has
   * none), is a candidate: within reach, and with more than one edit only where its first two letters are the
   * query's (the first always is).
   */
  private counts(distance: number, second: number): boolean {
    return distance <= this.maxDistance && (distance < 2 || second === this.query[1]);
  }

  /**
   * `scan` over front-coded terms (a dictionary block's): each entry's
   * shared letters come from the entry before, so its letters are copied
   * into one buffer and no string is built; an entry that shares a dead
   * prefix is passed over without reading its letters.
   */
  scanFrontCoded(terms: FrontCodedTerms, found: (position: number, distance: number) => void): void {
    const m = this.query.length;
    if (m === 0) return;
    const d = this.maxDistance;
    const first = this.query[0]!;
    const { count, shared, suffixAt, units } = terms;
    // The rows hold the first `valid` letters of the buffer; the string scan's rows are of another term.
    this.validTerm = '';
    this.validLength = 0;
    let valid = 0;
    let letters = this.letters;
    // Entries sharing at least `dead` letters with the buffer start with a prefix no term within reach has.
    let dead = Infinity;
    for (let i = 0; i < count; i++) {
      const s = shared[i]!;
      if (s >= dead) continue;
      dead = Infinity;
      const from = suffixAt[i]!;
      const length = s + suffixAt[i + 1]! - from;
      if (length > letters.length) {
        const grown = new Int32Array(Math.max(2 * letters.length, length));
        grown.set(letters);
        this.letters = letters = grown;
      }
      for (let k = s; k < length; k++) letters[k] = units[from + k - s]!;
      if (s < valid) valid = s;
      if (length === 0) continue;
      if (letters[0]! < first) {
        // Every entry up to the query's letter starts with a letter before it: passed over as a dead prefix.
        dead = 1;
        continue;
      }
      if (letters[0]! > first) break;
      const until = length <= m + d ? length : m + d + 1;
      let k = valid;
      for (; k < until; k++) if (this.step(k, letters[k]!, k > 0 ? letters[k - 1]! : -1) > d) break;
      if (k < until) {
        // Rows up to the dead one stay valid; the dead one is computed again for the next entry that reaches it.
        valid = k;
        dead = k + 1;
        continue;
      }
      valid = until;
      const distance = this.rows[length]?.[m];
      if (length === until && distance !== undefined && this.counts(distance, length > 1 ? letters[1]! : -1)) found(i, distance);
    }
  }

  /**
   * Whether a term `t` with `low ≤ t < high` (no upper bound when `high` is
   * undefined) can be within `maxDistance` edits of the query (false only
   * when none can: a dictionary block holding terms of that range only need
   * not be read). The terms of the range are those on the paths from the
   * prefix `low` and `high` share down to each of them, and the subtrees
   * hanging between those paths; each path is followed while its prefix can
   * still match, and each subtree is tried by its first letter: a letter of
   * the query, or any other (which all act alike).
   */
  mayHoldBetween(low: string, high: string | undefined): boolean {
    const letter = String.fromCharCode(this.query[0]!);
    if (low < letter) low = letter;
    if (low.charCodeAt(0) !== this.query[0] || (high !== undefined && high <= low)) return false;
    // An upper bound past the letter bounds nothing the scan looks at.
    if (high !== undefined && high.charCodeAt(0) !== this.query[0]) high = undefined;
    if (high === undefined) return this.fromLow(low, 1);
    let p = 0;
    while (p < low.length && low.charCodeAt(p) === high.charCodeAt(p)) p++;
    if (!this.alive(low, p)) return false;
    if (p === low.length) {
      // `low` is a prefix of `high`: it is in the range itself, and so are its continuations below `high`.
      if (this.endsAt(p)) return true;
      if (this.childAlive(low, p, -1, high.charCodeAt(p))) return true;
      return this.belowHigh(high, p + 1);
    }
    if (this.childAlive(low, p, low.charCodeAt(p), high.charCodeAt(p))) return true;
    return this.fromLow(low, p + 1) || this.belowHigh(high, p + 1);
  }

  /** Whether a term ≥ `low` starting with its first `from` letters can match. */
  private fromLow(low: string, from: number): boolean {
    for (let k = from; k <= low.length; k++) {
      if (!this.alive(low, k)) return false;
      if (k === low.length) return true;
      if (this.childAlive(low, k, low.charCodeAt(k), 0x10000)) return true;
    }
    return false;
  }

  /** Whether a term < `high` starting with its first `from` letters can match. */
  private belowHigh(high: string, from: number): boolean {
    for (let k = from; k < high.length; k++) {
      if (!this.alive(high, k)) return false;
      if (this.endsAt(k)) return true;
      if (this.childAlive(high, k, -1, high.charCodeAt(k))) return true;
    }
    return false;
  }

  /** Whether a term starting with the first `length` letters of `term` can match (the rows then hold that prefix). */
  private alive(term: string, length: number): boolean {
    // Past the longest possible term, a prefix is dead anyway; the rows reach no further.
    if (length > this.query.length + this.maxDistance) return false;
    return this.advance(term, length) < 0;
  }

  /** Whether the prefix the rows hold up to `length` letters is itself within `maxDistance` of the query. */
  private endsAt(length: number): boolean {
    return this.rows[length]![this.query.length]! <= this.maxDistance;
  }

  /**
   * Whether a term starting with the first `length` letters of `term` (which
   * the rows hold) and then a letter strictly between `after` and `before`
   * can match. Only the query's letters are told apart; any other letter
   * stands for all the rest.
   */
  private childAlive(term: string, length: number, after: number, before: number): boolean {
    if (before - after <= 1) return false;
    const q = this.query;
    const before1 = length > 0 ? term.charCodeAt(length - 1) : -1;
    let queryLetters = 0;
    for (let j = 0; j < q.length; j++) {
      const c = q[j]!;
      if (c <= after || c >= before || q.indexOf(c) !== j) continue;
      queryLetters++;
      if (this.step(length, c, before1) <= this.maxDistance) return true;
    }
    // Some other letter lies in the interval: one not in the query (0xFFFF is never a letter of a word).
    return before - after - 1 > queryLetters && this.step(length, 0xffff, before1) <= this.maxDistance;
  }

  /**
   * Brings the rows up to the first `length` letters of `term`, starting
   * from the prefix it shares with the rows' term. Returns -1, or the length
   * of the prefix at which no term can come within `maxDistance` any more.
   */
  private advance(term: string, length: number): number {
    const valid = this.validTerm;
    const shared = Math.min(this.validLength, length, valid.length);
    let k = 0;
    while (k < shared && valid.charCodeAt(k) === term.charCodeAt(k)) k++;
    for (; k < length; k++) {
      if (this.step(k, term.charCodeAt(k), k > 0 ? term.charCodeAt(k - 1) : -1) > this.maxDistance) {
        // Rows up to the dead one stay valid; the dead one is computed again for the next term that reaches it.
        this.validTerm = term;
        this.validLength = k;
        return k + 1;
      }
    }
    this.validTerm = term;
    this.validLength = length;
    return -1;
  }

  /** The next row, every cell at the cap (the cells outside its band stay so). */
  private newRow(): Int32Array {
    const row = new Int32Array(this.query.length + 1).fill(this.cap);
    this.rows.push(row);
    return row;
  }

  /** Computes row `k + 1` from the rows before, for letter `c` after letter `pc` (-1: none); returns its minimum. */
  private step(k: number, c: number, pc: number): number {
    const q = this.query;
    const m = q.length;
    const d = this.maxDistance;
    const cap = this.cap;
    const prev = this.rows[k]!;
    const row = this.rows[k + 1] ?? this.newRow();
    const beforePrev = k > 0 ? this.rows[k - 1]! : null;
    const i = k + 1;
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
    return min;
  }
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
