import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJsonLines } from '../../src/corpus';
import type { Article } from '../../src/corpus/article';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { IndexReader, readRoot } from '../../src/index/index-reader';
import { MemoryStore, writeIndex } from '../../src/index/memory-index';
import { ChunkedSource } from '../../src/index/storage/chunked-source';
import type { ChunkStore } from '../../src/index/storage/chunk-store';
import { LiveIndex } from '../../src/live/live-index';
import { DEFAULT_MERGE_POLICY } from '../../src/live/merge-policy';
import { storePointer } from '../../src/live/pointer';
import { search } from '../../src/search';
import { parseQuery } from '../../src/search/parse-query';
import { planQuery } from '../../src/search/plan';
import { FUZZY, PREFIX } from '../../src/search/scoring';
import { builtTermTable } from '../../src/search/term-table';
import { MemoryGarbage } from '../live/memory-garbage';

const compression = zlibCompression;
const corpus = (): Article[] => {
  const file = resolve(import.meta.dirname, '../../corpus/bundestag-wp20-auswahl.jsonl');
  return readJsonLines(file, readFileSync(file, 'utf8')).articles;
};

/** A base segment and one small segment per flush (every fifth a correction of a base article), as live updates leave them. */
async function freshSegments(): Promise<MemoryStore> {
  const articles = corpus();
  const base = articles.slice(0, 40);
  const stream = articles.slice(40, 70).map((a, i) => (i % 5 === 4 ? { ...a, id: base[i]!.id } : a));
  const store = new MemoryStore();
  await writeIndex(store, base, { compression, chunkSize: 4096 });
  const live = await LiveIndex.open(store, storePointer(store), new MemoryGarbage(), {
    compression,
    chunkSize: 4096,
    policy: { ...DEFAULT_MERGE_POLICY, maxMergeDocs: Infinity, segmentsPerTier: 1000 },
  });
  let seq = 0;
  for (const a of stream) await live.apply([{ seq: ++seq, write: { op: 'put', article: a } }]);
  return store;
}

/** A reader of the store's current version, with the given term table budget (default: the default budget's). */
async function reader(store: MemoryStore, termTableBytes?: number): Promise<IndexReader> {
  const { root, name, bytes } = await readRoot((n) => store.get(n));
  const budget = termTableBytes === undefined ? {} : { budget: { termTableBytes } };
  return new IndexReader(root, new ChunkedSource(store, { chunkSize: root.chunkSize }), { compression, ...budget }, bytes, name);
}

const MATCH = { prefix: true, fuzzy: true, compounds: true, questions: true, textChecks: true };

/** Lists as the dictionary describes them (without `verified`, which records which reader has read a block). */
const same = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (key, value: unknown) => (key === 'verified' ? undefined : value)));

/** Queries of every kind planning does: words, other forms, typos (one and two edits), prefixes, phrases, exclusions, filters. */
function queriesOf(articles: Article[]): string[] {
  const words = [...new Set(articles.flatMap((a) => a.paragraphs.join(' ').match(/\p{L}{5,}/gu) ?? []))].filter((_, i) => i % 37 === 0).slice(0, 40);
  const typo = (w: string) => w.slice(0, 2) + w[3] + w[2] + w.slice(4);
  const twoTypos = (w: string) => typo(w).slice(0, -1) + 'x';
  return [
    ...words,
    ...words.map(typo),
    ...words.filter((w) => w.length >= FUZZY.twoEditsFrom).map(twoTypos),
    ...words.map((w) => w.slice(0, 4)),
    ...words.slice(0, 10).map((w, i) => `${w} ${words[(i + 7) % words.length]!.slice(0, 5)}`),
    '"Bundesregierung und"',
    'Europa -Ukraine',
    'Haushalt source:"Deutscher Bundestag"',
    'Wahl date:2022',
  ];
}

