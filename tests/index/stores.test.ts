import { describe, expect, it, vi } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { MemoryStore, openIndex as openMemoryIndex, writeIndex } from '../../src/index/memory-index';
import { openIndex } from '../../src/worker/index-loader';
import { CURRENT } from '../../src/index/root';
import { CachedChunkStore, type CacheLike } from '../../src/index/storage/cache-store';
import { chunkNamesOf, copyIndex } from '../../src/index/storage/copy-index';
import { readRoot } from '../../src/index/index-reader';
import { crc32 } from '../../src/index/codec/crc32';
import { ChunkedSource } from '../../src/index/storage/chunked-source';
import { newIoStats } from '../../src/index/storage/byte-source';
import type { ChunkStore } from '../../src/index/storage/chunk-store';
import { R2_REQUEST_BYTES } from '../../src/index/storage/r2-store';
import { RangeCache } from '../../src/index/storage/lru-cache';
import { ReadBatch } from '../../src/index/storage/read-batch';
import { search } from '../../src/search';
import { article } from '../fixtures';

const ARTICLES = [
  article('kiew', ['Die NATO will ausreichend Militärhilfe an Kiew senden.', 'Der Außenminister sprach in Brüssel.']),
  article('bonn', ['Der Bundestag tagte früher in Bonn am Rhein.']),
];
const MORE = [...ARTICLES, article('haushalt', ['Der Haushaltsausschuss beriet über die Schuldenbremse.'])];

/** A Cache API stand-in: responses by URL, as the Worker's `caches.default` keeps them. */
class MapCache implements CacheLike {
  readonly entries = new Map<string, Uint8Array>();
  failing = false;
  async match(request: Request): Promise<Response | undefined> {
    if (this.failing) throw new Error('cache unavailable');
    const bytes = this.entries.get(request.url);
    return bytes ? new Response(bytes.slice()) : undefined;
  }
  async put(request: Request, response: Response): Promise<void> {
    this.entries.set(request.url, new Uint8Array(await response.arrayBuffer()));
  }
}

const top = async (store: MemoryStore, q: string) => (await search(await openMemoryIndex(store), q, { limit: 10 })).results.map((r) => `${r.id}:${r.paragraph}`);

describe('copying an index between stores (upload:index)', () => {
  it('names every chunk a root needs, and a copy answers as the original', async () => {
    const source = new MemoryStore();
    await writeIndex(source, ARTICLES, { compression: zlibCompression, chunkSize: 256 });
    const { root, name } = await readRoot((n) => source.get(n));
    const names = chunkNamesOf(root);
    expect(new Set([...names, name, CURRENT])).toEqual(new Set(source.chunks.keys()));
    const target = new MemoryStore();
    const report = await copyIndex(source, target);
    expect(report).toMatchObject({ root: name, written: names.length, kept: 0 });
    expect(await top(target, 'Militärhilfe Bonn')).toEqual(await top(source, 'Militärhilfe Bonn'));
  });

  it('writes only the chunks the target lacks: a version that keeps a segment uploads the new one', async () => {
    const source = new MemoryStore();
    await writeIndex(source, ARTICLES, { compression: zlibCompression, chunkSize: 256, segmentSize: 2 });
    const target = new MemoryStore();
    const first = await copyIndex(source, target);
    await writeIndex(source, MORE, { compression: zlibCompression, chunkSize: 256, segmentSize: 2 });
    const written: string[] = [];
    const put = target.put.bind(target);
    target.put = async (n, b) => {
      written.push(n);
      return put(n, b);
    };
    const second = await copyIndex(source, target);
    expect(second.kept).toBe(first.written);
    const { root } = await readRoot((n) => source.get(n));
    const added = root.segments[1]!.meta.id;
    expect(written.filter((n) => !n.startsWith('root-')).every((n) => n.startsWith(`${added}/`))).toBe(true);
    expect(await top(target, 'Schuldenbremse')).toEqual(['haushalt:0']);
  });

  it('refuses to copy an index whose root names a chunk it lacks, and leaves the pointer as it was', async () => {
    const source = new MemoryStore();
    await writeIndex(source, ARTICLES, { compression: zlibCompression, chunkSize: 256 });
    const { root } = await readRoot((n) => source.get(n));
    source.chunks.delete(chunkNamesOf(root).at(-1)!);
    const target = new MemoryStore();
    await expect(copyIndex(source, target)).rejects.toThrow(/lacks .*, which its root names/);
    expect(target.chunks.has(CURRENT)).toBe(false);
  });
});

