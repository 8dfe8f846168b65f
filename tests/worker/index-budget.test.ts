import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { readRoot } from '../../src/index/index-reader';
import { MemoryStore, writeIndex } from '../../src/index/memory-index';
import type { IndexRoot } from '../../src/index/root';
import type { ChunkStore } from '../../src/index/storage/chunk-store';
import { budgetFor, WHOLE_INDEX_BYTES, WORKER_BUDGET } from '../../src/worker/index-loader';
import { article } from '../fixtures';

const ARTICLES = Array.from({ length: 40 }, (_, i) =>
  article(`a${i}`, [`Der Bundestag beriet in Sitzung ${i} über den Haushalt.`, `Die Opposition kritisierte Minister ${i % 7} in Berlin.`]),
);

/** The root with every file `times` as large: what the budget sees of a larger archive. */
function scaled(root: IndexRoot, times: number): IndexRoot {
  return {
    ...root,
    segments: root.segments.map((s) => ({
      ...s,
      meta: { ...s.meta, files: Object.fromEntries(Object.entries(s.meta.files).map(([f, n]) => [f, n * times])) as typeof s.meta.files },
    })),
  };
}

const bytesOf = (root: IndexRoot) => root.segments.reduce((sum, s) => sum + Object.values(s.meta.files).reduce((a, b) => a + b, 0), 0);

describe("the Worker's chunk share", () => {
  it('holds a small index whole, a large one within the usual share, and is zero for ranged stores', async () => {
    const store = new MemoryStore();
    await writeIndex(store, ARTICLES, { compression: zlibCompression });
    const { root } = await readRoot((n) => store.get(n));
    const whole: ChunkStore = { ranged: false, get: (n) => store.get(n) };
    const ranged: ChunkStore = { ranged: true, get: (n, range) => store.get(n, range) };

    // Just above the usual share, yet within WHOLE_INDEX_BYTES: the share grows to the index.
    const times = Math.ceil((WORKER_BUDGET.chunkBytes + 1) / bytesOf(root));
    const small = scaled(root, times);
    expect(bytesOf(small)).toBeLessThanOrEqual(WHOLE_INDEX_BYTES);
    expect(budgetFor(whole, small).chunkBytes).toBe(bytesOf(small));
    // Beyond it: the usual share.
    const large = scaled(root, Math.ceil((WHOLE_INDEX_BYTES + 1) / bytesOf(root)));
    expect(budgetFor(whole, large).chunkBytes).toBe(WORKER_BUDGET.chunkBytes);
    expect(budgetFor(ranged, small)).toMatchObject({ chunkBytes: 0, unitBytes: WORKER_BUDGET.unitBytes + WORKER_BUDGET.chunkBytes });
  });
});
