export { rankParagraphs, search, type SearchOptions, type SearchResponse, type SearchResult, type SearchStages, type ShownParagraph } from './engine';
export { parseQuery, MAX_CLAUSES } from './parse-query';
export type { ParsedQuery, Clause, FieldFilter } from './query';
export { WEIGHTS } from './scoring';
export { FACET_KINDS, type FacetCounts, type FacetKind } from './facets';
export { suggest, type Suggestion, type SuggestResponse } from './suggest';
