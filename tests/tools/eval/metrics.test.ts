import { describe, expect, it } from 'vitest';
import { evaluate, ndcg, recall, reciprocalRank } from '../../../tools/eval/metrics';

const judged = (ranked: string[], relevant: string[]) => ({ ranked, relevant: new Set(relevant) });
/** `n` keys `x0`, `x1`, … that are never relevant. */
const misses = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `x${from + i}`);

describe('reciprocal rank', () => {
  it('is one over the rank of the first relevant hit', () => {
    expect(reciprocalRank(judged(['a', 'b', 'c'], ['b']), 10)).toBe(0.5);
    expect(reciprocalRank(judged(['a', 'b', 'c'], ['c', 'b']), 10)).toBe(0.5);
    expect(reciprocalRank(judged(['a', 'b', 'c'], ['a']), 10)).toBe(1);
  });
  it('counts only the first k', () => {
    expect(reciprocalRank(judged(['a', 'b', 'c'], ['c']), 2)).toBe(0);
    expect(reciprocalRank(judged([...misses(9), 'r'], ['r']), 10)).toBe(0.1);
    expect(reciprocalRank(judged([...misses(10), 'r'], ['r']), 10)).toBe(0);
  });
  it('is 0 without results or without relevant items', () => {
    expect(reciprocalRank(judged([], ['c']), 10)).toBe(0);
    expect(reciprocalRank(judged(['a'], []), 10)).toBe(0);
  });
});

describe('recall', () => {
  it('is the share of relevant items found within k', () => {
    expect(recall(judged(['a', 'b', 'c'], ['a', 'c', 'z']), 3)).toBeCloseTo(2 / 3);
    expect(recall(judged(['a', 'b', 'c'], ['c']), 2)).toBe(0);
  });
  it('@10 and @100 differ when a relevant item ranks between 11 and 100', () => {
    // Two relevant: one at rank 4, one at rank 12.
    const j = judged([...misses(3), 'r1', ...misses(7, 3), 'r2', ...misses(88, 10)], ['r1', 'r2']);
    expect(recall(j, 10)).toBe(0.5);
    expect(recall(j, 100)).toBe(1);
  });
  it('is 0, not NaN, for a query without relevant items', () => {
    expect(recall(judged(['a'], []), 10)).toBe(0);
  });
});

describe('nDCG (binary relevance)', () => {
  it('is 1 for an ideal ranking', () => {
    expect(ndcg(judged(['a', 'b'], ['a', 'b']), 10)).toBe(1);
    expect(ndcg(judged(['b', 'a', 'x'], ['a', 'b']), 10)).toBe(1);
  });
  it('discounts by log2(rank + 1)', () => {
    // One relevant at rank 2: DCG = 1/log2(3) = 0.63093, IDCG = 1.
    expect(ndcg(judged(['x', 'a'], ['a']), 10)).toBeCloseTo(0.63093, 5);
    // Relevant at ranks 2 and 4: DCG = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068 = 1.06161;
    // IDCG = 1 + 1/log2(3) = 1.63093; nDCG = 0.65092.
    expect(ndcg(judged(['x', 'a', 'y', 'b'], ['a', 'b']), 10)).toBeCloseTo(0.65092, 5);
  });
  it('caps the ideal at k relevant items', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `r${i}`);
    expect(ndcg(judged(twelve, twelve), 10)).toBeCloseTo(1, 10);
  });
  it('ignores hits below k and is 0 without relevant items', () => {
    expect(ndcg(judged([...misses(10), 'r'], ['r']), 10)).toBe(0);
    expect(ndcg(judged(['a'], []), 10)).toBe(0);
  });
});

describe('evaluate', () => {
  it('averages every metric over the queries', () => {
    const m = evaluate([
      judged(['a'], ['a']), // RR 1, R@10 1, nDCG 1, R@100 1
      judged(['b', 'a'], ['a']), // RR 1/2, R@10 1, nDCG 1/log2(3), R@100 1
      judged([...misses(20), 'a'], ['a']), // RR 0, R@10 0, nDCG 0, R@100 1
      judged(['x'], ['a']), // all 0
    ]);
    expect(m.mrr10).toBeCloseTo((1 + 0.5) / 4);
    expect(m.recall10).toBeCloseTo(2 / 4);
    expect(m.ndcg10).toBeCloseTo((1 + 1 / Math.log2(3)) / 4);
    expect(m.recall100).toBeCloseTo(3 / 4);
  });
  it('is all zeros for no queries', () => {
    expect(evaluate([])).toEqual({ mrr10: 0, recall10: 0, ndcg10: 0, recall100: 0 });
  });
});
