/** Ranking quality of one query: the ranked keys (`doc#paragraph`) and the relevant ones. */
export interface Judged {
  ranked: readonly string[];
  relevant: ReadonlySet<string>;
}

export interface Metrics {
  mrr10: number;
  recall10: number;
  ndcg10: number;
  recall100: number;
}

/** Mean over queries of MRR@10, Recall@10, nDCG@10 (binary relevance) and Recall@100. */
export function evaluate(judged: readonly Judged[]): Metrics {
  const sum = { mrr10: 0, recall10: 0, ndcg10: 0, recall100: 0 };
  for (const j of judged) {
    sum.mrr10 += reciprocalRank(j, 10);
    sum.recall10 += recall(j, 10);
    sum.ndcg10 += ndcg(j, 10);
    sum.recall100 += recall(j, 100);
  }
  const n = judged.length || 1;
  return { mrr10: sum.mrr10 / n, recall10: sum.recall10 / n, ndcg10: sum.ndcg10 / n, recall100: sum.recall100 / n };
}

export function reciprocalRank({ ranked, relevant }: Judged, k: number): number {
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i]!)) return 1 / (i + 1);
  return 0;
}

export function recall({ ranked, relevant }: Judged, k: number): number {
  if (relevant.size === 0) return 0;
  let found = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i]!)) found++;
  return found / relevant.size;
}

export function ndcg({ ranked, relevant }: Judged, k: number): number {
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i]!)) dcg += 1 / Math.log2(i + 2);
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}