describe('the term table of small segments', () => {
  let store: MemoryStore;
  beforeAll(async () => {
    store = await freshSegments();
  });

  it('is built from the wave of the first query, covering the segments whose dictionary no scan stops short in', async () => {
    const index = await reader(store);
    expect(builtTermTable(index)).toBeNull();
    await search(index, 'Bundestag');
    const table = builtTermTable(index)!;
    expect(table).not.toBeNull();
    const small = index.segments.flatMap((s, i) => (s.dictionaryBlocks <= Math.min(PREFIX.maxBlocks, FUZZY.maxBlocks) ? [i] : []));
    expect(small.length).toBeGreaterThan(2);
    expect(small.length).toBeLessThan(index.segments.length);
    expect(index.segments.map((_, s) => table.covers(s))).toEqual(index.segments.map((_, s) => small.includes(s)));

    // Every term of every covered segment, and nothing else, with the segments holding it and its entry there.
    const holders = new Map<string, number[]>();
    for (const s of small) {
      const segment = index.segments[s]!;
      for (let b = 0; b < segment.dictionaryBlocks; b++) {
        const batch = index.newBatch();
        const read = segment.dictionaryBlock(batch, b);
        await index.run(batch);
        for (const term of (await read).terms) holders.set(term, [...(holders.get(term) ?? []), s]);
      }
    }
    expect(table.terms).toEqual([...holders.keys()].sort());
    for (const [term, segments] of holders) {
      const found: number[] = [];
      table.forEachHolder(table.find(term), (s, block, i) => {
        expect(block.terms[i]).toBe(term);
        found.push(s);
      });
      expect(found).toEqual(segments);
    }
    expect(table.find('zzzkeinwortzzz')).toBe(-1);
    const [from, to] = table.prefixRange('bund');
    expect(table.terms.slice(from, to)).toEqual([...holders.keys()].filter((t) => t.startsWith('bund')).sort());
    expect(to).toBeGreaterThan(from);
  });

  it('plans every query exactly as looking each segment up on its own does, lists in the same order', async () => {
    const withTable = await reader(store);
    const without = await reader(store, 0);
    await search(withTable, 'Bundestag');
    expect(builtTermTable(withTable)).not.toBeNull();
    expect(builtTermTable(without)).toBeNull();
    const queries = queriesOf(corpus().slice(0, 70));
    let typoLists = 0;
    for (const q of queries) {
      const a = await planQuery(withTable, parseQuery(q), MATCH);
      const b = await planQuery(without, parseQuery(q), MATCH);
      expect(a.lists.map((l) => [l.term, l.field, l.clause, l.weight, l.docFreq]), q).toEqual(b.lists.map((l) => [l.term, l.field, l.clause, l.weight, l.docFreq]));
      expect(same(a.lists.map((l) => l.lists)), q).toEqual(same(b.lists.map((l) => l.lists)));
      expect(same(a.filters), q).toEqual(same(b.filters));
      expect(same(a.exclusions), q).toEqual(same(b.exclusions));
      // Lists of terms the query words are not (prefix expansions and typo candidates).
      typoLists += a.lists.filter((l) => ![...a.clauses[l.clause]!.exact, ...a.clauses[l.clause]!.stem, ...a.clauses[l.clause]!.part].includes(l.term)).length;
    }
    // The queries did reach typo and prefix candidates (else the comparison above proved little about the scans).
    expect(typoLists).toBeGreaterThan(50);
  });

  it('answers every query as before: the same hits, scores, highlights and totals', async () => {
    const withTable = await reader(store);
    const without = await reader(store, 0);
    await search(withTable, 'Bundestag');
    for (const q of queriesOf(corpus().slice(0, 70))) {
      const shown = async (index: IndexReader) => {
        const r = await search(index, q, { limit: 20 });
        return { total: r.total, results: r.results.map((x) => [x.id, x.paragraph, x.score, x.highlights]) };
      };
      expect(await shown(withTable), q).toEqual(await shown(without));
    }
  });

  it('is built by a later query when the wave of the first fails', async () => {
    const { root, name, bytes } = await readRoot((n) => store.get(n));
    let failing = true;
    const flaky: ChunkStore = { ranged: true, get: (n, range) => (failing && n.includes('/terms') ? Promise.reject(new Error('storage down')) : store.get(n, range)) };
    const index = new IndexReader(root, new ChunkedSource(flaky, { chunkSize: root.chunkSize }), { compression }, bytes, name);
    await expect(search(index, 'Bundestag')).rejects.toThrow();
    failing = false;
    await search(index, 'Bundestag');
    await search(index, 'Bundestag');
    expect(builtTermTable(index)).not.toBeNull();
  });

  it('covers only what fits its budget: the smallest segments first, none when fewer than two fit', async () => {
    const full = await reader(store);
    await search(full, 'Bundestag');
    const all = builtTermTable(full)!;
    const covered = full.segments.flatMap((_, s) => (all.covers(s) ? [s] : []));

    const half = await reader(store, Math.ceil(all.cost / 2));
    await search(half, 'Bundestag');
    const some = builtTermTable(half)!;
    expect(some.cost).toBeLessThanOrEqual(Math.ceil(all.cost / 2));
    const coveredSome = half.segments.flatMap((_, s) => (some.covers(s) ? [s] : []));
    expect(coveredSome.length).toBeGreaterThan(1);
    expect(coveredSome.length).toBeLessThan(covered.length);
    // The smallest dictionaries are the ones covered.
    const bytes = (s: number) => half.segments[s]!.meta.dict.ends.at(-1)!;
    const largestCovered = Math.max(...coveredSome.map(bytes));
    for (const s of covered) if (!coveredSome.includes(s)) expect(bytes(s)).toBeGreaterThanOrEqual(largestCovered);

    const tiny = await reader(store, 1);
    await search(tiny, 'Bundestag');
    expect(builtTermTable(tiny)).toBeNull();
  });
});
