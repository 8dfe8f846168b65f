import { streamCompression } from '../index/codec/deflate';
import { IndexReader, readRoot, type ReaderBudget } from '../index/index-reader';
import type { ChunkStore } from '../index/storage/chunk-store';
import { ChunkedSource } from '../index/storage/chunked-source';
import { HttpError } from './errors';

/**
 * Opens the index once per isolate and shares it between requests. A failed
 * open is not cached, so the next request tries again; meanwhile requests get
 * a 503 that says why, never an empty result list.
 */
export interface IndexLoader {
  (): Promise<IndexReader>;
  /** How many times this isolate has started opening the index (1 in normal operation). */
  readonly loads: number;
}

export function createIndexLoader(open: () => Promise<IndexReader>): IndexLoader {
  let loading: Promise<IndexReader> | null = null;
  let loads = 0;
  const load = () => {
    if (!loading) loads++;
    loading ??= open().catch((error: unknown) => {
      loading = null;
      console.error('index open failed', error);
      throw new HttpError(503, 'index_unavailable', 'The search index could not be loaded.');
    });
    return loading;
  };
  return Object.defineProperty(load, 'loads', { get: () => loads }) as IndexLoader;
}

/** How much of the isolate's memory the index may keep, per kind (the rest is the app's and the analyzer's). */
export const WORKER_BUDGET: ReaderBudget & { chunkBytes: number } = {
  unitBytes: 12 << 20,
  dictionaryBytes: 8 << 20,
  storedBytes: 6 << 20,
  chunkBytes: 12 << 20,
};

/** Opens the index a chunk store's pointer names: the root first, everything else on demand. */
export async function openIndex(store: ChunkStore): Promise<IndexReader> {
  const { name, root, bytes } = await readRoot((n) => store.get(n));
  const source = new ChunkedSource(store, { chunkSize: root.chunkSize, cacheBytes: WORKER_BUDGET.chunkBytes });
  return new IndexReader(root, source, { compression: streamCompression, budget: WORKER_BUDGET }, bytes, name);
}
