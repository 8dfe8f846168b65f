import type { TokenFilter } from './token';

/**
 * German folding, after Lucene's GermanNormalizationFilter, so that every
 * spelling a German reader types meets the same term:
 * `Brüssel` = `Brussel` = `Bruessel`, `Außenminister` = `Aussenminister`.
 *
 * - ä ö ü → a o u, ß → ss;
 * - the transliterations ae oe ue → a o u (`ue` only where it cannot be a
 *   vowel pair: not after a vowel or `q`, as in `Feuer`, `Quelle`);
 * - other Latin diacritics are stripped (`Café` = `Cafe`).
 *
 * Folding loses distinctions (`schon`/`schön`); the index keeps the folded form
 * only, because readers and typists lose them too. Runs after lowercasing.
 */
export const foldFilter: TokenFilter = (tokens) => {
  for (const token of tokens) token.term = foldTerm(token.term);
  return tokens;
};

const DIACRITIC = /\p{M}/gu;

type FoldState = 'normal' | 'afterVowel' | 'mayDropE';

/**
 * One step of Lucene's state machine: an `e` is dropped after `a`/`o`, or
 * after a `u` that does not follow a vowel or `q` (so `Feuer`, `neue`,
 * `Quelle` keep it); umlauts and ß are replaced. Returns the output for `c`.
 */
function step(c: string, state: { s: FoldState }): string {
  switch (c) {
    case 'a':
    case 'o':
      state.s = 'mayDropE';
      return c;
    case 'u':
      state.s = state.s === 'normal' ? 'mayDropE' : 'afterVowel';
      return c;
    case 'e': {
      const out = state.s === 'mayDropE' ? '' : c;
      state.s = 'afterVowel';
      return out;
    }
    case 'i':
    case 'q':
    case 'y':
      state.s = 'afterVowel';
      return c;
    case 'ä':
      state.s = 'normal';
      return 'a';
    case 'ö':
      state.s = 'normal';
      return 'o';
    case 'ü':
      state.s = 'normal';
      return 'u';
    case 'ß':
      state.s = 'normal';
      return 'ss';
    default:
      state.s = 'normal';
      return c;
  }
}

export function foldTerm(term: string): string {
  let out = '';
  const state = { s: 'normal' as FoldState };
  for (let i = 0; i < term.length; i++) out += step(term[i]!, state);
  if (/^[\x00-\x7f]*$/.test(out)) return out;
  // Strip remaining diacritics (é, è, ñ, ç …) but keep letters of other scripts intact.
  return out.normalize('NFD').replace(DIACRITIC, '').normalize('NFC');
}

/**
 * Folds a word as the chain does (lowercase + fold), and maps every folded
 * character back to the original: `map[k]` is the offset in `original` of
 * the character that produced folded character `k`; `map[folded.length]` is
 * `original.length`. Lets a filter that works on folded terms (the
 * decompounder) mark spans of the original text (`Militär[hilfe]`).
 * Returns null for words that fold differently as a whole (other diacritics,
 * ligatures, decomposed umlauts), so callers fall back to the whole word.
 */
export function foldWithOffsets(original: string): { folded: string; map: number[] } | null {
  let folded = '';
  const map: number[] = [];
  const state = { s: 'normal' as FoldState };
  for (let i = 0; i < original.length; i++) {
    const lower = original[i]!.toLowerCase();
    if (lower.length !== 1) return null;
    const out = step(lower, state);
    for (let k = 0; k < out.length; k++) map.push(i);
    folded += out;
  }
  if (!/^[\x00-\x7f]*$/.test(folded)) return null;
  map.push(original.length);
  return { folded, map };
}
