import { describe, expect, it } from 'vitest';
import { MemoryChunkStore } from '../../src/index/storage/chunk-store';
import { CachedChunkStore, type CacheLike } from '../../src/index/storage/cache-store';

describe('the Cache API in front of R2', () => {
  it('never answers from a cached range of the wrong length (a cache write cut short), but from the store', async () => {
    const store = new MemoryChunkStore(new Map([['seg/terms.0', new Uint8Array(100).map((_, i) => i)]]));
    const truncated: CacheLike = { match: async () => new Response(new Uint8Array(7)), put: async () => undefined };
    const cached = new CachedChunkStore(store, truncated, 'ns');
    expect(await cached.get('seg/terms.0', { offset: 10, length: 20 })).toEqual(new Uint8Array(20).map((_, i) => i + 10));
  });
});
