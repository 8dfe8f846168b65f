import type { ChunkStore } from './chunk-store';

/** What the store needs of the Cache API (`caches.default`). */
export interface CacheLike {
  match(request: Request): Promise<Response | undefined>;
  put(request: Request, response: Response): Promise<void>;
}

/**
 * The Cache API in front of another chunk store. Chunk names carry the
 * segment's content hash, so a cached range never goes stale and may be kept
 * as immutable; the pointer and roots are never cached here. Ranges are
 * stored as whole responses under a key that names the range (the Cache API
 * refuses to store partial content).
 */
export class CachedChunkStore implements ChunkStore {
  get ranged(): boolean {
    return this.inner.ranged;
  }

  constructor(
    private readonly inner: ChunkStore,
    private readonly cache: CacheLike,
    /** Distinguishes indexes sharing a cache (their prefix or bucket). */
    private readonly namespace: string,
    /** Lets a cache write finish after the answer (ExecutionContext.waitUntil). */
    private readonly background: (work: Promise<unknown>) => void = () => undefined,
  ) {}

  async get(name: string, range?: { offset: number; length: number }): Promise<Uint8Array | null> {
    if (!name.includes('/')) return this.inner.get(name, range);
    const key = new Request(`https://index-cache.local/${encodeURIComponent(this.namespace)}/${name}${range ? `?r=${range.offset}-${range.length}` : ''}`);
    const hit = await this.cache.match(key);
    if (hit) {
      const bytes = new Uint8Array(await hit.arrayBuffer());
      // A cache write cut short (the request that started it ended first) can leave a truncated entry: never trust one.
      if (!range || bytes.length === range.length) return bytes;
    }
    const bytes = await this.inner.get(name, range);
    if (bytes) {
      const response = new Response(bytes.slice(), { headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } });
      this.background(this.cache.put(key, response).catch(() => undefined));
    }
    return bytes;
  }
}
