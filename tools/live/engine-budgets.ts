import type { Article } from '../../src/corpus/article';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { buildMemoryIndex, MemoryStore, openIndex, writeIndex } from '../../src/index/memory-index';
import type { IndexReader } from '../../src/index/index-reader';
import { LiveIndex } from '../../src/live/live-index';
import { DEFAULT_MERGE_POLICY } from '../../src/live/merge-policy';
import type { WriteOp } from '../../src/live/ops';
import { storePointer } from '../../src/live/pointer';
import { search } from '../../src/search';

/** Query latency with many fresh segments against after compaction, and the compacted top 10 against a build from scratch. */
export interface EngineFigures {
  freshSegments: number;
  freshMedianMs: number;
  compactedMedianMs: number;
  /** Total query time with the fresh segments over total time after compaction (median of rounds). */
  ratio: number;
  top10Equal: number;
  queries: number;
  differing: string[];
}

const noGarbage = { add() {}, due: () => [], forget() {} };

/**
 * In Node, on the engine itself: a base index of `base`, then `fresh`
 * single-article flushes from `stream` (every fifth a correction of a base
 * article, so the base segment carries deletions); then a full compaction.
 * Both versions are timed over `queries` (compareLatency), and the
 * compacted top 10 is compared with a build from scratch of the same articles.
 */
export async function measureEngine(base: Article[], stream: Article[], queries: string[], fresh = 100): Promise<EngineFigures> {
  const store = new MemoryStore();
  await writeIndex(store, base, { compression: zlibCompression });
  const live = await LiveIndex.open(store, storePointer(store), noGarbage, { compression: zlibCompression, policy: { ...DEFAULT_MERGE_POLICY, maxMergeDocs: Infinity } });
  const final = new Map(base.map((a) => [a.id, a]));
  for (let i = 0; i < fresh; i++) {
    const a = i % 5 === 4 ? { ...stream[i]!, id: base[i]!.id } : stream[i]!;
    const write: WriteOp = { op: 'put', article: a };
    await live.apply([{ seq: live.seq + 1, write }]);
    final.set(a.id, a);
  }
  const freshIndex = await openIndex(store, { compression: zlibCompression });
  const freshSegments = freshIndex.segments.length;
  await live.compact({ full: true, expunge: true });
  // Nothing is collected (no garbage list): the fresh version stays readable beside the compacted one.
  const compacted = await openIndex(store, { compression: zlibCompression });
  const { freshMs, compactedMs, ratio } = await compareLatency(freshIndex, compacted, queries);
  const freshMedianMs = freshMs;
  const compactedMedianMs = compactedMs;
  const rebuilt = await buildMemoryIndex([...final.values()], { compression: zlibCompression });
  const differing: string[] = [];
  for (const q of queries) if (!sameTop10(await top(compacted, q), await top(rebuilt, q))) differing.push(q);
  return {
    freshSegments,
    freshMedianMs,
    compactedMedianMs,
    ratio,
    top10Equal: queries.length - differing.length,
    queries: queries.length,
    differing: differing.slice(0, 5),
  };
}

/**
 * Both versions timed query by query, alternately (which goes first
 * alternates too), over five rounds after a warm-up: a shared, noisy machine
 * then slows both alike. The ratio is the median over rounds of the rounds'
 * total times; the times are the medians of per-query times.
 */
async function compareLatency(fresh: IndexReader, compacted: IndexReader, queries: string[]) {
  for (const q of queries) {
    await search(fresh, q);
    await search(compacted, q);
  }
  const perFresh: number[] = [];
  const perCompacted: number[] = [];
  const ratios: number[] = [];
  const time = async (index: IndexReader, q: string) => {
    const t = performance.now();
    await search(index, q);
    return performance.now() - t;
  };
  for (let round = 0; round < 5; round++) {
    let f = 0;
    let c = 0;
    for (const [i, q] of queries.entries()) {
      const first = (i + round) % 2 === 0;
      const a = first ? await time(fresh, q) : 0;
      const b = await time(compacted, q);
      const a2 = first ? a : await time(fresh, q);
      perFresh.push(a2);
      perCompacted.push(b);
      f += a2;
      c += b;
    }
    ratios.push(f / c);
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return { freshMs: median(perFresh), compactedMs: median(perCompacted), ratio: median(ratios) };
}

async function top(index: IndexReader, q: string): Promise<Array<[string, number]>> {
  return (await search(index, q, { limit: 10 })).results.map((r) => [`${r.id}/${r.paragraph}`, r.score]);
}

/**
 * The same top 10: the same scores in order, and the same hits above the
 * last score (hits tied at the cut may differ: doc ids, which break ties,
 * differ between a merge and a build).
 */
export function sameTop10(a: Array<[string, number]>, b: Array<[string, number]>): boolean {
  if (a.length !== b.length || a.some(([, s], i) => Math.abs(s - b[i]![1]) > 1e-6)) return false;
  const cut = a.length ? a[a.length - 1]![1] : 0;
  const above = (x: Array<[string, number]>) => x.filter(([, s]) => s > cut + 1e-6).map(([k]) => k).sort().join();
  return above(a) === above(b);
}
