import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { buildMemoryIndex, MemoryStore, openIndex } from '../../src/index/memory-index';
import { LiveIndex } from '../../src/live/live-index';
import { MemoryGarbage } from './memory-garbage';
import { parseDeleteFilter, type LoggedOp, type WriteOp } from '../../src/live/ops';
import { storePointer } from '../../src/live/pointer';
import { search } from '../../src/search';
import { suggest } from '../../src/search/suggest';
import { article } from '../fixtures';

const open = (store: MemoryStore, garbage = new MemoryGarbage(), now?: () => number) =>
  LiveIndex.open(store, storePointer(store), garbage, { compression: zlibCompression, chunkSize: 4096, ...(now ? { now } : {}) });

let seq = 0;
const ops = (...writes: WriteOp[]): LoggedOp[] => writes.map((write) => ({ seq: ++seq, write }));
const put = (a: Article): WriteOp => ({ op: 'put', article: a });
const del = (id: string): WriteOp => ({ op: 'delete', id });

const ids = async (store: MemoryStore, q: string) => {
  const index = await openIndex(store, { compression: zlibCompression });
  return (await search(index, q, { limit: 50 })).results.map((r) => `${r.id}/${r.paragraph}`);
};

describe('live index', () => {
  it('publishes writes as new segments; a correction replaces every old paragraph at once; a delete removes the article', async () => {
    const store = new MemoryStore();
    const live = await open(store);
    await live.apply(ops(put(article('a', ['Militärhilfe für Kiew.', 'Zweiter Absatz über Brüssel.'])), put(article('b', ['Wahlkampf in Bayern.']))));
    expect(await ids(store, 'Militärhilfe')).toEqual(['a/0']);
    await live.apply(ops(put(article('a', ['Korrigiert: Waffenlieferung an Kiew.']))));
    expect(await ids(store, 'Militärhilfe')).toEqual([]);
    expect(await ids(store, 'Brüssel')).toEqual([]);
    expect(await ids(store, 'Kiew')).toEqual(['a/0']);
    await live.apply(ops(del('a')));
    expect(await ids(store, 'Kiew')).toEqual([]);
    expect(await ids(store, 'Bayern')).toEqual(['b/0']);
  });

  it('offers no suggestion whose paragraphs are all deleted', async () => {
    const store = new MemoryStore();
    const live = await open(store);
    await live.apply(ops(put(article('x', ['Zauberlehrling und Zauberstab.'])), put(article('y', ['Zauberstab allein.']))));
    const terms = async () => (await suggest(await openIndex(store, { compression: zlibCompression }), 'zauber')).suggestions.map((s) => s.term);
    expect(await terms()).toEqual(['Zauberstab', 'Zauberlehrling']);
    await live.apply(ops(del('x')));
    expect(await terms()).toEqual(['Zauberstab']);
  });

  it('applies a write once, even when the same ops are applied again (a replay after a crash)', async () => {
    const store = new MemoryStore();
    const live = await open(store);
    const batch = ops(put(article('c', ['Einmalig gespeichert.'])));
    await live.apply(batch);
    const version = live.version;
    expect((await live.apply(batch)).version).toBe(version);
    const reopened = await open(store);
    await reopened.apply(batch);
    expect(reopened.version).toBe(version);
    expect(await ids(store, 'Einmalig')).toEqual(['c/0']);
  });

  it('deletes by source and date range, and spares a put that came after the filter', async () => {
    const store = new MemoryStore();
    const live = await open(store);
    await live.apply(
      ops(
        put(article('d1', ['Agenturmeldung eins.'], { source: 'DPA', date: '2024-01-10' })),
        put(article('d2', ['Agenturmeldung zwei.'], { source: 'dpa', date: '2024-07-01' })),
        put(article('d3', ['Agenturmeldung drei.'], { source: 'Reuters', date: '2024-01-11' })),
      ),
    );
    await live.apply(ops(put(article('d4', ['Agenturmeldung vier.'], { source: 'dpa', date: '2024-02-01' })), { op: 'deleteWhere', filter: parseDeleteFilter('source:dpa date:..2024-06') }, put(article('d5', ['Agenturmeldung fünf.'], { source: 'dpa', date: '2024-03-01' }))));
    expect((await ids(store, 'Agenturmeldung')).sort()).toEqual(['d2/0', 'd3/0', 'd5/0']);
  });

  it('refuses delete filters that could widen by accident', () => {
    for (const bad of ['', 'Kiew', 'tag:NATO', 'date:2024-13', 'date:xyz..2024', 'source:a source:b', 'date:..', '-source:dpa date:..2024-06', 'NOT source:dpa date:..2024-06', 'source:dpa -date:2024']) {
      expect(() => parseDeleteFilter(bad), bad).toThrow(RangeError);
    }
    expect(parseDeleteFilter('source:"Deutsche Presse-Agentur" date:2023..2024-06')).toEqual({ source: 'deutsche presse-agentur', from: '2023', to: '2024-06' });
  });

  it('compacts to an index that ranks as a build from scratch, without the deleted text, and collects old chunks after the grace period', async () => {
    const store = new MemoryStore();
    let clock = 1_000_000;
    const garbage = new MemoryGarbage();
    const live = await open(store, garbage, () => clock);
    const final = new Map<string, Article>();
    const words = ['Kiew', 'Brüssel', 'Haushalt', 'Wahl', 'Klima', 'Bahn', 'Streik', 'Gipfel'];
    for (let round = 0; round < 12; round++) {
      const batch: WriteOp[] = [];
      for (let k = 0; k < 3; k++) {
        const id = `n${(round * 3 + k) % 14}`;
        const a = article(id, [`${words[(round + k) % 8]} Meldung ${round} ${k}.`, `Mehr zu ${words[(round * k) % 8]} und ${words[k]}.`], { date: `2024-0${1 + (k % 9)}-1${k}` });
        batch.push(put(a));
        final.set(id, a);
      }
      if (round % 4 === 3) {
        batch.push(del(`n${round % 14}`));
        final.delete(`n${round % 14}`);
      }
      await live.apply(ops(...batch));
      clock += 1000;
    }
    const before = live.reader.root.segments.length;
    expect(before).toBeGreaterThan(3);
    const result = await live.compact({ full: true, expunge: true });
    expect(result.segmentsAfter).toBe(1);
    expect(live.reader.root.segments[0]!.deletions).toBeNull();
    const rebuilt = await buildMemoryIndex([...final.values()], { compression: zlibCompression });
    const compacted = await openIndex(store, { compression: zlibCompression });
    // Every hit with the same score (ties may come in another order: doc ids differ between the two).
    const ranked = async (index: typeof rebuilt, q: string) =>
      (await search(index, q, { limit: 100 })).results.map((r) => `${r.score} ${r.id}/${r.paragraph}`).sort();
    for (const q of [...words, 'Meldung', 'Mehr Kiew']) expect(await ranked(compacted, q), q).toEqual(await ranked(rebuilt, q));
    const files = () => [...store.chunks.keys()];
    const segmentsOnDisk = () => new Set(files().filter((n) => n.includes('/')).map((n) => n.split('/')[0]));
    expect(segmentsOnDisk().size).toBeGreaterThan(1);
    expect(await live.collect(60_000)).toBe(0);
    clock += 61_000;
    expect(await live.collect(60_000)).toBeGreaterThan(0);
    expect(segmentsOnDisk()).toEqual(new Set([live.reader.root.segments[0]!.meta.id]));
    expect(files().filter((n) => n.startsWith('root-'))).toEqual([live.version]);
    expect(files().filter((n) => n.startsWith('del-'))).toEqual([]);
  });
});
