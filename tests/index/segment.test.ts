import { readSegmentFiles } from '../../src/index/storage/index-store';
import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { buildMemoryIndex, MemoryStore, openIndex, writeIndex } from '../../src/index/memory-index';
import { DEFAULT_ANALYSIS, germanAnalyzers } from '../../src/analysis/german';
import { EXACT_NORM_LENGTHS } from '../../src/index/codec/norms';
import { mergeSegments } from '../../src/index/segment/merger';
import { FIELD, metaKey, SEGMENT_FILES } from '../../src/index/segment/schema';
import { newRoot, publishRoot, storeDeletions, storeSegment } from '../../src/index/storage/index-store';
import { Deletions } from '../../src/index/segment/deletions';
import { decodeBlock, newDecodedBlock } from '../../src/index/codec/postings';
import { chunkName } from '../../src/index/storage/chunk-store';
import { ChunkedSource } from '../../src/index/storage/chunked-source';
import { IndexReader, readRoot } from '../../src/index/index-reader';
import { search } from '../../src/search';
import { IndexUnavailableError } from '../../src/index/storage/byte-source';
import { article } from '../fixtures';
import type { Article } from '../../src/corpus/article';

const compression = zlibCompression;

/** A corpus with common and rare words, some dated, some not, some with tags: enough for blocks of 128 postings. */
function corpus(n: number, seed = 7): Article[] {
  let s = seed;
  const r = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
  const common = ['Regierung', 'Bundestag', 'Ukraine', 'Militärhilfe', 'Kiew', 'Brüssel', 'Haushalt', 'Wahl'];
  const rare = Array.from({ length: 300 }, (_, i) => `Begriff${i}x`);
  const word = () => (r() < 0.5 ? common[Math.floor(r() * common.length)]! : rare[Math.floor(Math.pow(r(), 2) * rare.length)]!);
  return Array.from({ length: n }, (_, a) =>
    article(
      `a${a}`,
      Array.from({ length: 1 + Math.floor(r() * 4) }, () => `${Array.from({ length: 8 + Math.floor(r() * 20) }, word).join(' ')}.`),
      {
        title: r() < 0.7 ? `${word()} und ${word()}` : `a${a}`,
        date: r() < 0.8 ? `202${Math.floor(r() * 5)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}` : null,
        tags: r() < 0.3 ? ['NATO'] : [],
        category: r() < 0.5 ? 'Politik' : null,
      },
    ),
  );
}

const top = async (index: IndexReader, q: string, options = {}) =>
  (await search(index, q, { limit: 20, ...options })).results.map((x) => `${x.id}#${x.paragraph}:${x.score}`);

const QUERIES = ['Regierung', 'Ukraine Militärhilfe', 'Begriff7x Kiew', 'Wahl -Haushalt', 'Haushalt tag:nato', 'Regierung category:Politik', 'Brüssel date:2022..2023', '"Ukraine Militärhilfe"', 'Begriff1x Begriff2x Begriff3x', 'Militä'];

