import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { IndexReader, readRoot } from '../../src/index/index-reader';
import { MemoryStore, writeIndex } from '../../src/index/memory-index';
import { ChunkedSource } from '../../src/index/storage/chunked-source';
import { search } from '../../src/search';
import { article } from '../fixtures';

/** A read of a slow kind of file waits this long: far above what the engine's own work on this index takes, on a busy machine too. */
const SLOW_MS = 200;

const docs = Array.from({ length: 200 }, (_, a) =>
  article(`s${a}`, [`Bericht ${a} über ${a % 3 ? 'den Haushalt' : 'die Regierung'} und die Schuldenbremse im Bundestag.`]),
);

/** A fresh reader over remote-like storage where reads of chunks of `slow` files (terms, postings, …) take SLOW_MS. */
async function readerWithSlow(store: MemoryStore, slow: string): Promise<IndexReader> {
  const { root, name, bytes } = await readRoot((n) => store.get(n));
  const get = async (n: string, range?: { offset: number; length: number }) => {
    if (n.includes(`/${slow}`)) await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    return store.get(n, range);
  };
  return new IndexReader(root, new ChunkedSource({ ranged: true, get }, { chunkSize: root.chunkSize }), { compression: zlibCompression }, bytes, name);
}

describe('the stages of a search', () => {
  it('split its time: planning waits for the dictionary, ranking for the postings, the page for the texts', async () => {
    const store = new MemoryStore();
    await writeIndex(store, docs, { compression: zlibCompression, chunkSize: 4096 });
    // Once with nothing slow, so that what the first search of a process costs (compiling the code) is not timed below.
    await search(await readerWithSlow(store, 'none'), 'Haushalt Schuldenbremse');

    const slowTerms = await search(await readerWithSlow(store, 'terms'), 'Haushalt Schuldenbremse');
    expect(slowTerms.results.length).toBe(10);
    expect(slowTerms.stages.planMs).toBeGreaterThanOrEqual(SLOW_MS - 1);
    expect(slowTerms.stages.rankMs).toBeLessThan(SLOW_MS);

    const slowPostings = await search(await readerWithSlow(store, 'postings'), 'Haushalt Schuldenbremse');
    expect(slowPostings.results.map((r) => r.id)).toEqual(slowTerms.results.map((r) => r.id));
    expect(slowPostings.stages.rankMs).toBeGreaterThanOrEqual(SLOW_MS - 1);
    expect(slowPostings.stages.planMs).toBeLessThan(SLOW_MS);

    // A fresh reader loads the stored-block index pages with the last wave of ranking, and the blocks for the page.
    const slowTexts = await search(await readerWithSlow(store, 'docs'), 'Haushalt Schuldenbremse');
    expect(slowTexts.stages.showMs).toBeGreaterThanOrEqual(SLOW_MS - 1);
    expect(slowTexts.stages.planMs).toBeLessThan(SLOW_MS);

    for (const { tookMs, stages } of [slowTerms, slowPostings, slowTexts]) {
      const { planMs, rankMs, showMs } = stages;
      for (const ms of [planMs, rankMs, showMs]) expect(ms).toBeGreaterThanOrEqual(0);
      // Each is rounded to the microsecond, as tookMs is.
      expect(Math.abs(planMs + rankMs + showMs - tookMs)).toBeLessThanOrEqual(0.003);
    }
  });
});
