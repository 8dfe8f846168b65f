import { describe, expect, it } from 'vitest';
import { pickQueries, QUERY_CLASSES } from '../../../tools/bench/queries';
import type { QuerySet } from '../../../tools/shared-corpora';

const set = (name: string, queries: string[]): QuerySet => ({ name, queries: queries.map((query, i) => ({ qid: `${name}${i}`, query, relevant: [] })) });

// Questions, one- or two-word queries and typed keyword queries of two to four words, in two sets.
const sets = [
  set(
    'a',
    Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? `wort${i}` : i % 3 === 1 ? `zwei worte${i}` : `wer gewann die wahl ${i} in bayern`)),
  ),
  set(
    'b',
    Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? `begriff${i}` : i % 3 === 1 ? `bahn streik${i}` : `wann beginnt der streik ${i} der bahn`)),
  ),
];

describe('the bench queries', () => {
  it('warms up with queries of each class that are never timed', () => {
    const picked = pickQueries(sets, { perSet: 5, short: 10, typed: 2, seed: 3, warmup: 6 });
    const timed = new Set([...picked.questions.map((q) => q.query), ...picked.short, ...picked.prefix]);
    for (const c of QUERY_CLASSES) {
      expect(picked.warmup[c].length).toBe(6);
      for (const q of picked.warmup[c]) expect(timed.has(q)).toBe(false);
    }
    // Typed warm-up queries are asked as they are typed: a prefix after a shorter one of the same query.
    expect(picked.warmup.prefix.some((q, i) => i > 0 && q.startsWith(picked.warmup.prefix[i - 1]!))).toBe(true);
  });

  it('times the same queries whatever the warm-up', () => {
    const without = pickQueries(sets, { perSet: 5, short: 10, typed: 2, seed: 3 });
    const withWarmup = pickQueries(sets, { perSet: 5, short: 10, typed: 2, seed: 3, warmup: 8 });
    expect(withWarmup.questions).toEqual(without.questions);
    expect(withWarmup.short).toEqual(without.short);
    expect(withWarmup.prefix).toEqual(without.prefix);
    for (const c of QUERY_CLASSES) expect(without.warmup[c]).toEqual([]);
  });

  it('draws a query the sets hold twice once', () => {
    const twice = [set('a', ['wahl', 'wahl', 'streik', 'bahn streik', 'wahl bayern']), set('b', ['wahl', 'streik', 'bahn streik'])];
    const picked = pickQueries(twice, { perSet: 0, short: 10, typed: 0, seed: 1 });
    expect([...picked.short].sort()).toEqual(['bahn streik', 'streik', 'wahl', 'wahl bayern']);
  });
});
