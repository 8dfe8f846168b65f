import type MiniSearch from 'minisearch';
import type { Analyzer } from '../analysis/analyzer';
import type { AnalysisConfig } from '../analysis/german';
import type { Article } from '../corpus/article';
import type { ParagraphTexts } from './paragraph-texts';
import type { IndexedParagraph } from './schema';
import type { CompactTermIndex } from './term-index';

/** What results show of an article; everything but the paragraphs. */
export type ArticleMeta = Omit<Article, 'paragraphs'>;

/** Facts about a build, carried in the serialized index. */
export interface IndexMeta {
  builtAt: string;
  articles: number;
  paragraphs: number;
  terms: number;
  postings: number;
  analysis: AnalysisConfig;
}

/**
 * A loaded index. Paragraph `i` (the document id MiniSearch scores) is
 * `texts.get(i)`, paragraph number `paragraphOrdinal[i]` of
 * `articles[paragraphArticle[i]]`: side arrays instead of MiniSearch stored
 * fields, because a few bytes per paragraph cost far less heap than an
 * object per document.
 */
export interface SearchIndex {
  /** MiniSearch's query engine, running over `terms`. */
  engine: MiniSearch<IndexedParagraph>;
  /** The inverted index: terms of every field with their postings. */
  terms: CompactTermIndex;
  /** The analyzer the index was built with; queries must use the same one. */
  analyzer: Analyzer;
  articles: ArticleMeta[];
  paragraphArticle: Uint32Array;
  paragraphOrdinal: Uint32Array;
  /** Unique terms per paragraph and field, `[doc * FIELDS.length + field]`. */
  fieldLengths: Uint16Array;
  texts: ParagraphTexts;
  meta: IndexMeta;
}
