import type { SearchIndex } from '../index/search-index';
import { RECENCY } from './scoring';

const dayCache = new WeakMap<SearchIndex, { days: Float64Array; newest: number }>();

/** Article dates as day numbers (NaN when unknown), and the newest, computed once per index. */
function articleDays(index: SearchIndex): { days: Float64Array; newest: number } {
  let cached = dayCache.get(index);
  if (!cached) {
    const days = Float64Array.from(index.articles, (a) => (a.date ? Date.parse(a.date) / 86_400_000 : NaN));
    let newest = -Infinity;
    for (const d of days) if (d > newest) newest = d;
    cached = { days, newest };
    dayCache.set(index, cached);
  }
  return cached;
}

/**
 * The recency factor of a paragraph: 1 + `RECENCY.weight` for an article as
 * new as the newest in the index, halving with every `halfLifeDays` of age;
 * 1 for articles without a date. Age is measured from the newest article,
 * not the clock, so results do not drift while the index stays the same.
 */
export function recencyFactor(index: SearchIndex, doc: number, halfLifeDays: number): number {
  const { days, newest } = articleDays(index);
  const day = days[index.paragraphArticle[doc]!]!;
  if (Number.isNaN(day)) return 1;
  return 1 + RECENCY.weight * Math.pow(0.5, (newest - day) / halfLifeDays);
}
