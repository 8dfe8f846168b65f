export type { Token, TokenKind, TokenFilter } from './token';
export { tokenize } from './tokenizer';
export { createAnalyzer, type Analyzer, type AnalyzerOptions } from './analyzer';
export { foldTerm } from './fold';
export { stemTerm } from './stem';
export { GERMAN_STOP_WORDS } from './stop';
