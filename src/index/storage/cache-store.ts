import { CURRENT } from '../root';
import type { ChunkStore } from './chunk-store';

/** What the store needs of the Cache API (`caches.default`). */
export interface CacheLike {
  match(request: Request): Promise<Response | undefined>;
  put(request: Request, response: Response): Promise<void>;
}

/** How often the Cache API had what was asked (per isolate, since it started). */
export interface EdgeCacheStats {
  hits: number;
  misses: number;
  /** Bytes answered from the cache, and bytes that had to come from the store behind it. */
  hitBytes: number;
  missBytes: number;
}

/**
 * The Cache API in front of another chunk store (R2). Every name but the
 * pointer carries a content hash (segment chunks `<segment id>/<file>.<n>`,
 * `root-<hash>.json`, `del-<segment>-<hash>.<n>`), so a cached entry never
 * goes stale and is kept as immutable; the pointer, CURRENT, is the one
 * mutable name and is never cached. Ranges are stored as whole responses
 * under a key that names the range (the Cache API refuses to store partial
 * content), so a range repeats as a hit when a later query reads the same
 * dictionary block, posting list or stored block.
 */
export class CachedChunkStore implements ChunkStore {
  readonly stats: EdgeCacheStats = { hits: 0, misses: 0, hitBytes: 0, missBytes: 0 };

  get ranged(): boolean {
    return this.inner.ranged;
  }

  get requestBytes(): number | undefined {
    return this.inner.requestBytes;
  }

  constructor(
    private readonly inner: ChunkStore,
    private readonly cache: CacheLike,
    /** Distinguishes indexes sharing a cache (their bucket and prefix). */
    private readonly namespace: string,
    /**
     * Takes the cache writes, which should finish after the answer is sent
     * (the Worker hands them to ExecutionContext.waitUntil).
     */
    private readonly background: (work: Promise<unknown>) => void = () => undefined,
  ) {}

  async get(name: string, range?: { offset: number; length: number }): Promise<Uint8Array | null> {
    if (name === CURRENT) return this.inner.get(name, range);
    const key = new Request(`https://index-cache.local/${encodeURIComponent(this.namespace)}/${name}${range ? `?r=${range.offset}-${range.length}` : ''}`);
    // A cache that fails is no reason not to answer: the store behind it has every byte.
    const hit = await this.cache.match(key).catch(() => undefined);
    if (hit) {
      const bytes = new Uint8Array(await hit.arrayBuffer());
      // A cache write cut short (the request that started it ended first) can leave a truncated entry: never trust one.
      if (!range || bytes.length === range.length) {
        this.stats.hits++;
        this.stats.hitBytes += bytes.length;
        return bytes;
      }
    }
    const bytes = await this.inner.get(name, range);
    this.stats.misses++;
    if (bytes) {
      this.stats.missBytes += bytes.length;
      const response = new Response(bytes.slice(), { headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } });
      this.background(this.cache.put(key, response).catch(() => undefined));
    }
    return bytes;
  }
}
