import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { IndexReader, readRoot } from '../../src/index/index-reader';
import { MemoryStore, writeIndex } from '../../src/index/memory-index';
import { ChunkedSource } from '../../src/index/storage/chunked-source';
import type { ChunkStore } from '../../src/index/storage/chunk-store';
import { search } from '../../src/search';
import { article } from '../fixtures';
import type { Article } from '../../src/corpus/article';
import { LiveIndex } from '../../src/live/live-index';
import { DEFAULT_MERGE_POLICY } from '../../src/live/merge-policy';
import { storePointer } from '../../src/live/pointer';
import { MemoryGarbage } from '../live/memory-garbage';
import { comparePruning, everyNth, top10 } from '../../tools/pruning/check-pruning';
import { readDocsFile, readQueriesFile } from '../../tools/shared-corpora';

const compression = zlibCompression;

/** Opens a store twice: resident (every block read, pruning in the walk) and as remote storage (blocks chosen by bounds, in waves). */
async function bothWays(store: MemoryStore): Promise<{ resident: IndexReader; remote: IndexReader }> {
  const { root, name, bytes } = await readRoot((n) => store.get(n));
  const remoteStore: ChunkStore = { ranged: true, get: (n, range) => store.get(n, range) };
  return {
    resident: new IndexReader(root, new ChunkedSource(store, { chunkSize: root.chunkSize }), { compression }, bytes, name),
    // No coalescing of nearby ranges: bytes read are then exactly the blocks chosen.
    remote: new IndexReader(root, new ChunkedSource(remoteStore, { chunkSize: root.chunkSize, coalesceGap: 0 }), { compression }, bytes, name),
  };
}

/** Zipf-like words: a few very common, many rare; what makes pruning (and block selection) matter. */
function zipfCorpus(articles: number): { docs: Article[]; vocabulary: string[] } {
  let s = 12345;
  const r = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
  const vocabulary = Array.from({ length: 2000 }, (_, i) => `wort${i.toString(36)}ung`);
  const word = () => vocabulary[Math.floor(Math.pow(r(), 3) * vocabulary.length)]!;
  const docs = Array.from({ length: articles }, (_, a) =>
    article(`z${a}`, Array.from({ length: 1 + Math.floor(r() * 5) }, () => Array.from({ length: 10 + Math.floor(r() * 60) }, word).join(' ') + '.'), {
      title: `${word()} ${word()}`,
      date: r() < 0.9 ? `20${10 + Math.floor(r() * 15)}-0${1 + Math.floor(r() * 9)}-2${Math.floor(r() * 9)}` : null,
    }),
  );
  return { docs, vocabulary };
}

