import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { IndexReader, readRoot } from '../../src/index/index-reader';
import { MemoryStore, writeIndex } from '../../src/index/memory-index';
import { ChunkedSource } from '../../src/index/storage/chunked-source';
import { search } from '../../src/search';
import { article } from '../fixtures';

// How many round trips a query costs an index in remote storage, with nothing cached: the dictionary,
// the first postings, the rest of the postings where a hit could still beat the page (with the stored-block
// index pages of the hits so far), then positions and stored texts together.
describe('waves of reads per query', () => {
  it('a fresh reader answers one to three words in four waves, rarely five', async () => {
    let seed = 7;
    const r = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    const vocabulary = Array.from({ length: 2000 }, (_, i) => `wort${i.toString(36)}ung`);
    const word = () => vocabulary[Math.floor(Math.pow(r(), 3) * vocabulary.length)]!;
    const docs = Array.from({ length: 1500 }, (_, a) =>
      article(`z${a}`, Array.from({ length: 1 + Math.floor(r() * 5) }, () => Array.from({ length: 10 + Math.floor(r() * 60) }, word).join(' ') + '.'), {
        date: `2020-01-0${1 + (a % 9)}`,
      }),
    );
    const store = new MemoryStore();
    // Small chunks and index pages: many reads to choose from, as in a large index.
    await writeIndex(store, docs, { compression: zlibCompression, chunkSize: 4096, layout: { docIndexPageBlocks: 4 } });
    const waves: number[] = [];
    for (let i = 0; i < 60; i++) {
      const { root, name, bytes } = await readRoot((n) => store.get(n));
      const remote = new IndexReader(root, new ChunkedSource({ ranged: true, get: (n, range) => store.get(n, range) }, { chunkSize: root.chunkSize, coalesceGap: 0 }), { compression: zlibCompression }, bytes, name);
      const q = Array.from({ length: 1 + (i % 3) }, () => vocabulary[Math.floor(Math.pow(r(), 1.5) * vocabulary.length)]!).join(' ');
      const res = await search(remote, q);
      expect(res.results.length, q).toBeGreaterThan(0);
      waves.push(res.io.waves);
    }
    expect(Math.max(...waves)).toBeLessThanOrEqual(5);
    expect(waves.filter((w) => w <= 4).length).toBeGreaterThanOrEqual(57);
  });

  it('a word with a typo costs no wave more than the word spelled right: the known words read their first postings with the typo wave', async () => {
    const docs = Array.from({ length: 600 }, (_, a) =>
      article(`t${a}`, [`Bericht ${a} über ${a % 3 ? 'den Haushalt' : 'die Regierung'} und die ${a % 11 ? 'Schuldenbremse' : 'Schuldenkrise'} im Bundestag.`]),
    );
    const store = new MemoryStore();
    // Small dictionary blocks: the typo scan must read blocks the words' own lookups did not.
    await writeIndex(store, docs, { compression: zlibCompression, chunkSize: 4096, layout: { docBlockBytes: 512, dictBlockBytes: 128 } });
    const fresh = async () => {
      const { root, name, bytes } = await readRoot((n) => store.get(n));
      return new IndexReader(root, new ChunkedSource({ ranged: true, get: (n, range) => store.get(n, range) }, { chunkSize: root.chunkSize, coalesceGap: 0 }), { compression: zlibCompression }, bytes, name);
    };
    for (const [right, wrong] of [
      ['Haushalt Schuldenbremse', 'Haushalt Schuldenbremze'],
      ['Regierung Bundestag Schuldenkrise', 'Regierung Bundestag Schuldenkrsie'],
    ] as const) {
      const spelt = await search(await fresh(), right);
      const typo = await search(await fresh(), wrong);
      expect(typo.results.length, wrong).toBe(10);
      expect(typo.io.waves, wrong).toBeLessThanOrEqual(spelt.io.waves);
    }
  });

  it('a misspelt word asked again is not scanned again: only the dictionary blocks its candidates are in are decoded', async () => {
    const docs = Array.from({ length: 600 }, (_, a) =>
      article(`t${a}`, [`Bericht ${a} über ${a % 3 ? 'den Haushalt' : 'die Regierung'} und die ${a % 11 ? 'Schuldenbremse' : 'Schuldenkrise'} im Bundestag.`]),
    );
    const store = new MemoryStore();
    // Small dictionary blocks: a scan walks many, its candidates are in few.
    await writeIndex(store, docs, { compression: zlibCompression, chunkSize: 4096, layout: { dictBlockBytes: 128 } });
    const { root, name, bytes } = await readRoot((n) => store.get(n));
    const open = (budget: { typoBytes?: number } = {}) =>
      new IndexReader(root, new ChunkedSource({ ranged: true, get: (n, range) => store.get(n, range) }, { chunkSize: root.chunkSize }), { compression: zlibCompression, budget }, bytes, name);
    const decodedAgain = async (reader: IndexReader, q: string) => {
      const first = await search(reader, q);
      reader.caches.dictionary.clear();
      const again = await search(reader, q);
      expect(again.results.map((r) => [r.id, r.paragraph, r.score]), q).toEqual(first.results.map((r) => [r.id, r.paragraph, r.score]));
      return { results: again.results.map((r) => r.id), blocks: reader.caches.dictionary.size };
    };
    for (const q of ['Schuldenbremze', 'Bundestak', 'Schuldenkrsie', 'Berichd Haushallt']) {
      const remembered = open();
      const withMemo = await decodedAgain(remembered, q);
      const without = await decodedAgain(open({ typoBytes: 0 }), q);
      expect(remembered.caches.typos.size, q).toBeGreaterThan(0);
      expect(withMemo.results, q).toEqual(without.results);
      expect(withMemo.results.length, q).toBeGreaterThan(0);
      expect(withMemo.blocks, q).toBeLessThan(without.blocks);
    }
    // What is remembered is the segment's, for the word at its distance: a word is sought at one edit as a compound's
    // part and at two alone, and one segment's candidates are not another's.
    const reader = open();
    const segment = reader.segments[0]!;
    const found = { blocks: [0], hits: Int32Array.of(0, 0, 1) };
    segment.rememberTypos('schuldenbremze', 1, found);
    expect(segment.typosOf('schuldenbremze', 1)).toBe(found);
    expect(segment.typosOf('schuldenbremze', 2)).toBeUndefined();
    expect(segment.typosOf('schuldenbremse', 1)).toBeUndefined();
    const otherStore = new MemoryStore();
    await writeIndex(otherStore, docs.slice(1), { compression: zlibCompression, chunkSize: 4096, layout: { dictBlockBytes: 128 } });
    const otherRoot = await readRoot((n) => otherStore.get(n));
    const sharing = new IndexReader(otherRoot.root, new ChunkedSource({ ranged: true, get: (n, range) => otherStore.get(n, range) }, { chunkSize: otherRoot.root.chunkSize }), { compression: zlibCompression, caches: reader.caches }, otherRoot.bytes, otherRoot.name);
    expect(sharing.segments[0]!.meta.id).not.toBe(segment.meta.id);
    expect(sharing.segments[0]!.typosOf('schuldenbremze', 1)).toBeUndefined();
  });

  it('the stored-block index comes whole with the first paragraph shown, so later pages of results need no wave for it', async () => {
    const docs = Array.from({ length: 300 }, (_, a) => article(`p${a}`, [`Absatz ${a} über den Haushalt ${a % 2 ? 'Bonn' : 'Kiel'} und die Schuldenbremse.`]));
    const store = new MemoryStore();
    // One stored block per index page: a page per few paragraphs.
    await writeIndex(store, docs, { compression: zlibCompression, chunkSize: 4096, layout: { docBlockBytes: 256, docIndexPageBlocks: 1 } });
    const { root, name, bytes } = await readRoot((n) => store.get(n));
    const remote = new IndexReader(root, new ChunkedSource({ ranged: true, get: (n, range) => store.get(n, range) }, { chunkSize: root.chunkSize, coalesceGap: 0 }), { compression: zlibCompression }, bytes, name);
    const segment = remote.segments[0]!;
    expect(segment.meta.docIndex.ends.length).toBeGreaterThan(20);
    const all = Array.from({ length: segment.meta.docs }, (_, d) => d);
    expect(segment.hasDocIndexPages(all)).toBe(false);
    const first = await search(remote, 'Haushalt Kiel');
    expect(first.results.length).toBe(10);
    expect(segment.hasDocIndexPages(all)).toBe(true);
    // Page 12 of the same query: other paragraphs, other stored blocks, and no page of the index to wait for.
    const later = await search(remote, 'Haushalt Kiel', { offset: 110 });
    expect(later.results.length).toBe(10);
    expect(later.io.waves, 'the stored blocks only').toBe(1);
  });

  it('a query asked again reads nothing and finds the same, from the blocks its first asking left cached', async () => {
    const docs = Array.from({ length: 400 }, (_, a) =>
      article(`d${a}`, [`Bericht ${a} über den Haushalt und die Schuldenbremse im Bundestag.`, `Die Regierung ${a % 7 === 0 ? 'Militärhilfe' : 'Wetter'} Bonn.`], {
        date: `2021-02-0${1 + (a % 9)}`,
      }),
    );
    const store = new MemoryStore();
    await writeIndex(store, docs, { compression: zlibCompression, chunkSize: 4096 });
    const { root, name, bytes } = await readRoot((n) => store.get(n));
    const remote = new IndexReader(root, new ChunkedSource({ ranged: true, get: (n, range) => store.get(n, range) }, { chunkSize: root.chunkSize, coalesceGap: 0 }), { compression: zlibCompression }, bytes, name);
    for (const q of ['Haushalt Bundestag', 'Militärhilfe Bonn', 'Schuldenbremse']) {
      const first = await search(remote, q);
      expect(first.io.reads, q).toBeGreaterThan(0);
      const again = await search(remote, q);
      expect(again.io, q).toEqual({ reads: 0, bytes: 0, waves: 0, waitMs: 0 });
      expect(again.results.map((r) => [r.id, r.paragraph, r.score]), q).toEqual(first.results.map((r) => [r.id, r.paragraph, r.score]));
    }
  });
});
