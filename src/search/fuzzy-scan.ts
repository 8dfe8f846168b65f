import { lowerBound } from './sorted-terms';

/**
 * Finds the terms of a sorted list within `maxDistance` edits of `query`,
 * where an edit is an insertion, deletion, substitution or transposition of
 * two neighbouring letters (optimal string alignment distance: `Ukriane` is
 * one edit from `Ukraine`, as a typist would count it).
 *
 * The first letter must match: typos there are rare, and it confines the scan
 * to one slice of the vocabulary (Lucene's `prefix_length` of 1).
 *
 * The scan walks the implicit trie of the sorted list: consecutive terms
 * share prefixes, so the dynamic-programming rows of the shared prefix are
 * kept, and once a row's minimum exceeds `maxDistance`, every term with that
 * prefix is skipped. Yields [term position, distance].
 */
export function* fuzzyScan(terms: readonly string[], query: string, maxDistance: number): IterableIterator<[number, number]> {
  const m = query.length;
  if (m === 0) return;
  const first = query[0]!;
  // rows[k] is the DP row after the first k characters of `valid`; rows are reused, never shrunk.
  const rows: Int32Array[] = [Int32Array.from({ length: m + 1 }, (_, j) => j)];
  let valid = '';
  let t = lowerBound(terms, first, 0);
  while (t < terms.length && terms[t]!.startsWith(first)) {
    const term = terms[t]!;
    // A term more than `maxDistance` letters longer or shorter cannot be that close: skip it without a row.
    if (term.length > m + maxDistance || term.length < m - maxDistance) {
      t++;
      continue;
    }
    let pruned = -1;
    for (let k = commonPrefixLength(valid, term); k < term.length; k++) {
      const prev = rows[k]!;
      const beforePrev = k > 0 ? rows[k - 1]! : null;
      const row = rows[k + 1] ?? (rows[k + 1] = new Int32Array(m + 1));
      row[0] = k + 1;
      let min = k + 1;
      const c = term.charCodeAt(k);
      for (let j = 1; j <= m; j++) {
        const q = query.charCodeAt(j - 1);
        let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (q === c ? 0 : 1));
        // Transposition: term[k-1..k] = query[j-1..j-2] swapped.
        if (beforePrev && j > 1 && c === query.charCodeAt(j - 2) && term.charCodeAt(k - 1) === q) {
          v = Math.min(v, beforePrev[j - 2]! + 1);
        }
        row[j] = v;
        if (v < min) min = v;
      }
      // With transpositions a row can recover by one from the row before; prune only past that.
      if (min > maxDistance + 1 || (min > maxDistance && minOf(prev) > maxDistance)) {
        pruned = k + 1;
        break;
      }
    }
    if (pruned === -1) {
      const distance = rows[term.length]![m]!;
      if (distance <= maxDistance) yield [t, distance];
      valid = term;
      t++;
    } else {
      valid = term.slice(0, pruned);
      t = skipPrefix(terms, valid, t + 1);
    }
  }
}

function minOf(row: Int32Array): number {
  let min = row[0]!;
  for (let j = 1; j < row.length; j++) if (row[j]! < min) min = row[j]!;
  return min;
}

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The first position at or after `from` whose term does not start with `prefix` (terms are sorted). */
function skipPrefix(terms: readonly string[], prefix: string, from: number): number {
  // Most dead prefixes cover few terms: look at the next few before searching.
  for (let i = from; i < from + 8; i++) if (i >= terms.length || !terms[i]!.startsWith(prefix)) return i;
  let lo = from + 8;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]!.startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
