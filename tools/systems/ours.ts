import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_ANALYSIS, type AnalysisConfig } from '../../src/analysis/german';
import { openIndexDir } from '../../src/cli/open-index-dir';
import type { Article } from '../../src/corpus/article';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import type { IndexReader } from '../../src/index/index-reader';
import { MemoryStore, openIndex, writeIndex } from '../../src/index/memory-index';
import { CURRENT } from '../../src/index/root';
import { FsStore } from '../../src/index/storage/fs-store';
import { rankParagraphs, search, type SearchOptions } from '../../src/search';
import { indexFiles } from '../index-files';
import { notReady, paragraphKey, type ComparedSystem } from './system';

export const OURS_ID = 'ours';
/** The name of this project's row, which the eval's ablation rows are compared with. */
export const OURS_NAME = 'this project';

/** This project as the API runs it, with the extras the bench's latency and memory tables show. */
export interface OursSystem extends ComparedSystem {
  search(query: string, limit: number): Promise<string[]>;
  prefix(query: string, limit: number): Promise<string[]>;
  /** What `/api/search` does: ranking plus highlights and snippets for the page shown; resolves to the results' count. */
  searchWithSnippets(query: string, limit: number): Promise<number>;
  /** Opens a saved index folder with every file read into memory first (no storage reads while searching). */
  openInMemory(path: string): Promise<void>;
  /** The open or built index, for the memory breakdown. */
  readonly index: IndexReader | undefined;
}

/** A variant of this project for the eval's ablation: another analysis, other search options. */
export interface OursVariant {
  id: string;
  name: string;
  analysis?: AnalysisConfig;
  search?: SearchOptions;
}

/** An index built in this process: the store holding its files, and the reader over them. */
interface BuiltIndex {
  store: MemoryStore;
  reader: IndexReader;
}

/**
 * One index per corpus and analysis config, shared by the variants that
 * differ only in search options (an ablation builds each index once).
 */
export class IndexCache {
  private readonly built = new WeakMap<readonly Article[], Map<string, Promise<BuiltIndex>>>();

  get(articles: readonly Article[], analysis: AnalysisConfig): Promise<BuiltIndex> {
    let byConfig = this.built.get(articles);
    if (!byConfig) this.built.set(articles, (byConfig = new Map()));
    const key = JSON.stringify(analysis);
    let index = byConfig.get(key);
    if (!index) byConfig.set(key, (index = buildInMemory(articles, analysis)));
    return index;
  }
}

/**
 * What `buildMemoryIndex` does (src/index/memory-index.ts), keeping the
 * store so that `save` can write its files: Node's zlib, and the chunk size
 * `npm run build:index` writes, so a saved folder is what that command makes.
 */
async function buildInMemory(articles: readonly Article[], analysis: AnalysisConfig): Promise<BuiltIndex> {
  const store = new MemoryStore();
  await writeIndex(store, articles, { analysis, compression: zlibCompression, chunkSize: 'auto' });
  return { store, reader: await openIndex(store, { compression: zlibCompression }) };
}

/**
 * This project: the German analyzer, the segment index and the search
 * engine, awaited as the API awaits them. `search` is `rankParagraphs` with
 * prefix off (complete words, as the eval asks); `prefix` is prefix search
 * on the last word unless a space follows it, as the search box sends it.
 * `build` builds in memory; `save` writes the index folder `npm run
 * build:index` would write, and `open` opens one as `npm run query` does
 * (`openIndexDir`: the root now, everything else on demand).
 */
export function ours(variant: OursVariant = { id: OURS_ID, name: OURS_NAME }, indexes = new IndexCache()): OursSystem {
  let built: BuiltIndex | undefined;
  let index: IndexReader | undefined;
  const analysis = variant.analysis ?? DEFAULT_ANALYSIS;
  const rank = async (query: string, limit: number, prefix: boolean) => {
    if (!index) return notReady(variant.id);
    return (await rankParagraphs(index, query, { limit, prefix, ...variant.search })).map((r) => paragraphKey(r.id, r.paragraph));
  };
  return {
    id: variant.id,
    name: variant.name,
    get index() {
      return index;
    },
    async build(articles: readonly Article[]) {
      built = await indexes.get(articles, analysis);
      index = built.reader;
    },
    async save(path) {
      if (!built) return notReady(variant.id);
      const out = new FsStore(path);
      try {
        // The pointer last, as a build publishes: a folder with a CURRENT is complete.
        for (const name of await built.store.list()) if (name !== CURRENT) await out.put(name, (await built.store.get(name))!);
        await out.swapPointer(CURRENT, (await built.store.get(CURRENT))!);
      } finally {
        await out.close();
      }
    },
    async open(path) {
      index = await openIndexDir(path);
    },
    async openInMemory(path) {
      const store = new MemoryStore();
      for (const name of await indexFiles(path)) await store.put(name, await readFile(join(path, name)));
      index = await openIndex(store, { compression: zlibCompression });
    },
    search: (query, limit) => rank(query, limit, false),
    prefix: (query, limit) => rank(query, limit, true),
    async searchWithSnippets(query, limit) {
      if (!index) return notReady(variant.id);
      return (await search(index, query, { limit, prefix: false, ...variant.search })).results.length;
    },
  };
}
