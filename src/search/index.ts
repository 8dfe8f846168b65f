export { rankParagraphs, search, type SearchOptions, type SearchResponse, type SearchResult } from './engine';
export { parseQuery, MAX_CLAUSES } from './parse-query';
export type { ParsedQuery, Clause, FieldFilter } from './query';
export { escapeHtml } from './escape';
export { WEIGHTS } from './scoring';
export { suggest, type Suggestion, type SuggestResponse } from './suggest';
