import { createAnalyzer, type Analyzer } from './analyzer';
import { decompoundFilter } from './decompound';
import { createLemmatizer } from './lemma';

/**
 * The serializable description of an analysis chain. The index records the
 * config it was built with, and the loader rebuilds the very same analyzer
 * for queries, so index and query analysis cannot drift apart. Every stage
 * can be switched off, for evaluation (ablation).
 */
export interface AnalysisConfig {
  /** Umlaut, ß and diacritic folding. */
  fold: boolean;
  /** Snowball German stop words. */
  stopWords: boolean;
  /** Snowball German stemming. */
  stem: boolean;
  /** Lemmas where stemming fails (strong verbs, irregular plurals); needs `stem`. */
  lemmas: boolean;
  /** Compound splitting (`Militärhilfe` → Militär + Hilfe). */
  compounds: boolean;
}

export const DEFAULT_ANALYSIS: AnalysisConfig = { fold: true, stopWords: true, stem: true, lemmas: true, compounds: true };

/** The German analyzer for a config. Configs from older indexes lack newer flags: those stages stay off. */
export function createGermanAnalyzer(config: Partial<AnalysisConfig> = DEFAULT_ANALYSIS): Analyzer {
  const lemma = config.lemmas ? createLemmatizer() : null;
  return createAnalyzer({
    fold: config.fold ?? false,
    stopWords: config.stopWords ?? false,
    stem: config.stem ?? false,
    ...(lemma ? { lemma } : {}),
    // Compound heads use the same lemmas as whole words (none when lemmas are off), so ablation stays honest.
    ...(config.compounds ? { decompound: decompoundFilter(undefined, { lemma }) } : {}),
  });
}
