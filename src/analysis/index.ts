export type { Token, TokenKind, TokenFilter } from './token';
export { tokenize } from './tokenizer';
export { createAnalyzer, type Analyzer } from './analyzer';
export { germanAnalyzers, DEFAULT_ANALYSIS, type AnalysisConfig, type Analyzers } from './german';
export { foldTerm } from './fold';
export { stemTerm } from './stem';
export { GERMAN_STOP_WORDS } from './stop';
