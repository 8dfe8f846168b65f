import { snowballGermanStem } from './snowball-german';
import { TermCache } from './term-cache';
import type { Token, TokenFilter } from './token';

/** Stems seen recently: a corpus has far fewer distinct words than tokens, and stemming is the slow step. */
const cache = new TermCache<string>();

/** Snowball German stem of a folded term (Snowball's own umlaut handling is a no-op after folding). */
export function stemTerm(term: string): string {
  let stem = cache.get(term);
  if (stem === undefined) {
    stem = snowballGermanStem(term);
    cache.set(term, stem);
  }
  return stem;
}

/**
 * Keeps every exact token and adds its stem as a `stem` token at the same
 * position and span, as Lucene's KeywordRepeatFilter + stemmer do: the index
 * then holds both, and ranking prefers an exact match to a stem match.
 *
 * `lemma`, when given, is consulted first: strong verbs and umlaut plurals
 * (`gewonnen` → `gewinnen`, `Länder` → `Land`) that no suffix stripper can
 * reach; the lemma is then stemmed like any word so both paths meet.
 */
export function stemFilter(lemma?: (term: string) => string | undefined): TokenFilter {
  return (tokens) => {
    const out: Token[] = [];
    for (const token of tokens) {
      out.push(token);
      if (token.kind !== 'exact') continue;
      // Digits-only and very short terms have no stem worth a second term.
      const base = lemma?.(token.term) ?? token.term;
      // A literal, not a spread: one token per word is made here, and the spread copies slowly.
      out.push({ term: stemOrSelf(base), start: token.start, end: token.end, position: token.position, kind: 'stem' });
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
