import { createAnalyzer, type Analyzer } from './analyzer';
import { decompoundFilter } from './decompound';
import { foldFilter } from './fold';
import { createLemmatizer } from './lemma';
import { lowercaseFilter } from './lowercase';
import { normalizeFilter } from './normalize';
import { stemFilter } from './stem';
import { GERMAN_STOP_WORDS, stopFilter } from './stop';
import type { TokenFilter } from './token';

/**
 * The one description of the German analysis chain, and the only options
 * type it has. It is serializable: the index records the config it was built
 * with, and the loader rebuilds the very same analyzers for queries, so index
 * and query analysis cannot drift apart. Every stage can be switched off, for
 * evaluation (ablation) and for baselines built from the same parts.
 */
export interface AnalysisConfig {
  /** Umlaut, ß and diacritic folding (`Brüssel` = `Brussel` = `Bruessel`). */
  fold: boolean;
  /** Snowball German stop words. */
  stopWords: boolean;
  /** A stem (or lemma) token per word, Snowball German. */
  stem: boolean;
  /** Lemmas where stemming fails (strong verbs, irregular plurals); needs `stem`. */
  lemmas: boolean;
  /** Compound parts (`Militärhilfe` → Militär + Hilfe). */
  compounds: boolean;
}

export const DEFAULT_ANALYSIS: AnalysisConfig = { fold: true, stopWords: true, stem: true, lemmas: true, compounds: true };

/** The analyzers one index needs, all made of the same filter instances (and so sharing their memos). */
export interface Analyzers {
  /** Paragraphs and titles at build time; also paragraphs shown, to highlight what matched. */
  index: Analyzer;
  /** Query words: the index chain, so that a word meets the terms it was indexed as. */
  query: Analyzer;
  /** Phrases, in the query and in the paragraphs they are checked against: the chain without stop words (`"jeden Dollar"`). */
  phrase: Analyzer;
  /**
   * The words of a paragraph a phrase with stop words is checked against
   * (stop words are not indexed, so that check reads the text): the chain
   * without stop words and without compound parts, which a phrase does not use.
   */
  words: Analyzer;
  /**
   * The folded forms of a paragraph's words, as the text field holds them:
   * what a prefix or typo match is highlighted by in a paragraph shown, since
   * the text field of an index with stems keeps no positions. No stop words
   * are dropped (none is ever a match) and nothing is stemmed or split.
   */
  surface: Analyzer;
  readonly config: Readonly<AnalysisConfig>;
}

/**
 * Builds the German analyzers for a config:
 * tokenize → normalise → lowercase → fold → stop → stem/lemma → decompound.
 * Configs from older indexes lack newer flags: those stages stay off.
 */
export function germanAnalyzers(config: Partial<AnalysisConfig> = DEFAULT_ANALYSIS): Analyzers {
  const full: AnalysisConfig = {
    fold: config.fold ?? false,
    stopWords: config.stopWords ?? false,
    stem: config.stem ?? false,
    lemmas: config.lemmas ?? false,
    compounds: config.compounds ?? false,
  };
  const lemma = full.lemmas ? createLemmatizer() : null;
  const before: TokenFilter[] = [normalizeFilter, lowercaseFilter];
  if (full.fold) before.push(foldFilter);
  const after: TokenFilter[] = [];
  if (full.stem) after.push(stemFilter(lemma ?? undefined));
  // Compound heads use the same lemmas as whole words (none when lemmas are off), so ablation stays honest.
  if (full.compounds) after.push(decompoundFilter(undefined, { lemma }));
  const index = createAnalyzer(full.stopWords ? [...before, stopFilter(GERMAN_STOP_WORDS), ...after] : [...before, ...after]);
  const phrase = full.stopWords ? createAnalyzer([...before, ...after]) : index;
  const words = full.compounds ? createAnalyzer([...before, ...after.slice(0, full.stem ? 1 : 0)]) : phrase;
  const surface = createAnalyzer(before);
  return { index, query: index, phrase, words, surface, config: full };
}
