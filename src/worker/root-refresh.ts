import { streamCompression } from '../index/codec/deflate';
import { IndexReader, readRoot } from '../index/index-reader';
import { CURRENT } from '../index/root';
import type { ChunkStore } from '../index/storage/chunk-store';
import { ChunkedSource } from '../index/storage/chunked-source';
import type { IndexSource } from './env';
import { HttpError } from './errors';
import { WORKER_BUDGET } from './index-loader';

/**
 * An index that changes while isolates serve it (R2 with live updates): the
 * isolate checks the pointer at most every `checkMs` — one small read,
 * awaited by the request that finds the check due, shared by requests
 * meanwhile — and opens a new root when it names one. The new reader shares
 * the old one's caches and the readers of unchanged segments
 * (IndexReader's `previous`), so a switch reads only what is new.
 *
 * If a check fails, the isolate keeps answering from the version it has
 * (and says so in the log); without any version it answers 503.
 */
export function createRefreshingLoader(store: ChunkStore, options: { checkMs: number; now?: () => number }): IndexSource {
  const now = options.now ?? Date.now;
  let current: IndexReader | null = null;
  let checkedAt = -Infinity;
  let checking: Promise<IndexReader> | null = null;
  let loads = 0;

  const check = async (): Promise<IndexReader> => {
    const pointer = await store.get(CURRENT);
    const name = pointer ? new TextDecoder().decode(pointer).trim() : null;
    if (current && name === current.version) return current;
    const { name: version, root, bytes } = await readRoot((n) => (n === CURRENT && pointer ? Promise.resolve(pointer) : store.get(n)));
    loads++;
    const keep = current && current.root.chunkSize === root.chunkSize ? current : null;
    const source = keep ? keep.source : new ChunkedSource(store, { chunkSize: root.chunkSize, cacheBytes: WORKER_BUDGET.chunkBytes });
    const reader = new IndexReader(root, source, { compression: streamCompression, budget: WORKER_BUDGET, previous: keep ?? undefined }, bytes, version);
    await reader.ready();
    current = reader;
    return reader;
  };

  const refresh = (force: boolean): Promise<IndexReader> => {
    if (current && !force && now() - checkedAt < options.checkMs) return Promise.resolve(current);
    checking ??= (async () => {
      const started = now();
      try {
        const reader = await check();
        checkedAt = started;
        return reader;
      } catch (error) {
        console.error('index check failed', error);
        if (current) return current;
        throw new HttpError(503, 'index_unavailable', 'The search index could not be loaded.');
      } finally {
        checking = null;
      }
    })();
    return checking;
  };

  const load = (() => refresh(false)) as IndexSource;
  Object.defineProperty(load, 'loads', { get: () => loads });
  load.refresh = async () => {
    await refresh(true);
  };
  return load;
}
