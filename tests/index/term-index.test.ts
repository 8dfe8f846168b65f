import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build';
import { fuzzyScan } from '../../src/index/fuzzy-scan';
import { executeRaw } from '../../src/index/minisearch-adapter';
import { MINISEARCH_OPTIONS, type IndexedParagraph } from '../../src/index/schema';
import { article } from '../fixtures';

const paragraphs = [
  'Die NATO will ausreichend Militärhilfe an Kiew senden.',
  'Militärhilfen und Militär: die Hilfe für die Ukraine, die Ukraine!',
  'US-Außenminister Antony Blinken sprach in Brüssel.',
  'Ein Militärbündnis braucht Hilfe.',
];
const ours = buildIndex([article('a', paragraphs.slice(0, 2), { title: 'Hilfe für Kiew' }), article('b', paragraphs.slice(2))]);

/** The same documents added to a real MiniSearch, field by field, as our build lays them out. */
function referenceMiniSearch(): MiniSearch<IndexedParagraph> {
  const ms = new MiniSearch<IndexedParagraph>(MINISEARCH_OPTIONS);
  const titles = ['Hilfe für Kiew', 'Hilfe für Kiew', 'b', 'b'];
  paragraphs.forEach((text, id) => {
    const tokens = ours.analyzers.index.analyze(text);
    const join = (kind: string) => tokens.filter((t) => t.kind === kind).map((t) => t.term).join(' ');
    const title = ours.analyzers.index.analyze(titles[id]!).filter((t) => t.kind === 'stem').map((t) => t.term).join(' ');
    ms.add({ id, title, text: join('exact'), stem: join('stem'), part: join('part') });
  });
  return ms;
}

describe('MiniSearch over the compact term index', () => {
  const reference = referenceMiniSearch();
  it.each([
    ['exact', { queries: ['militarhilfe', 'ukraine'], fields: ['text'] }],
    ['boosted fields', { queries: ['hilf'], fields: ['stem', 'title'], boost: { title: 1.5 } }],
    ['prefix', { queries: ['milit'], fields: ['text'], prefix: true }],
    ['fuzzy', { queries: ['blinkn'], fields: ['text'], fuzzy: 1 }],
  ] as const)('scores %s queries exactly as MiniSearch does', (_, query) => {
    const a = executeRaw(ours.engine, query as any);
    const b = executeRaw(reference, query as any);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [doc, hit] of b) {
      expect(a.get(doc)!.score).toBeCloseTo(hit.score, 10);
      expect(a.get(doc)!.match).toEqual(hit.match);
    }
    expect(b.size).toBeGreaterThan(0);
  });
});

describe('fuzzyScan', () => {
  /** Optimal string alignment distance, the textbook way. */
  const osa = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0]![j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++) {
        d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    return d[a.length]![b.length]!;
  };
  const terms = ['a', 'ab', 'abc', 'ba', 'blinken', 'blinker', 'kuraine', 'ukraine', 'ukrainer', 'ukrainisch', 'urkaine', 'zz'].sort();

  it.each([['ukriane', 2], ['ukriane', 1], ['blinkn', 1], ['ab', 1], ['x', 1], ['ukraine', 0], ['ukrainisch', 2]] as const)(
    'finds exactly the terms within %s edits (same first letter) of %s',
    (query, max) => {
      const found = new Map([...fuzzyScan(terms, query, max)].map(([t, d]) => [terms[t], d]));
      const expected = new Map(
        terms.filter((t) => t[0] === query[0]).map((t) => [t, osa(t, query)] as const).filter(([, d]) => d <= max),
      );
      expect(found).toEqual(expected);
    },
  );

  it('counts a transposition as one edit', () => {
    expect([...fuzzyScan(['ukraine'], 'ukriane', 1)]).toEqual([[0, 1]]);
  });
});
