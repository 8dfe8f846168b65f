import type { Analyzer } from '../analysis/analyzer';
import { FIELD_OF_KIND } from '../index/schema';

/** A highlighted span of the original paragraph text, and which query word it answers. */
export interface Highlight {
  start: number;
  end: number;
  clause: number;
}

/** Index terms that matched, per query word: `field:term` keys. */
export type MatchedTerms = ReadonlyArray<ReadonlySet<string>>;

export function matchKey(field: string, term: string): string {
  return `${field}:${term}`;
}

/** A token of the paragraph that matched, with its word position. */
export interface MatchedToken extends Highlight {
  position: number;
}

/**
 * The tokens of `text` that made it match: the paragraph is analysed again
 * (only the paragraphs shown or re-ranked), and every token whose term
 * matched in its field is kept, with the query word it answers.
 */
export function findMatchedTokens(analyzer: Analyzer, text: string, matched: MatchedTerms): MatchedToken[] {
  const found: MatchedToken[] = [];
  for (const token of analyzer.analyze(text)) {
    const key = matchKey(FIELD_OF_KIND[token.kind], token.term);
    for (let clause = 0; clause < matched.length; clause++) {
      if (matched[clause]!.has(key)) {
        found.push({ start: token.start, end: token.end, position: token.position, clause });
        break;
      }
    }
  }
  return found;
}

/**
 * The spans to mark, from the matched tokens (and whole phrases). Offsets
 * point into the original text, so matches found through folding, stems and
 * compound parts are marked where they stand (`Militär[hilfe]`,
 * `[Außenminister]` for `Aussenminister`). Overlapping and touching spans
 * merge (`<mark>Polizeieinsätze</mark>`, not two marks); a whole word wins
 * over its part. Sorted by start, none overlapping: what src/render expects.
 */
export function mergeSpans(tokens: readonly Highlight[]): Highlight[] {
  const spans = [...tokens].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Highlight[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) {
      if (span.end > last.end) last.end = span.end;
    } else merged.push({ start: span.start, end: span.end, clause: span.clause });
  }
  return merged;
}
