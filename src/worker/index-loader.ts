import type { Chunks } from '../index/binary-format';
import { partName, readParts } from '../index/parts';
import { loadIndex } from '../index/serialize';
import type { SearchIndex } from '../index/search-index';
import { HttpError } from './errors';

/**
 * Loads the index once per isolate and shares it between requests. A failed
 * load is not cached, so the next request tries again; meanwhile requests get
 * a 503 that says why, never an empty result list.
 */
export interface IndexLoader {
  (): Promise<SearchIndex>;
  /** How many times this isolate has started loading the index (1 in normal operation). */
  readonly loads: number;
}

export function createIndexLoader(fetchBytes: () => Promise<Uint8Array | Chunks>): IndexLoader {
  let loading: Promise<SearchIndex> | null = null;
  let loads = 0;
  const load = () => {
    if (!loading) loads++;
    loading ??= fetchBytes()
      .then(loadIndex)
      .catch((error: unknown) => {
        loading = null;
        console.error('index load failed', error);
        throw new HttpError(503, 'index_unavailable', 'The search index could not be loaded.');
      });
    return loading;
  };
  return Object.defineProperty(load, 'loads', { get: () => loads }) as IndexLoader;
}

/** Reads the index from the Workers Static Assets binding. */
export function fetchIndexAsset(assets: Fetcher, path: string): () => Promise<Chunks> {
  return async () => {
    const fetchPart = async (part: number) => {
      const response = await assets.fetch(new Request(`https://assets.local${partName(path, part)}`));
      if (!response.ok) throw new Error(`index asset part ${part} answered ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    };
    return readParts(await fetchPart(0), fetchPart);
  };
}
