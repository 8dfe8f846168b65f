import type { Analyzers } from '../analysis/german';
import type { Token } from '../analysis/token';
import type { Clause } from './query';

/** What one query word (or phrase) becomes: its analysed terms, by kind. */
export interface CompiledClause {
  clause: Clause;
  exact: string[];
  stem: string[];
  part: string[];
  /** For phrases: the exact and stem terms at each successive word position. */
  phraseWords: PhraseWord[];
}

export interface PhraseWord {
  exact: string;
  stem: string | null;
  start: number;
  end: number;
  /** Word position in the phrase's text (stop words counted), so gaps between words are known. */
  position: number;
}

/**
 * Analyses a clause with the index's query analyzer. Phrases are also
 * analysed with the phrase analyzer (the same chain without stop words),
 * because a phrase must match word for word, stop words included (`"jeden Dollar"`).
 */
export function compileClause(analyzers: Analyzers, clause: Clause): CompiledClause {
  const tokens = analyzers.query.analyze(clause.text);
  const compiled: CompiledClause = {
    clause,
    exact: unique(tokens, 'exact'),
    stem: unique(tokens, 'stem'),
    part: unique(tokens, 'part'),
    phraseWords: [],
  };
  if (clause.type === 'phrase') compiled.phraseWords = phraseWords(analyzers.phrase.analyze(clause.text));
  return compiled;
}

/**
 * Whether a phrase has words the index does not hold (stop words: `"die Ukraine"`): its positions then match any
 * word where a stop word stands, so the phrase is checked on the text. `stemmed`: the index's phrases match stems.
 */
export function hasUnindexedWords(c: CompiledClause, stemmed: boolean): boolean {
  if (c.clause.type !== 'phrase') return false;
  const indexed = new Set(stemmed ? c.stem : c.exact);
  return c.phraseWords.some((w) => !indexed.has((stemmed ? w.stem : w.exact) ?? ''));
}

function unique(tokens: readonly Token[], kind: Token['kind']): string[] {
  const seen = new Set<string>();
  for (const t of tokens) if (t.kind === kind) seen.add(t.term);
  return [...seen];
}

/** One entry per word position, skipping the joined whole of hyphenated words (its parts follow). */
export function phraseWords(tokens: readonly Token[]): PhraseWord[] {
  // One pass (it runs over every paragraph a phrase is checked in): the stem filter puts a word's
  // stem right after it, and a hyphenated whole is followed by its first piece at the same position.
  const words: PhraseWord[] = [];
  for (const t of tokens) {
    const last = words[words.length - 1];
    if (t.kind === 'exact') {
      if (last && last.position === t.position) words.pop(); // the hyphenated whole gives way to its pieces
      words.push({ exact: t.term, stem: null, start: t.start, end: t.end, position: t.position });
    } else if (t.kind === 'stem' && last && last.start === t.start && last.end === t.end) {
      last.stem = t.term;
    }
  }
  return words;
}
