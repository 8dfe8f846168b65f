import type MiniSearch from 'minisearch';
import type { Analyzer } from '../analysis/analyzer';
import type { AnalysisConfig } from '../analysis/german';
import type { IndexedParagraph } from './schema';

/** What results show of an article; everything but the paragraphs. */
export interface ArticleMeta {
  id: string;
  title: string;
  date: string | null;
  url: string | null;
  source: string | null;
  category: string | null;
  tags: string[];
}

/** Facts about a build, carried in the serialized index. */
export interface IndexMeta {
  builtAt: string;
  articles: number;
  paragraphs: number;
  terms: number;
  analysis: AnalysisConfig;
}

/**
 * A loaded index. Paragraph `i` (MiniSearch's document id) is
 * `paragraphText[i]`, paragraph number `paragraphOrdinal[i]` of
 * `articles[paragraphArticle[i]]`: side arrays instead of MiniSearch stored
 * fields, because one string and two small integers per paragraph cost far
 * less heap than an object per document.
 */
export interface SearchIndex {
  miniSearch: MiniSearch<IndexedParagraph>;
  /** The analyzer the index was built with; queries must use the same one. */
  analyzer: Analyzer;
  articles: ArticleMeta[];
  paragraphArticle: Uint32Array;
  paragraphOrdinal: Uint32Array;
  paragraphText: string[];
  meta: IndexMeta;
}
