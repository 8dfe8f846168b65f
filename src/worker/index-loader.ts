import { zlibCompression } from '../index/codec/zlib-compression';
import { IndexReader, newReaderCaches, readRoot, type ReaderBudget } from '../index/index-reader';
import { CURRENT, type IndexRoot } from '../index/root';
import type { EdgeCacheStats } from '../index/storage/cache-store';
import type { ChunkStore } from '../index/storage/chunk-store';
import { ChunkedSource } from '../index/storage/chunked-source';
import { HttpError } from './errors';

/**
 * Opens the index once per isolate and shares it between requests. A failed
 * first open is not cached, so the next request tries again; meanwhile
 * requests get a 503 that says why, never an empty result list.
 *
 * With a `check` (an index in R2, which `upload:index` and live updates
 * switch without a deploy), the loader reads the pointer at most once per
 * `everyMs` and, when it names another root, opens that version beside the
 * current one and switches to it in one assignment: a query holds the reader
 * it started with, so it sees the old version or the new one, never a mix.
 * The new reader shares the old one's caches, whose keys carry segment ids,
 * so nothing already read is read again. No request answers from a version
 * confirmed longer than `staleMs` ago: between `everyMs` and `staleMs` the
 * check runs behind the answer (handed to `background`, the Worker's
 * waitUntil), beyond it the request waits for the check.
 */
export interface IndexLoader {
  (): Promise<IndexReader>;
  /** Versions this isolate has opened (1 in normal operation; one more per switch). */
  readonly loads: number;
  /** What health reports: the version served and how the checks went. */
  status(): LoaderStatus;
  /** Reads the pointer now (a check already under way may predate a write, so a new one follows it) and switches if it moved. */
  refresh(): Promise<void>;
}

export interface LoaderStatus {
  version: string | null;
  /** Pointer reads, switches to another version, and how long ago the version was last confirmed (ms; null before). */
  checks: number;
  switches: number;
  checkedAgoMs: number | null;
  /** Why the last check or switch failed (the version before it is still served), if it did. */
  lastError: string | null;
  /** Hits and misses of the Cache API in front of the store (R2), in this isolate. */
  edgeCache: EdgeCacheStats | null;
}

export interface VersionCheck {
  /** The root the pointer names now (read past every cache). */
  pointer(): Promise<string>;
  /** Opens the named version, sharing what it can with the one served now. */
  open(root: string, previous: IndexReader): Promise<IndexReader>;
  everyMs: number;
  staleMs: number;
}

export interface LoaderOptions {
  check?: VersionCheck;
  /** Takes work that should finish after the answer (ExecutionContext.waitUntil); without it, checks are awaited. */
  background?: (work: Promise<unknown>) => void;
  /** The Cache API's figures, when one is in front of the store. */
  edgeCache?: EdgeCacheStats;
  now?: () => number;
}

/** A failed switch to a root is retried no sooner than this (it is read whole each time). */
const RETRY_FAILED_ROOT_MS = 30_000;

export function createIndexLoader(open: () => Promise<IndexReader>, options: LoaderOptions = {}): IndexLoader {
  const now = options.now ?? (() => Date.now());
  const check = options.check;
  let loading: Promise<IndexReader> | null = null;
  let current: IndexReader | null = null;
  let checkedAt = -Infinity;
  let checking: Promise<void> | null = null;
  let failed: { root: string; at: number } | null = null;
  const status: Pick<LoaderStatus, 'checks' | 'switches' | 'lastError'> & { loads: number } = { loads: 0, checks: 0, switches: 0, lastError: null };

  const first = () => {
    if (!loading) status.loads++;
    const started = now();
    loading ??= open().then(
      (reader) => {
        current = reader;
        checkedAt = started;
        return reader;
      },
      (error: unknown) => {
        loading = null;
        console.error('index open failed', error);
        throw new HttpError(503, 'index_unavailable', 'The search index could not be loaded.');
      },
    );
    return loading;
  };

  const refresh = (started: number): Promise<void> =>
    (checking ??= (async () => {
      try {
        status.checks++;
        const root = await check!.pointer();
        const retryLater = failed?.root === root && started - failed.at < RETRY_FAILED_ROOT_MS;
        if (root !== current!.version && !retryLater) {
          const next = await check!.open(root, current!).catch((error: unknown) => {
            failed = { root, at: started };
            throw error;
          });
          // Everything a query needs before its first read (deletions) is loaded before the switch.
          await next.ready().catch((error: unknown) => {
            failed = { root, at: started };
            throw error;
          });
          status.loads++;
          status.switches++;
          current = next;
          failed = null;
        }
        if (!retryLater) status.lastError = null;
      } catch (error) {
        // The version served stays; the next check, a period later, tries again.
        status.lastError = String(error);
        console.error('index version check failed', error);
      } finally {
        checkedAt = started;
        checking = null;
      }
    })());

  const load = async (): Promise<IndexReader> => {
    if (!current) return first();
    const at = now();
    const age = at - checkedAt;
    if (check && age >= check.everyMs) {
      const work = refresh(at);
      if (options.background && age < check.staleMs) options.background(work);
      else await work;
    }
    return current;
  };
  Object.defineProperty(load, 'loads', { get: () => status.loads });
  return Object.assign(load, {
    refresh: async (): Promise<void> => {
      if (!current) return void (await first());
      if (!check) return;
      await checking;
      await refresh(now());
    },
    status: (): LoaderStatus => ({
      version: current?.version ?? null,
      checks: status.checks,
      switches: status.switches,
      checkedAgoMs: current ? Math.max(0, Math.round(now() - checkedAt)) : null,
      lastError: status.lastError,
      edgeCache: options.edgeCache ? { ...options.edgeCache } : null,
    }),
  }) as IndexLoader;
}