describe('a segment', () => {
  it('numbers docs newest first, undated last, and finds them by date', async () => {
    const index = await buildMemoryIndex(
      [
        article('old', ['Alt.'], { date: '2020-01-05' }),
        article('none', ['Ohne Datum.']),
        article('new', ['Neu.', 'Noch neu.'], { date: '2024-11-13T10:00:00Z' }),
      ],
      { compression },
    );
    const s = index.segments[0]!;
    expect(s.meta.dates).toEqual({ days: ['2024-11-13', '2020-01-05'], first: [0, 2], undatedFrom: 3 });
    expect(s.docsBetween('2024', null)).toEqual([0, 2]);
    expect(s.docsBetween(null, '2021')).toEqual([2, 3]);
    expect(s.dayOf(1)).toBe('2024-11-13');
    expect(s.dayOf(3)).toBeNull();
    const boundaries = await (async () => {
      const batch = index.newBatch();
      const promise = s.articleBoundaries(batch);
      await index.run(batch);
      return promise;
    })();
    expect([0, 1, 2, 3].map((d) => boundaries.startOf(d))).toEqual([0, 0, 2, 3]);
  });

  it('keeps each term kind in its field, titles once per article with the paragraphs they span', async () => {
    const index = await buildMemoryIndex([article('a', ['Die Militärhilfe kommt.', 'Mehr Hilfe.'], { title: 'Hilfe für Kiew', tags: ['NATO'] })], { compression });
    const batch = index.newBatch();
    const lookup = index.segments[0]!.lookup(batch, ['militarhilfe', 'hilf', 'kiew', metaKey('tag', 'NATO'), metaKey('id', 'a')]);
    await index.run(batch);
    const found = await lookup;
    const fields = (t: string) => found.get(t)!.lists.map((l) => l.field);
    expect(fields('militarhilfe')).toEqual([FIELD.text]);
    expect(fields('hilf')).toEqual([FIELD.title, FIELD.stem, FIELD.part]);
    const title = found.get('hilf')!.lists.find((l) => l.field === FIELD.title)!;
    expect([title.count, title.docFreq]).toEqual([1, 2]);
    expect(found.get('militarhilfe')!.display).toBe('Militärhilfe');
    expect(fields(metaKey('tag', 'NATO'))).toEqual([FIELD.meta]);
    expect(fields(metaKey('id', 'a'))).toEqual([FIELD.meta]);
  });

  it('serves lists of many blocks: every match is found and counted', async () => {
    const articles = Array.from({ length: 700 }, (_, i) => article(`x${i}`, [`Regierung Nummer ${i}.`, i % 3 === 0 ? 'Haushalt.' : 'Sonst nichts.']));
    const index = await buildMemoryIndex(articles, { compression });
    const r = await search(index, 'Regierung', { limit: 5 });
    expect(r.total).toBe(700);
    expect(r.totalExact).toBe(true);
    const h = await search(index, 'Haushalt', { limit: 1000 });
    expect(h.results.length).toBe(234);
  });
});