describe('pruning changes speed, never results', () => {
  it('the pruned top 10 equals the exhaustive top 10, resident or read in waves from storage', async () => {
    const { docs, vocabulary } = zipfCorpus(1500);
    const store = new MemoryStore();
    // Small dictionary blocks: a typo's scan reads blocks of its own, in a wave that also reads the other words' first postings.
    await writeIndex(store, docs, { compression, chunkSize: 4096, layout: { dictBlockBytes: 256 } });
    const { resident, remote } = await bothWays(store);
    let s = 99;
    const r = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
    let boundReached = 0;
    for (let i = 0; i < 150; i++) {
      // Some words with a typo (a letter dropped): their typo candidates' lists are read late, in the second wave.
      // (A fresh reader for those: nothing of the dictionary cached yet.)
      let typos = 0;
      const typo = (w: string) => (r() < 0.25 ? (typos++, w.slice(0, 5) + w.slice(6)) : w);
      const words = Array.from({ length: 1 + Math.floor(r() * 6) }, () => typo(vocabulary[Math.floor(Math.pow(r(), 1.5) * vocabulary.length)]!));
      const q = words.join(' ') + (r() < 0.5 ? ' ' : '');
      const waves = async () => (typos ? (await bothWays(store)).remote : remote);
      const exhaustive = await top10(resident, q, { exhaustive: true });
      expect(await top10(resident, q), q).toEqual(exhaustive);
      expect(await top10(await waves(), q), q).toEqual(exhaustive);
      // Totals too: exact up to their bound, then "mehr als" it, however few blocks were read.
      const totals = async (index: IndexReader, options = {}) => {
        const r = await search(index, q, { limit: 10, ...options });
        return [r.total, r.totalExact];
      };
      const exhaustiveTotal = await totals(resident, { exhaustive: true });
      expect(await totals(await waves()), q).toEqual(exhaustiveTotal);
      if (exhaustiveTotal[1] === false) boundReached++;
      // Newest first: stopping early (resident) and reading only the newest blocks (remote) change nothing either.
      const byDate = await top10(resident, q, { exhaustive: true, sort: 'date' });
      expect(await top10(resident, q, { sort: 'date' }), q).toEqual(byDate);
      expect(await top10(await waves(), q, { sort: 'date' }), q).toEqual(byDate);
    }
    // Common words match more paragraphs than totals count exactly: those totals were compared too.
    expect(boundReached).toBeGreaterThan(10);
  });

  it('over a large segment and many small ones (live updates), the pruned top 10 equals the exhaustive top 10', async () => {
    const { docs, vocabulary } = zipfCorpus(400);
    const store = new MemoryStore();
    await writeIndex(store, docs.slice(0, 300), { compression, chunkSize: 4096 });
    const live = await LiveIndex.open(store, storePointer(store), new MemoryGarbage(), {
      compression,
      chunkSize: 4096,
      policy: { ...DEFAULT_MERGE_POLICY, maxMergeDocs: Infinity, segmentsPerTier: 1000 },
    });
    // One flush per article, every fifth a correction of an article of the large segment.
    for (const [i, a] of docs.slice(300).entries()) await live.apply([{ seq: i + 1, write: { op: 'put', article: i % 5 === 4 ? { ...a, id: `z${i}` } : a } }]);
    const { resident, remote } = await bothWays(store);
    expect(resident.segments.length).toBe(101);
    let s = 7;
    const r = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
    for (let i = 0; i < 100; i++) {
      const words = Array.from({ length: 1 + Math.floor(r() * 5) }, () => vocabulary[Math.floor(Math.pow(r(), 1.5) * vocabulary.length)]!);
      const q = words.join(' ') + (r() < 0.5 ? ' ' : '');
      const exhaustive = await top10(resident, q, { exhaustive: true });
      expect(await top10(resident, q), q).toEqual(exhaustive);
      expect(await top10(remote, q), q).toEqual(exhaustive);
    }
  });

  it('reading in waves reads less than reading every block, for a rare word beside common ones', async () => {
    const { docs, vocabulary } = zipfCorpus(1500);
    const store = new MemoryStore();
    await writeIndex(store, docs, { compression, chunkSize: 4096 });
    // Fresh readers: what one read stays cached for the next.
    // The common words' blocks are needed only where the rare word is (MaxScore: they are non-essential).
    const common = `${vocabulary[0]} ${vocabulary[1]} ${vocabulary[1900]} `;
    // Without the proximity re-rank, which asks for the best 30 (a lower bar, so more blocks qualify).
    const pruned = await search((await bothWays(store)).remote, common, { proximity: false });
    const all = await search((await bothWays(store)).remote, common, { proximity: false, exhaustive: true });
    expect(pruned.results.map((x) => x.id)).toEqual(all.results.map((x) => x.id));
    expect(pruned.io.bytes).toBeLessThan(all.io.bytes);
  });
});

const CORPORA = resolve(__dirname, '../../../shared/corpora');
const SETS = ['xquad-de', 'mlqa-de-dev', 'xglue-qam-de'];
/** Queries asked per set here; `npm run check:pruning` asks every one. */
const SAMPLE = 300;

describe.skipIf(!existsSync(CORPORA))('on real queries of the evaluation sets (an even sample of each)', () => {
  it.each(SETS)('%s: pruned top 10 = exhaustive top 10', async (set) => {
    const docs = await readDocsFile(resolve(CORPORA, `${set}.docs.jsonl`));
    const queries = (await readQueriesFile(resolve(CORPORA, `${set}.queries.jsonl`))).map((q) => q.query);
    const sample = everyNth(queries, Math.ceil(queries.length / SAMPLE));
    expect(sample.length).toBeGreaterThan(SAMPLE / 2);
    expect(await comparePruning(docs, sample)).toEqual([]);
  }, 120_000);
});
