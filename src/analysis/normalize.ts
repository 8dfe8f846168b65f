import { isAscii } from './fold';
import { isIgnorable } from './tokenizer';
import type { TokenFilter } from './token';

/**
 * Unicode normalisation of each term: drops the invisible characters the
 * tokenizer kept inside words, then applies NFKC, so that composed and
 * decomposed umlauts, ligatures (`ﬁ`) and full-width letters meet.
 */
export const normalizeFilter: TokenFilter = (tokens) => {
  for (const token of tokens) token.term = normalizeTerm(token.term);
  return tokens;
};

export function normalizeTerm(term: string): string {
  // ASCII needs no normalisation and holds no invisible character; most German words are ASCII, and the check is one pass.
  return isAscii(term) ? term : normalizeUnicode(term);
}

function normalizeUnicode(term: string): string {
  let clean = term;
  for (let i = 0; i < term.length; i++) {
    if (isIgnorable(term.charCodeAt(i))) {
      clean = Array.from(term).filter((c) => !isIgnorable(c.charCodeAt(0))).join('');
      break;
    }
  }
  // A word that was ASCII but for invisible characters needs no more.
  return clean !== term && isAscii(clean) ? clean : clean.normalize('NFKC');
}