describe('segments searched as one', () => {
  const articles = corpus(400);

  it('give the same hits and scores in one segment or in many', async () => {
    const one = await buildMemoryIndex(articles, { compression });
    const many = await buildMemoryIndex(articles, { compression, segmentSize: 70 });
    expect(many.segments.length).toBe(6);
    expect(many.docCount).toBe(one.docCount);
    for (const q of QUERIES) {
      // Ties may order differently across segments: compare as sets of scored hits.
      expect(new Set(await top(many, q, { limit: 1000 })), q).toEqual(new Set(await top(one, q, { limit: 1000 })));
    }
  });

  it('merge into one that answers exactly as a fresh build, and drop deleted articles', async () => {
    const one = await buildMemoryIndex(articles, { compression });
    const store = new MemoryStore();
    await writeIndex(store, articles, { compression, segmentSize: 90 });
    const many = await openIndex(store);
    const files = (id: string) => Object.fromEntries(SEGMENT_FILES.map((f) => [f, store.chunks.get(chunkName(`${id}/${f}`, 0))!])) as never;
    const merged = await mergeSegments(
      many.root.segments.map((s) => ({ meta: s.meta, files: files(s.meta.id), deleted: null })),
      compression,
    );
    const out = new MemoryStore();
    const meta = await storeSegment(out, merged, 1 << 20);
    await publishRoot(out, newRoot(DEFAULT_ANALYSIS, 1 << 20, [{ meta, deletions: null }]));
    const mergedIndex = await openIndex(out);
    for (const q of QUERIES) expect(await top(mergedIndex, q), q).toEqual(await top(one, q));

    // Deleting: the first segment's first article is gone after a merge, and nothing else changes.
    const first = many.root.segments[0]!;
    const withDeletion = await mergeSegments(
      many.root.segments.map((s) => ({ meta: s.meta, files: files(s.meta.id), deleted: s === first ? new Set([0]) : null })),
      compression,
    );
    expect(withDeletion.meta.docs).toBe(merged.meta.docs - (await firstArticleLength(many)));
    expect(withDeletion.meta.articles).toBe(merged.meta.articles - 1);
    // Short lengths are counted for the paragraphs kept (every title here is short: one count per paragraph).
    expect(withDeletion.meta.shortLengths[FIELD.title]!.reduce((n, c) => n + c, 0)).toBe(withDeletion.meta.docs);
  });

  it('keep the fields with positions through a merge, and refuse to merge segments that differ in them', async () => {
    const store = new MemoryStore();
    await writeIndex(store, articles.slice(0, 60), { compression, segmentSize: 30 });
    const many = await openIndex(store);
    const files = (id: string) => Object.fromEntries(SEGMENT_FILES.map((f) => [f, store.chunks.get(chunkName(`${id}/${f}`, 0))!])) as never;
    const inputs = many.root.segments.map((s) => ({ meta: s.meta, files: files(s.meta.id), deleted: null }));
    expect(inputs[0]!.meta.positional).toEqual([FIELD.stem, FIELD.part]);
    expect((await mergeSegments(inputs, compression)).meta.positional).toEqual([FIELD.stem, FIELD.part]);
    const other = { ...inputs[1]!, meta: { ...inputs[1]!.meta, positional: [FIELD.text, FIELD.stem, FIELD.part] } };
    await expect(mergeSegments([inputs[0]!, other], compression)).rejects.toThrow(/positions in different fields/);
  });

  it('count short field lengths that add up across segments to those of one segment, and of a merge', async () => {
    const one = await buildMemoryIndex(articles, { compression });
    const store = new MemoryStore();
    await writeIndex(store, articles, { compression, segmentSize: 90 });
    const many = await openIndex(store);
    expect(many.segments.length).toBeGreaterThan(1);
    expect(many.shortLengths).toEqual(one.shortLengths);
    const files = (id: string) => Object.fromEntries(SEGMENT_FILES.map((f) => [f, store.chunks.get(chunkName(`${id}/${f}`, 0))!])) as never;
    const merged = await mergeSegments(
      many.root.segments.map((s) => ({ meta: s.meta, files: files(s.meta.id), deleted: null })),
      compression,
    );
    expect(merged.meta.shortLengths).toEqual(one.root.segments[0]!.meta.shortLengths);

    // Counted independently: each paragraph's distinct stems, and each article's title stems for each of its paragraphs.
    const analyzer = germanAnalyzers(DEFAULT_ANALYSIS).index;
    const distinct = (text: string) => new Set(analyzer.analyze(text).filter((t) => t.kind === 'stem').map((t) => t.term)).size;
    const stems = new Array<number>(EXACT_NORM_LENGTHS).fill(0);
    for (const a of articles) for (const p of a.paragraphs) if (distinct(p) < EXACT_NORM_LENGTHS) stems[distinct(p)]!++;
    expect(one.shortLengths[FIELD.stem]).toEqual(stems);
    expect(stems.slice(1).some((n) => n > 0)).toBe(true);
    const titled = one.shortLengths[FIELD.title]!;
    expect(titled.reduce((n, c) => n + c, 0)).toBe(one.docCount);
    expect(titled.reduce((n, c, length) => n + c * length, 0)).toBe(one.averageLength[FIELD.title]! * one.docCount);
  });

  it('read through chunk files of any size alike (ranges across chunk boundaries)', async () => {
    const big = new MemoryStore();
    await writeIndex(big, articles, { compression, chunkSize: 1 << 20 });
    const tiny = new MemoryStore();
    await writeIndex(tiny, articles, { compression, chunkSize: 97 });
    const a = await openIndex(big);
    const { root, name, bytes } = await readRoot((n) => tiny.get(n));
    // A store that returns whole chunks only (like static assets) behaves the same as a ranged one.
    const wholeChunks = { ranged: false, get: (n: string) => tiny.get(n) };
    const b = new IndexReader(root, new ChunkedSource(wholeChunks, { chunkSize: root.chunkSize }), { compression }, bytes, name);
    expect([...tiny.chunks.keys()].length).toBeGreaterThan(100);
    for (const q of QUERIES) expect(await top(b, q), q).toEqual(await top(a, q));
  });
});

async function firstArticleLength(index: IndexReader): Promise<number> {
  const s = index.segments[0]!;
  const batch = index.newBatch();
  const pages = s.loadDocIndexPages(batch, [0]);
  await index.run(batch);
  await pages;
  const b2 = index.newBatch();
  const p = s.storedParagraphs(b2, [0]);
  await index.run(b2);
  return (await p).get(0)!.article.count;
}