describe('the Cache API in front of a store (R2)', () => {
  it('answers ranges read before from the cache, counting hits, but reads the pointer from the store every time', async () => {
    const r2 = new MemoryStore();
    await writeIndex(r2, ARTICLES, { compression: zlibCompression, chunkSize: 256 });
    const cache = new MapCache();
    const cached = new CachedChunkStore(r2, cache, 'r2:index/');
    const q = async () => (await search(await openIndex(cached), 'Militärhilfe', { limit: 10 })).results.map((r) => r.id);
    expect(await q()).toEqual(['kiew']);
    await new Promise((r) => setTimeout(r, 0));
    const misses = cached.stats.misses;
    expect(cached.stats.hits).toBe(0);
    expect(cache.entries.size).toBeGreaterThan(0);
    expect([...cache.entries.keys()].some((k) => k.endsWith('/CURRENT'))).toBe(false);
    // Every chunk the second open and query read comes from the cache; the pointer alone from the store.
    const reads: string[] = [];
    const get = r2.get.bind(r2);
    r2.get = async (n, range) => {
      reads.push(n);
      return get(n, range);
    };
    expect(await q()).toEqual(['kiew']);
    expect(reads).toEqual([CURRENT]);
    expect(cached.stats.hits).toBeGreaterThan(0);
    expect(cached.stats.misses).toBe(misses);
  });

  it('reads from the store when the cache fails', async () => {
    const r2 = new MemoryStore();
    await writeIndex(r2, ARTICLES, { compression: zlibCompression, chunkSize: 256 });
    const cache = new MapCache();
    cache.failing = true;
    const index = await openIndex(new CachedChunkStore(r2, cache, 'r2:index/'));
    expect((await search(index, 'Bonn', { limit: 10 })).results.map((r) => r.id)).toEqual(['bonn']);
  });
});

describe('requests a wave makes', () => {
  it('reads ranges of a chunk as one request when they are nearer than a request costs: R2 16 KiB, a disk 1 KiB', async () => {
    const file = new Uint8Array(65536).map((_, i) => i % 251);
    const ranges = [
      { file: 'seg/postings', offset: 100, length: 50 },
      { file: 'seg/postings', offset: 100 + 8192, length: 80 },
    ];
    const requestsOf = async (requestBytes: number | undefined, wrap = (s: ChunkStore) => s) => {
      let requests = 0;
      const store: ChunkStore = {
        ranged: true,
        ...(requestBytes === undefined ? {} : { requestBytes }),
        get: async (_, r) => (requests++, r ? file.slice(r.offset, r.offset + r.length) : file.slice()),
      };
      const got = await new ChunkedSource(wrap(store), { chunkSize: 65536 }).read(ranges);
      got.forEach((bytes, i) => expect(bytes).toEqual(file.subarray(ranges[i]!.offset, ranges[i]!.offset + ranges[i]!.length)));
      return requests;
    };
    expect(await requestsOf(undefined)).toBe(2);
    expect(await requestsOf(R2_REQUEST_BYTES)).toBe(1);
    // The Cache API in front of R2 asks as R2 would.
    expect(await requestsOf(R2_REQUEST_BYTES, (r2) => new CachedChunkStore(r2, new MapCache(), 'test'))).toBe(1);
  });
});

describe('the time a query waits for storage', () => {
  it('counts each wave from its requests to its last byte, overlapping waves once, and nothing for cached chunks', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    try {
      const file = new Uint8Array(4096).map((_, i) => i % 251);
      // Each chunk answers after as many milliseconds as its number says, plus 10.
      const store: ChunkStore = {
        ranged: false,
        get: (name) => new Promise((done) => setTimeout(() => done(file.slice()), 10 + Number(name.split('.').pop()))),
      };
      const source = new ChunkedSource(store, { chunkSize: 1024, cacheBytes: 1 << 20 });
      const at = (offset: number) => [{ file: 'seg/postings', offset, length: 10 }];
      const io = newIoStats();
      // Two waves side by side: chunk 0 (10 ms) from 0 ms, chunk 3 (13 ms) from 5 ms; waited from 0 to 18.
      const first = source.read(at(0), io);
      await vi.advanceTimersByTimeAsync(5);
      const second = source.read(at(3 * 1024), io);
      await vi.advanceTimersByTimeAsync(20);
      await Promise.all([first, second]);
      expect(io).toEqual({ reads: 2, bytes: 8192, waves: 2, waitMs: 18 });
      // Then a wave of one cached chunk and one new (chunk 2, 12 ms), and a wave of cached chunks only.
      const third = source.read([...at(0), ...at(2 * 1024)], io);
      await vi.advanceTimersByTimeAsync(20);
      await third;
      // A wave of cached chunks only, with time passing before it is awaited: nothing to wait for.
      const cached = source.read(at(3 * 1024), io);
      vi.advanceTimersByTime(5);
      await cached;
      expect(io).toEqual({ reads: 3, bytes: 12288, waves: 3, waitMs: 30 });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('what a reader keeps of a wave', () => {
  it('keeps a range read together with its neighbours as its own bytes, not as a view of their common buffer', async () => {
    const file = new Uint8Array(4096).map((_, i) => i % 251);
    // Ranged, not resident: as R2 answers, one request for nearby ranges of a chunk.
    const store = { ranged: true, get: async (_: string, r?: { offset: number; length: number }) => (r ? file.slice(r.offset, r.offset + r.length) : file.slice()) };
    const source = new ChunkedSource(store, { chunkSize: 4096 });
    const batch = new ReadBatch(new RangeCache((b) => b.length, 1 << 20));
    const ranges = [
      { file: 'seg/postings', offset: 100, length: 50 },
      { file: 'seg/postings', offset: 300, length: 80 },
    ];
    const got = ranges.map((r) => batch.add(r, crc32(file.subarray(r.offset, r.offset + r.length))));
    await batch.run(source);
    for (const [i, bytes] of (await Promise.all(got)).entries()) {
      expect(bytes).toEqual(file.subarray(ranges[i]!.offset, ranges[i]!.offset + ranges[i]!.length));
      expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
    }
  });
});
