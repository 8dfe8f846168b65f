import { describe, expect, it } from 'vitest';
import { evaluate, ndcg, recall, reciprocalRank } from '../../src/eval/metrics';

const judged = (ranked: string[], relevant: string[]) => ({ ranked, relevant: new Set(relevant) });

describe('metrics', () => {
  it('reciprocal rank counts the first relevant hit within k', () => {
    expect(reciprocalRank(judged(['a', 'b', 'c'], ['b']), 10)).toBe(0.5);
    expect(reciprocalRank(judged(['a', 'b', 'c'], ['c']), 2)).toBe(0);
    expect(reciprocalRank(judged([], ['c']), 10)).toBe(0);
  });
  it('recall is the share of relevant items found within k', () => {
    expect(recall(judged(['a', 'b', 'c'], ['a', 'c', 'z']), 3)).toBeCloseTo(2 / 3);
    expect(recall(judged(['a', 'b', 'c'], ['c']), 2)).toBe(0);
  });
  it('nDCG@k with binary relevance', () => {
    expect(ndcg(judged(['x', 'a'], ['a']), 10)).toBeCloseTo(1 / Math.log2(3));
    expect(ndcg(judged(['a', 'b'], ['a', 'b']), 10)).toBe(1);
  });
  it('averages over queries', () => {
    const m = evaluate([judged(['a'], ['a']), judged(['b', 'a'], ['a'])]);
    expect(m.mrr10).toBe(0.75);
    expect(m.recall10).toBe(1);
  });
});