describe('storing a segment', () => {
  it('at another chunk size writes other names: the root in force keeps reading its own chunks meanwhile', async () => {
    const articles = corpus(200);
    const store = new MemoryStore();
    await writeIndex(store, articles, { compression, chunkSize: 512 });
    const { root, name, bytes } = await readRoot((n) => store.get(n));
    const reader = () => new IndexReader(root, new ChunkedSource(store, { chunkSize: root.chunkSize }), { compression }, bytes, name);
    const before = await Promise.all(QUERIES.map((q) => top(reader(), q)));
    // The same articles built again, stored at another chunk size and not (yet) published: what a rebuild does before its pointer swap.
    const files = await readSegmentFiles(store, root.segments[0]!.meta, 512);
    const meta = await storeSegment(store, { meta: root.segments[0]!.meta, files }, 2048);
    expect(meta.id).not.toBe(root.segments[0]!.meta.id);
    expect(await Promise.all(QUERIES.map((q) => top(reader(), q)))).toEqual(before);
    // Stored at the same chunk size, it is the same segment under the same name.
    expect((await storeSegment(store, { meta: root.segments[0]!.meta, files }, 512)).id).toBe(root.segments[0]!.meta.id);
  });
});

describe('deletions', () => {
  it('hide deleted docs from every query until a merge drops them', async () => {
    const store = new MemoryStore();
    await writeIndex(store, [article('keep', ['Militärhilfe für Kiew.']), article('gone', ['Militärhilfe aus Brüssel.', 'Noch ein Absatz.'])], { compression });
    const before = await openIndex(store);
    expect((await search(before, 'Militärhilfe')).total).toBe(2);
    // The article's docs, through its filter list (a posting spans its paragraphs).
    const batch = before.newBatch();
    const lookup = before.segments[0]!.lookup(batch, [metaKey('id', 'gone')]);
    await before.run(batch);
    const list = (await lookup).get(metaKey('id', 'gone'))!.lists[0]!;
    const posting = decodeBlock(list.inline!.postings, 0, list.count, -1, true, newDecodedBlock());
    const docs = Array.from({ length: posting.spans[0]! }, (_, i) => posting.docs[0]! + i);
    expect(docs.length).toBe(2);

    // A new root marks them deleted, as live updates do.
    const { root } = await readRoot((n) => store.get(n));
    const segment = root.segments[0]!;
    const deletions = await storeDeletions(store, segment.meta.id, Deletions.of(docs, segment.meta.docs), root.chunkSize);
    await publishRoot(store, { ...root, segments: [{ ...segment, deletions }] });
    const after = await openIndex(store);
    expect((await search(after, 'Militärhilfe')).results.map((r) => r.id)).toEqual(['keep']);
    expect((await search(after, 'id:gone')).total).toBe(0);
    expect((await search(after, 'Absatz')).total).toBe(0);
    expect((await search(after, 'Militärhilfe', { group: true })).total).toBe(1);
  });
});

