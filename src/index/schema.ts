import type { Options } from 'minisearch';
import type { TokenKind } from '../analysis/token';

/**
 * How paragraphs are laid out in MiniSearch. Each paragraph is analysed once
 * at build time; every token kind goes to its own field, so that ranking can
 * weigh an exact match above a stem match above a compound-part match (the
 * way Elasticsearch multi-fields keep `text` and `text.stemmed` apart):
 *
 * | field   | holds                                   |
 * |---------|-----------------------------------------|
 * | `title` | stems of the article title              |
 * | `text`  | folded surface forms (exact + prefix)   |
 * | `stem`  | stems and lemmas                        |
 * | `part`  | stems of compound parts                 |
 *
 * The index is built by src/index/build.ts straight into a compact term
 * index; MiniSearch runs the queries over it (minisearch-adapter.ts). Query
 * terms reach MiniSearch already analysed, so its own tokenizer and term
 * processing are identity steps. Nothing is stored in MiniSearch: paragraph
 * text and article metadata live in compact side arrays (search-index.ts).
 */
export const FIELDS = ['title', 'text', 'stem', 'part'] as const;
export type Field = (typeof FIELDS)[number];

/** The field each kind of analysed token goes to (and is matched in). */
export const FIELD_OF_KIND: Record<TokenKind, Field> = { exact: 'text', stem: 'stem', part: 'part' };

/** The document shape MiniSearch is typed with (documents are never added to it: see build.ts). */
export type IndexedParagraph = { id: number } & Record<Field, string>;

const splitOnSpace = (text: string): string[] => (text.length === 0 ? [] : text.split(' '));
const identity = (term: string): string => term;

export const MINISEARCH_OPTIONS: Options<IndexedParagraph> = {
  idField: 'id',
  fields: [...FIELDS],
  storeFields: [],
  tokenize: splitOnSpace,
  processTerm: identity,
  // Search options are given per query by src/search; these are the fallbacks.
  searchOptions: { tokenize: splitOnSpace, processTerm: identity },
  autoVacuum: false,
};

/**
 * Bump when the serialized layout or the terms the analyzer makes change
 * (an old index would then miss queries without an error); loaders refuse
 * other versions. 3: accents fold before ae/oe/ue (Noël = Noel), words over
 * 64 letters are not split. 4: ae/oe/ue that is no umlaut stays (Israel,
 * Poeten), names and words rarer as parts stay whole (Deutschland,
 * Transport), lemma fixes (bekannt is no form of bekennen).
 */
export const INDEX_FORMAT = 'de-edge-search-index';
export const INDEX_FORMAT_VERSION = 4;