/**
 * How much of the isolate's 128 MB the index may keep, per consumer, in heap
 * bytes (each cache counts its entries' real cost, ENTRY_COST). The budget
 * for the whole isolate is 64 MB at its peak; these caches take part of it,
 * the rest is the root (parsed), the word memos of analysis
 * (TERM_CACHE_LIMIT), the code, and one query's transient allocations. A
 * store that answers ranges (R2) keeps no whole chunks, so verified ranges
 * get the chunks' share.
 *
 * Whole chunks get the largest share: they are the index in its densest form
 * (postings still packed, texts still deflated), and a miss costs a fetch,
 * while a miss in the decoded caches below costs only CPU to decode again
 * from a chunk still held. A small archive's index (WHOLE_INDEX_BYTES) stays
 * whole in the isolate, and a query asked again reads nothing.
 */
export const WORKER_BUDGET = {
  /**
   * Whole chunks from static assets (each read fetches its chunk whole; neighbouring reads share it). Sized so
   * that, with the other shares and one query's garbage, an isolate over the largest archive measured stays
   * within 64 MB at its peak (`npm run check:scale`, docs/SCALE.md "Memory"); from R2 the share goes to
   * verified ranges.
   */
  chunkBytes: 12 << 20,
  /** Verified byte ranges: dictionary blocks, posting lists, positions, pages (from static assets: copied out of chunks). */
  unitBytes: 4 << 20,
  /** Decoded dictionary blocks. */
  dictionaryBytes: 6 << 20,
  /** Inflated stored blocks: those of one query's results and candidates, which its page then reads. */
  storedBytes: 2 << 20,
  /** Stored paragraphs decoded: what pages shown again need, without their blocks (a block holds many paragraphs). */
  paragraphBytes: 4 << 20,
  /** What typo scans found, per word: a misspelt word asked again, or typed on, is not scanned again. */
  typoBytes: 1 << 20,
  /**
   * The term table of the smallest (freshest) segments, their dictionary blocks included (search/term-table.ts):
   * a query looks a word up once for all of them. Sized to hold the small segments the merge policy leaves
   * (segmentsPerTier) with room to spare; segments beyond the share are looked up each on its own.
   */
  termTableBytes: 4 << 20,
} as const satisfies ReaderBudget & { chunkBytes: number };

/**
 * An index up to this size gets a whole-chunk share that holds all of it, so a warm isolate fetches nothing
 * more (with the usual share, queries that come round again find their chunks evicted by the ones between).
 * The other shares stay as they are; that the isolate still stays within 64 MB, `npm run check:edge` checks.
 */
export const WHOLE_INDEX_BYTES = 20 << 20;

/**
 * The shares for a store: whole-chunk stores get a chunk cache (all of a small index: WHOLE_INDEX_BYTES), ranged
 * ones give its share to verified ranges.
 */
export function budgetFor(store: ChunkStore, root: IndexRoot): ReaderBudget & { chunkBytes: number } {
  if (store.ranged) return { ...WORKER_BUDGET, unitBytes: WORKER_BUDGET.unitBytes + WORKER_BUDGET.chunkBytes, chunkBytes: 0 };
  const bytes = indexBytes(root);
  return { ...WORKER_BUDGET, chunkBytes: bytes <= WHOLE_INDEX_BYTES ? Math.max(WORKER_BUDGET.chunkBytes, bytes) : WORKER_BUDGET.chunkBytes };
}

/** The bytes of every file a root names (segment files and deletions; their chunks, summed). */
function indexBytes(root: IndexRoot): number {
  let sum = 0;
  for (const s of root.segments) {
    for (const n of Object.values(s.meta.files)) sum += n;
    sum += s.deletions?.length ?? 0;
  }
  return sum;
}

export interface OpenIndexOptions {
  /** The root to open (as the pointer named it); default: what the pointer names now. */
  root?: string;
  /** A reader of an earlier version over the same store, whose caches and chunk source the new one shares. */
  previous?: IndexReader;
}

/** Opens the index a chunk store's pointer names: the root first, everything else on demand. */
export async function openIndex(store: ChunkStore, options: OpenIndexOptions = {}): Promise<IndexReader> {
  const named = options.root;
  const { name, root, bytes } = await readRoot((n) => (n === CURRENT && named ? Promise.resolve(new TextEncoder().encode(named)) : store.get(n)));
  const budget = budgetFor(store, root);
  const previous = options.previous?.root.chunkSize === root.chunkSize ? options.previous : undefined;
  const source = previous?.source ?? new ChunkedSource(store, { chunkSize: root.chunkSize, cacheBytes: budget.chunkBytes });
  return new IndexReader(root, source, { compression: zlibCompression, budget, caches: previous?.caches ?? newReaderCaches(budget), previous }, bytes, name);
}

/** The version check of an index whose pointer may change under a running isolate (R2). */
export function versionCheck(store: ChunkStore, everyMs = 1000, staleMs = 2000): VersionCheck {
  return {
    async pointer() {
      const bytes = await store.get(CURRENT);
      if (!bytes) throw new Error('the index has no CURRENT pointer any more');
      return new TextDecoder().decode(bytes).trim();
    },
    open: (root, previous) => openIndex(store, { root, previous }),
    everyMs,
    staleMs,
  };
}
