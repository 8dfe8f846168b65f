import { FIELDS } from '../index/schema';
import type { SearchIndex } from '../index/search-index';

export interface Suggestion {
  /** The word as it stands in the text (`Militärhilfe`), not its folded index form. */
  term: string;
  /** Paragraphs containing it. */
  count: number;
}

export interface SuggestResponse {
  query: string;
  suggestions: Suggestion[];
}

const TEXT_FIELD = FIELDS.indexOf('text');
/** Vocabulary entries looked at per request at most, so a one-letter prefix stays cheap. */
const MAX_SCANNED = 20_000;
const MIN_PREFIX = 2;

/**
 * Completions for the word being typed (the last word of `query`), from the
 * index's own vocabulary, most frequent first: `milit` → `Militärhilfe`,
 * `Militärbündnis`. Matching is on folded forms, so `Militae`, `militä` and
 * `milit` all complete; the suggestion shows the word as the corpus spells it.
 */
export function suggest(index: SearchIndex, query: string, limit = 8): SuggestResponse {
  const lastWord = query.slice(lastWordStart(query));
  const exact = index.analyzers.query.analyze(lastWord).filter((t) => t.kind === 'exact');
  // The last token is the word being typed (for `US-Dol`, that is `dol`… but the joined whole comes first).
  const prefix = exact.find((t) => t.start === 0 && t.end === lastWord.length)?.term ?? exact[exact.length - 1]?.term ?? '';
  if (prefix.length < MIN_PREFIX) return { query, suggestions: [] };

  const candidates: Array<{ term: string; count: number }> = [];
  let scanned = 0;
  for (const [term, postings] of index.terms.withPrefix(prefix)) {
    if (++scanned > MAX_SCANNED) break;
    const count = postings.get(TEXT_FIELD)?.size ?? 0;
    if (count > 0) candidates.push({ term, count });
  }
  candidates.sort((a, b) => b.count - a.count || a.term.length - b.term.length || (a.term < b.term ? -1 : 1));

  const suggestions: Suggestion[] = [];
  const seen = new Set<string>();
  for (const { term, count } of candidates) {
    const surface = surfaceForm(index, term);
    if (!surface || seen.has(surface.toLowerCase())) continue;
    seen.add(surface.toLowerCase());
    suggestions.push({ term: surface, count });
    if (suggestions.length >= limit) break;
  }
  return { query, suggestions };
}

const WORD_CHAR = /^[\p{L}\p{N}\u00AD-]$/u;

/**
 * Where the trailing run of letters, digits, soft hyphens and hyphens of
 * `query` begins. A backwards scan, not `/[…]+$/`: that regular expression
 * retries from every start and takes time quadratic in the length of a long
 * word followed by punctuation (5 s for 100k characters).
 */
function lastWordStart(query: string): number {
  let at = query.length;
  while (at > 0) {
    const low = query.charCodeAt(at - 1);
    const pair = at > 1 && low >= 0xdc00 && low <= 0xdfff && query.charCodeAt(at - 2) >= 0xd800 && query.charCodeAt(at - 2) <= 0xdbff;
    const width = pair ? 2 : 1;
    if (!WORD_CHAR.test(query.slice(at - width, at))) break;
    at -= width;
  }
  return at;
}

/** How the corpus writes a folded index term: found in the first paragraph that has it. */
function surfaceForm(index: SearchIndex, term: string): string | null {
  for (const doc of index.terms.get(term)?.get(TEXT_FIELD)?.keys() ?? []) {
    const text = index.texts.get(doc);
    for (const token of index.analyzers.index.analyze(text)) {
      if (token.kind === 'exact' && token.term === term) return text.slice(token.start, token.end);
    }
    return null;
  }
  return null;
}
