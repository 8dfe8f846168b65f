import { DEFAULT_ANALYSIS, type AnalysisConfig } from '../../src/analysis/german';
import type { Article } from '../../src/corpus/article';
import { buildIndex } from '../../src/index/build';
import { loadIndex, serializeIndex } from '../../src/index/serialize';
import type { SearchIndex } from '../../src/index/search-index';
import { rankParagraphs, search, type SearchOptions } from '../../src/search';
import { notReady, paragraphKey, type ComparedSystem } from './system';

export const OURS_ID = 'ours';
/** The name of this project's row, which the eval's ablation rows are compared with. */
export const OURS_NAME = 'this project';

/** This project as the API runs it, with the extra `searchWithSnippets` the bench's latency table shows beside the ranking. */
export interface OursSystem extends ComparedSystem {
  /** What `/api/search` does: ranking plus highlights and snippets for the page shown. */
  searchWithSnippets(query: string, limit: number): number;
  /** The loaded or built index, for the memory breakdown. */
  readonly index: SearchIndex | undefined;
}

/** A variant of this project for the eval's ablation: another analysis, other search options. */
export interface OursVariant {
  id: string;
  name: string;
  analysis?: AnalysisConfig;
  search?: SearchOptions;
}

/**
 * One index per corpus and analysis config, shared by the variants that
 * differ only in search options (an ablation builds each index once).
 */
export class IndexCache {
  private readonly built = new WeakMap<readonly Article[], Map<string, SearchIndex>>();

  get(articles: readonly Article[], analysis: AnalysisConfig): SearchIndex {
    let byConfig = this.built.get(articles);
    if (!byConfig) this.built.set(articles, (byConfig = new Map()));
    const key = JSON.stringify(analysis);
    let index = byConfig.get(key);
    if (!index) byConfig.set(key, (index = buildIndex(articles, analysis)));
    return index;
  }
}

/**
 * This project: the German analyzer, the compact binary index and the search
 * core. `search` is `rankParagraphs` with prefix off (complete words, as the
 * eval asks); `prefix` is prefix search on the last word unless a space
 * follows it, as the search box sends it.
 */
export function ours(variant: OursVariant = { id: OURS_ID, name: OURS_NAME }, indexes = new IndexCache()): OursSystem {
  let index: SearchIndex | undefined;
  const analysis = variant.analysis ?? DEFAULT_ANALYSIS;
  const rank = (query: string, limit: number, prefix: boolean) => {
    if (!index) return notReady(variant.id);
    return rankParagraphs(index, query, { limit, prefix, ...variant.search }).map((r) => paragraphKey(r.id, r.paragraph));
  };
  return {
    id: variant.id,
    name: variant.name,
    get index() {
      return index;
    },
    build(articles: readonly Article[]) {
      index = indexes.get(articles, analysis);
    },
    serialize() {
      if (!index) return notReady(variant.id);
      return serializeIndex(index);
    },
    load(bytes) {
      index = loadIndex(bytes);
    },
    search: (query, limit) => rank(query, limit, false),
    prefix: (query, limit) => rank(query, limit, true),
    searchWithSnippets(query, limit) {
      if (!index) return notReady(variant.id);
      return search(index, query, { limit, prefix: false, ...variant.search }).results.length;
    },
  };
}
