import type MiniSearch from 'minisearch';
import type { AnalysisConfig, Analyzers } from '../analysis/german';
import type { Article } from '../corpus/article';
import { deriveTitle } from '../corpus/title';
import type { ParagraphTexts } from './paragraph-texts';
import type { IndexedParagraph } from './schema';
import type { CompactTermIndex } from './term-index';

/**
 * What results show of an article; everything but the paragraphs. `title`
 * is null where the title merely repeats the lead (sources without titles):
 * results derive it from paragraph 0 when shown, so the index does not
 * carry the same sentence twice (see `articleTitle`).
 */
export type ArticleMeta = Omit<Article, 'paragraphs' | 'title'> & { title: string | null };

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
  /** The analyzers of the config the index was built with; queries must use them. */
  analyzers: Analyzers;
  articles: ArticleMeta[];
  paragraphArticle: Uint32Array;
  /** The paragraph id of each article's first paragraph (paragraphs of an article are consecutive). */
  articleStart: Uint32Array;
  paragraphOrdinal: Uint32Array;
  /** Unique terms per paragraph and field, `[doc * FIELDS.length + field]`. */
  fieldLengths: Uint16Array;
  texts: ParagraphTexts;
  meta: IndexMeta;
}

/** An article's title, derived from its first paragraph where the index stores none. */
export function articleTitle(index: SearchIndex, article: number): string {
  return index.articles[article]!.title ?? deriveTitle(index.texts.get(index.articleStart[article]!));
}
