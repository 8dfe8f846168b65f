// "Meinten Sie …?": a correction of a query that found nothing, offered only
// when the corrected query really finds something.
import { MIN_SUGGEST } from './suggestions.js';

/** @typedef {import('./search-api.js').Suggestion} Suggestion */

/** A plain word of the query that can be corrected (not a filter, operator, exclusion or phrase). */
const PLAIN_WORD = /^[\p{L}\p{N}][\p{L}\p{N}-]*$/u;
const OPERATORS = new Set(['OR', 'AND', 'NOT']);
/** Words of a query tried at most: each costs a few requests. */
const MAX_TRIES = 3;

/** Lowercase without accents, ß as ss: the spelling differences the engine ignores anyway. */
function fold(/** @type {string} */ word) {
  return word.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss');
}

/**
 * Edit distance counting a swap of neighbours as one edit (optimal string alignment): `ukrian` → `ukraine` is 2.
 * @param {string} a
 * @param {string} b
 */
export function editDistance(a, b) {
  /** @type {number[][]} */
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  const at = (/** @type {number} */ i, /** @type {number} */ j) => /** @type {number} */ (d[i]?.[j]);
  for (let j = 1; j <= b.length; j++) /** @type {number[]} */ (d[0])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = /** @type {number[]} */ (d[i]);
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(at(i, j), at(i - 2, j - 2) + 1);
    }
  }
  return at(a.length, b.length);
}

/**
 * The nearest known word by edit distance, from completions of ever shorter prefixes of `word`, or null.
 * @param {string} word
 * @param {(prefix: string) => Promise<Suggestion[]>} complete
 */
async function correctWord(word, complete) {
  const target = fold(word);
  const maxDistance = Math.min(3, Math.ceil(word.length / 3));
  const shortest = Math.max(MIN_SUGGEST, Math.ceil(word.length / 2));
  for (let len = word.length - 1; len >= shortest; len--) {
    /** @type {{ term: string, d: number } | null} */
    let best = null;
    for (const s of await complete(word.slice(0, len))) {
      const d = editDistance(fold(s.term), target);
      if (d > 0 && d <= maxDistance && (!best || d < best.d)) best = { term: s.term, d };
    }
    if (best) return best.term;
  }
  return null;
}

/**
 * The query with the nearest known spelling of each of its first plain
 * words, or null when no word has one. `complete` asks for completions of a
 * prefix; whether the correction finds anything is the caller's question.
 * @param {string} q
 * @param {(prefix: string) => Promise<Suggestion[]>} complete
 */
export async function correctQuery(q, complete) {
  const tokens = q.match(/"[^"]*"?|\S+/g) ?? [];
  let changed = false;
  let tries = 0;
  const corrected = [];
  for (const token of tokens) {
    if (tries < MAX_TRIES && PLAIN_WORD.test(token) && token.length >= 3 && !OPERATORS.has(token)) {
      tries++;
      const better = await correctWord(token, complete);
      if (better) {
        corrected.push(better);
        changed = true;
        continue;
      }
    }
    corrected.push(token);
  }
  return changed ? corrected.join(' ') : null;
}
