import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { buildMemoryIndex } from '../../src/index/memory-index';
import { NORM_LENGTH, lengthToNorm } from '../../src/index/codec/norms';
import { FIELD } from '../../src/index/segment/schema';
import { lengthNormalisation, pivotLength } from '../../src/search/length-pivot';
import { LENGTH_PIVOT } from '../../src/search/scoring';
import { lengthFactors } from '../../src/search/top-k';
import { search } from '../../src/search';
import { article } from '../fixtures';
import { DEFAULT_ANALYSIS, germanAnalyzers } from '../../src/analysis/german';

const compression = zlibCompression;

describe('the length pivot', () => {
  it('is the average length of the paragraphs at least the minimum long', () => {
    // 10 paragraphs: four of 2 terms, one of 5, five of 30 (sum 8 + 5 + 150).
    const short = new Array<number>(24).fill(0);
    short[2] = 4;
    short[5] = 1;
    expect(pivotLength(10, 163, short, 12)).toBe(30);
    expect(pivotLength(10, 163, short, 5)).toBeCloseTo(155 / 6);
    expect(pivotLength(10, 163, short, 0)).toBeCloseTo(16.3);
    // No paragraph that long: every paragraph is scored at the minimum.
    expect(pivotLength(5, 13, short, 12)).toBe(12);
    expect(() => pivotLength(10, 163, short, 30)).toThrow(RangeError);
  });

  it('scores a paragraph shorter than the minimum as one of the minimum, and never lets a shorter norm score lower', () => {
    const min = LENGTH_PIVOT.minLength;
    const factors = lengthFactors(20, min);
    for (let n = 0; n <= min; n++) expect(factors[n]).toBe(factors[lengthToNorm(min)]);
    expect(factors[lengthToNorm(min + 1)]).toBeGreaterThan(factors[lengthToNorm(min)]!);
    // Block bounds take a block's shortest norm: the factor must not fall as the norm rises.
    for (let n = 1; n < 256; n++) expect(factors[n]).toBeGreaterThanOrEqual(factors[n - 1]!);
    expect(NORM_LENGTH[lengthToNorm(min)]).toBe(min);
  });

  it('does not follow a mass of very short paragraphs, and does not reward them', async () => {
    const prose = (i: number) => `Der Haushalt der Stadt wurde im Rat nach langer Debatte über Schulen, Straßen, Brücken, Bäder, Museen, Theater, Kitas, Radwege, Parks und Personal am Dienstagabend mit knapper Mehrheit beschlossen ${i}.`;
    const articles = [
      article('prose', [prose(0), prose(1), prose(2)]),
      // Headings, interjections and repealed sections: one or two terms each.
      ...Array.from({ length: 40 }, (_, i) => article(`short${i}`, [i % 2 ? '(weggefallen)' : 'Haushalt', '(Beifall)'])),
      article('three', ['Haushalt, Kasse und Rat.']),
    ];
    const index = await buildMemoryIndex(articles, { compression });
    const average = index.averageLength[FIELD.stem]!;
    // The pivot is the prose paragraphs' average length (their distinct stems), the short ones left out.
    const analyzer = germanAnalyzers(DEFAULT_ANALYSIS).index;
    const lengths = [0, 1, 2].map((i) => new Set(analyzer.analyze(prose(i)).filter((t) => t.kind === 'stem').map((t) => t.term)).size);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(LENGTH_PIVOT.minLength);
    const long = (lengths[0]! + lengths[1]! + lengths[2]!) / 3;
    expect(average).toBeLessThan(long / 3);
    const factors = lengthNormalisation(index);
    expect(factors[FIELD.stem]).toBe(lengthFactors(long, LENGTH_PIVOT.minLength));
    // Fields whose length is no paragraph's length in words keep the plain average.
    expect(factors[FIELD.part]).toBe(lengthFactors(index.averageLength[FIELD.part]!));

    // Two paragraphs shorter than the minimum that hold the word once score alike (the plain BM25 prefers the shorter).
    const scores = new Map((await search(index, 'Haushalt', { limit: 100 })).results.map((r) => [`${r.id}#${r.paragraph}`, r.score]));
    expect(scores.get('three#0')).toBeDefined();
    expect(scores.get('short0#0')).toBe(scores.get('three#0'));
  });
});
