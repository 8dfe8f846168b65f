import type { StoredArticle } from '../index/segment/doc-store';
import type { Ranking } from './searcher';
import { TopK, walkSegment, type Hit } from './top-k';

/**
 * With grouping, the other matching paragraphs of an article shown: the
 * query's walk again over just the article's paragraphs, without pruning
 * (they may score below the page's threshold), best first.
 */
export function moreHits(ranking: Ranking, hit: Hit, article: StoredArticle, max: number): Hit[] {
  const makeWalk = ranking.walks[hit.segment];
  if (!makeWalk || !ranking.plan || ranking.plan.lists.length === 0) return [];
  const top = new TopK({ k: max + 1, clauseCount: ranking.plan.clauses.length, exhaustive: true });
  walkSegment({ ...makeWalk([article.first, article.first + article.count]), articleOf: null }, top);
  return top
    .sorted()
    .filter((h) => h.doc !== hit.doc)
    .slice(0, max);
}
