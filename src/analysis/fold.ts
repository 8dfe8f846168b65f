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

export function foldTerm(term: string): string {
  // Lucene's state machine: an `e` is dropped after `a`/`o`, or after a `u`
  // that does not follow a vowel or `q` (so `Feuer`, `neue`, `Quelle` keep it).
  let out = '';
  let state: 'normal' | 'afterVowel' | 'mayDropE' = 'normal';
  for (let i = 0; i < term.length; i++) {
    const c = term[i]!;
    switch (c) {
      case 'a':
      case 'o':
        state = 'mayDropE';
        out += c;
        break;
      case 'u':
        state = state === 'normal' ? 'mayDropE' : 'afterVowel';
        out += c;
        break;
      case 'e':
        if (state !== 'mayDropE') out += c;
        state = 'afterVowel';
        break;
      case 'i':
      case 'q':
      case 'y':
        state = 'afterVowel';
        out += c;
        break;
      case 'ä':
        out += 'a';
        state = 'normal';
        break;
      case 'ö':
        out += 'o';
        state = 'normal';
        break;
      case 'ü':
        out += 'u';
        state = 'normal';
        break;
      case 'ß':
        out += 'ss';
        state = 'normal';
        break;
      default:
        out += c;
        state = 'normal';
    }
  }
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
 * Returns null when the word folds differently one character at a time
 * (ligatures, decomposed umlauts), so callers fall back to the whole word.
 */
export function foldWithOffsets(original: string): { folded: string; map: number[] } | null {
  let folded = '';
  const map: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const lower = original[i]!.toLowerCase();
    if (lower.length !== 1) return null;
    // Fold in context: the previous folded text decides whether an `e` is dropped.
    const before = foldTerm(folded + lower);
    if (!before.startsWith(folded)) {
      // The new character changed what came before (cannot happen with Lucene's rules); give up.
      return null;
    }
    for (let k = folded.length; k < before.length; k++) map.push(i);
    folded = before;
  }
  map.push(original.length);
  return { folded, map };
}