describe('stored texts', () => {
  const articles = corpus(300, 5);
  const shown = async (index: IndexReader, q: string) => {
    const r = await search(index, q, { limit: 20 });
    return { results: r.results.map((x) => [x.id, x.paragraph, x.text, x.snippet, x.highlights]), waves: r.io.waves };
  };

  it('are deflated with a preset dictionary, read in the waves the texts needed anyway, and shown as without one', async () => {
    const withDictionary = await buildMemoryIndex(articles, { compression, layout: { docBlockBytes: 2048 } });
    const without = await buildMemoryIndex(articles, { compression, layout: { docBlockBytes: 2048, docDictionaryBytes: 0 } });
    const [a, b] = [withDictionary.segments[0]!.meta, without.segments[0]!.meta];
    expect(a.docDictionary.length).toBeGreaterThan(0);
    expect(a.docDictionary.length).toBeLessThanOrEqual(32_768);
    expect(b.docDictionary.length).toBe(0);
    expect(a.files.docs).toBeLessThan(b.files.docs);
    // The first query of each reads the dictionary, if any, in the wave of the first index pages: no wave more.
    for (const q of QUERIES) expect(await shown(withDictionary, q), q).toEqual(await shown(without, q));
  });

  it('are refused, not misread, when the dictionary is damaged', async () => {
    const store = new MemoryStore();
    await writeIndex(store, articles, { compression, layout: { docBlockBytes: 2048 } });
    const good = await openIndex(store);
    const { id, docDictionary } = good.segments[0]!.meta;
    expect(docDictionary.length).toBeGreaterThan(8);
    const name = chunkName(`${id}/docs`, 0);
    const bytes = store.chunks.get(name)!.slice();
    bytes[docDictionary.length >> 1]! ^= 0x20;
    store.chunks.set(name, bytes);
    await expect(search(await openIndex(store), 'Ukraine')).rejects.toThrow(IndexUnavailableError);
  });

  describe('shown again', () => {
    let inflated = 0;
    const counting = { ...compression, inflate: (bytes: Uint8Array, dictionary?: Uint8Array) => (inflated++, compression.inflate(bytes, dictionary)) };
    const open = async (store: MemoryStore, paragraphBytes?: number) => {
      const { name, root, bytes } = await readRoot((n) => store.get(n));
      const budget = paragraphBytes === undefined ? {} : { paragraphBytes };
      return new IndexReader(root, new ChunkedSource(store, { chunkSize: root.chunkSize }), { compression: counting, budget }, bytes, name);
    };
    const asked = [...QUERIES.map((q) => [q, {}] as const), ...QUERIES.map((q) => [q, { group: true }] as const)];
    const page = async (index: IndexReader, q: string, options: object) =>
      (await search(index, q, { limit: 20, ...options })).results.map((x) => [x.id, x.paragraph, x.text, x.snippet, x.highlights, x.more]);

    it('come from the decoded paragraphs, with no block inflated again, and only with that cache', async () => {
      const store = new MemoryStore();
      await writeIndex(store, articles, { compression, layout: { docBlockBytes: 2048 } });
      for (const paragraphBytes of [undefined, 0]) {
        const index = await open(store, paragraphBytes);
        inflated = 0;
        const first = [];
        for (const [q, options] of asked) first.push(await page(index, q, options));
        expect(inflated).toBeGreaterThan(0);
        if (paragraphBytes === 0) expect(index.cacheFill().paragraphs).toBe(0);
        else expect(index.cacheFill().paragraphs).toBeGreaterThan(0);
        // The blocks are gone; the paragraphs, if cached, are not.
        index.caches.stored.clear();
        inflated = 0;
        for (const [i, [q, options]] of asked.entries()) expect(await page(index, q, options), q).toEqual(first[i]);
        if (paragraphBytes === 0) expect(inflated).toBeGreaterThan(0);
        else expect(inflated).toBe(0);
      }
    });

    it('are the pages: the paragraphs a phrase with a stop word was checked in are not kept', async () => {
      // Every paragraph holds both words; a third holds them as the phrase.
      const texts = Array.from({ length: 90 }, (_, i) => (i % 3 ? `Ukraine und die Hilfe ${i}.` : `Hilfe für die Ukraine ${i}.`));
      const store = new MemoryStore();
      await writeIndex(store, texts.map((t, i) => article(`p${i}`, [t])), { compression });
      const index = await open(store);
      const results = (await search(index, '"die Ukraine"', { limit: 5 })).results;
      expect(results).toHaveLength(5);
      expect(results.every((r) => r.text!.includes('die Ukraine'))).toBe(true);
      expect(index.caches.paragraphs.size).toBe(5);
    });
  });

  it('of a small segment get no dictionary: it would cost more than it saves', async () => {
    const index = await buildMemoryIndex([article('a', ['Ein kurzer Absatz über die Militärhilfe.'])], { compression });
    expect(index.segments[0]!.meta.docDictionary.length).toBe(0);
    expect((await search(index, 'Militärhilfe')).results[0]!.text).toBe('Ein kurzer Absatz über die Militärhilfe.');
  });
});
