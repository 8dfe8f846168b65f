import { snowballGermanStem } from './snowball-german';
import { TermCache } from './term-cache';
import type { Token, TokenFilter } from './token';

/** Snowball German stem of a folded term (Snowball's own umlaut handling is a no-op after folding). */
export function stemTerm(term: string): string {
  return snowballGermanStem(term);
}

/**
 * Keeps every exact token and adds its stem as a `stem` token at the same
 * position and span, as Lucene's KeywordRepeatFilter + stemmer do: the index
 * then holds both, and ranking prefers an exact match to a stem match.
 *
 * `lemma`, when given, is consulted first: strong verbs and umlaut plurals
 * (`gewonnen` → `gewinnen`, `Länder` → `Land`) that no suffix stripper can
 * reach; the lemma is then stemmed like any word so both paths meet.
 *
 * The stem token's term is memoised per word, lemma and stem in one lookup:
 * a corpus has far fewer distinct words than tokens, and a lookup costs less
 * than the lemma's binary search and the stem together.
 */
export function stemFilter(lemma?: (term: string) => string | undefined): TokenFilter {
  const memo = new TermCache<string>();
  // Digits-only and very short terms have no stem worth a second term.
  const stemOf = (word: string) => stemOrSelf(lemma?.(word) ?? word);
  return (tokens) => {
    const out: Token[] = [];
    for (const token of tokens) {
      out.push(token);
      if (token.kind !== 'exact') continue;
      const stem = memo.getOrCompute(token.term, stemOf);
      // A literal, not a spread: one token per word is made here, and the spread copies slowly.
      out.push({ term: stem, start: token.start, end: token.end, position: token.position, kind: 'stem' });
    }
    return out;
  };
}

function stemOrSelf(term: string): string {
  return term.length < 3 || isDigits(term) ? term : stemTerm(term);
}

function isDigits(term: string): boolean {
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return term.length > 0;
}
