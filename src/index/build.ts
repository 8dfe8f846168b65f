import MiniSearch from 'minisearch';
import { createGermanAnalyzer, DEFAULT_ANALYSIS, type AnalysisConfig } from '../analysis/german';
import type { Token } from '../analysis/token';
import type { Article } from '../corpus/article';
import { MINISEARCH_OPTIONS, type IndexedParagraph } from './schema';
import type { ArticleMeta, SearchIndex } from './search-index';

/** Indexes every paragraph of every article through the German analyzer. */
export function buildIndex(articles: readonly Article[], analysis: AnalysisConfig = DEFAULT_ANALYSIS): SearchIndex {
  const analyzer = createGermanAnalyzer(analysis);
  const miniSearch = new MiniSearch<IndexedParagraph>(MINISEARCH_OPTIONS);
  const metas: ArticleMeta[] = [];
  const paragraphArticle: number[] = [];
  const paragraphOrdinal: number[] = [];
  const paragraphText: string[] = [];

  for (const article of articles) {
    const articleIndex = metas.length;
    const { paragraphs, ...meta } = article;
    metas.push(meta);
    // Titles are matched on stems: a title is short and a stem match there is as telling as an exact one.
    const titleTokens = analyzer.analyze(article.title);
    const title = joinTerms(titleTokens, analysis.stem ? 'stem' : 'exact');
    paragraphs.forEach((text, ordinal) => {
      const id = paragraphText.length;
      const tokens = analyzer.analyze(text);
      miniSearch.add({
        id,
        title,
        text: joinTerms(tokens, 'exact'),
        stem: joinTerms(tokens, 'stem'),
        part: joinTerms(tokens, 'part'),
      });
      paragraphArticle.push(articleIndex);
      paragraphOrdinal.push(ordinal);
      paragraphText.push(text);
    });
  }

  return {
    miniSearch,
    analyzer,
    articles: metas,
    paragraphArticle: Uint32Array.from(paragraphArticle),
    paragraphOrdinal: Uint32Array.from(paragraphOrdinal),
    paragraphText,
    meta: {
      builtAt: new Date().toISOString(),
      articles: metas.length,
      paragraphs: paragraphText.length,
      terms: miniSearch.termCount,
      analysis,
    },
  };
}

function joinTerms(tokens: readonly Token[], kind: Token['kind']): string {
  let out = '';
  for (const token of tokens) {
    if (token.kind !== kind) continue;
    out = out.length === 0 ? token.term : `${out} ${token.term}`;
  }
  return out;
}
