import type { Article } from '../../src/corpus/article';
import { buildIndex } from '../../src/index/build';
import { loadIndex, serializeIndex } from '../../src/index/serialize';
import type { SearchIndex } from '../../src/index/search-index';
import { rankParagraphs, search } from '../../src/search';
import { notReady, type BenchSystem } from './system';

export const OURS_ID = 'ours';

/** This project as the API runs it, with the extra `searchWithSnippets` the latency table shows beside the ranking. */
export interface OursSystem extends BenchSystem {
  /** What `/api/search` does: ranking plus highlights and snippets for the page shown. */
  searchWithSnippets(query: string, limit: number): number;
  /** The loaded or built index, for the memory breakdown. */
  readonly index: SearchIndex | undefined;
}

/**
 * This project: the German analyzer, the compact binary index and the search
 * core. `search` is `rankParagraphs` with prefix off (complete words, as the
 * eval asks); `prefix` is the default, prefix search on the last word unless
 * a space follows it, as the search box sends it.
 */
export function ours(): OursSystem {
  let index: SearchIndex | undefined;
  const keys = (results: ReadonlyArray<{ id: string; paragraph: number }>) => results.map((r) => `${r.id}#${r.paragraph}`);
  return {
    id: OURS_ID,
    name: 'this project',
    get index() {
      return index;
    },
    build(articles: readonly Article[]) {
      index = buildIndex(articles);
    },
    serialize() {
      if (!index) return notReady('ours');
      return serializeIndex(index);
    },
    load(bytes) {
      index = loadIndex(bytes);
    },
    search(query, limit) {
      if (!index) return notReady('ours');
      return keys(rankParagraphs(index, query, { limit, prefix: false }));
    },
    prefix(query, limit) {
      if (!index) return notReady('ours');
      return keys(rankParagraphs(index, query, { limit, prefix: true }));
    },
    searchWithSnippets(query, limit) {
      if (!index) return notReady('ours');
      return search(index, query, { limit, prefix: false }).results.length;
    },
  };
}
