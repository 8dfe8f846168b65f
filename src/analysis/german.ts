import { createAnalyzer, type Analyzer } from './analyzer';

/**
 * The serializable description of an analysis chain. The index records the
 * config it was built with, and the loader rebuilds the very same analyzer
 * for queries, so index and query analysis cannot drift apart.
 */
export interface AnalysisConfig {
  fold: boolean;
  stopWords: boolean;
  stem: boolean;
}

export const DEFAULT_ANALYSIS: AnalysisConfig = { fold: true, stopWords: true, stem: true };

/** The German analyzer for a config. */
export function createGermanAnalyzer(config: AnalysisConfig = DEFAULT_ANALYSIS): Analyzer {
  return createAnalyzer({ fold: config.fold, stopWords: config.stopWords, stem: config.stem });
}
