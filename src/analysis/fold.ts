import type { TokenFilter } from './token';

/**
 * German folding, after Lucene's GermanNormalizationFilter, so that every
 * spelling a German reader types meets the same term:
 * `Brüssel` = `Brussel` = `Bruessel`, `Außenminister` = `Aussenminister`.
 *
 * - ä ö ü → a o u, ß → ss;
 * - the transliterations ae oe ue → a o u (`ue` only where it cannot be a
 *   vowel pair: not after a vowel or `q`, as in `Feuer`, `Quelle`);
 * - other Latin diacritics are stripped first, so the letter left folds as
 *   typed (`Café` = `Cafe`, `Noël` = `Noel`).
 *
 * Folding loses distinctions (`schon`/`schön`); the index keeps the folded form
 * only, because readers and typists lose them too. Runs after lowercasing.
 */
export const foldFilter: TokenFilter = (tokens) => {
  for (const token of tokens) token.term = foldTerm(token.term);
  // A "word" of combining marks only (a stray accent after a space) folds to nothing: no term to index.
  return tokens.some((t) => t.term === '') ? tokens.filter((t) => t.term !== '') : tokens;
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
  // Other diacritics (é, è, ñ, ç …) go first, so that the letter left takes part in the ae/oe/ue rule as
  // typed: Noël folds as Noel does (nol), Raphaël as Raphael. Letters of other scripts stay intact.
  const plain = hasOtherDiacritics(term) ? stripOtherDiacritics(term) : term;
  let out = '';
  const state = { s: 'normal' as FoldState };
  for (let i = 0; i < plain.length; i++) out += step(plain[i]!, state);
  return out;
}

/** Whether `term` has a non-ASCII character other than ä ö ü ß (most German words have none). */
function hasOtherDiacritics(term: string): boolean {
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    if (c >= 0x80 && c !== 0xe4 && c !== 0xf6 && c !== 0xfc && c !== 0xdf) return true;
  }
  return false;
}

/** Drops every combining mark except the diaeresis of ä ö ü (é → e, ë → e, but ä stays ä). */
function stripOtherDiacritics(term: string): string {
  return term
    .normalize('NFD')
    .replace(DIACRITIC, (mark, at: number, s: string) => (mark === '\u0308' && /[aou]/.test(s[at - 1] ?? '') ? mark : ''))
    .normalize('NFC');
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
