import { describe, expect, it } from 'vitest';
import { createGermanAnalyzer } from '../../src/analysis/german';
import { createLemmatizer } from '../../src/analysis/lemma';
import { WordList } from '../../src/analysis/word-list';

const analyzer = createGermanAnalyzer();
const stem = (word: string) => analyzer.analyze(word).find((t) => t.kind === 'stem')?.term;

describe('lemmas', () => {
  it('maps strong verb forms to their infinitive', () => {
    const lemma = createLemmatizer();
    expect(lemma('gewonnen')).toBe('gewinnen');
    expect(lemma('gewann')).toBe('gewinnen');
    expect(lemma('ging')).toBe('gehen');
    expect(lemma('gebracht')).toBe('bringen');
    expect(lemma('haus')).toBeUndefined();
  });

  it('makes inflected forms meet their lemma in the stem field', () => {
    expect(stem('gewonnen')).toBe(stem('gewinnen'));
    expect(stem('gewann')).toBe(stem('gewinnen'));
    expect(stem('Länder')).toBe(stem('Land'));
    expect(stem('Streitkräfte')).toBe(stem('Streitkraft'));
    expect(stem('Häuser')).toBe(stem('Haus'));
    expect(stem('ging')).toBe(stem('gehen'));
  });

  it('leaves words without a lemma to the stemmer', () => {
    expect(stem('Regierungen')).toBe('regier');
  });
});

describe('WordList', () => {
  const list = new WordList(['apfel', 'birne\tbirnen', 'kirsche'].join('\n'));
  it('finds words and values by binary search', () => {
    expect(list.size).toBe(3);
    expect(list.has('apfel')).toBe(true);
    expect(list.has('app')).toBe(false);
    expect(list.get('birne')).toBe('birnen');
    expect(list.hasPrefix('kir')).toBe(true);
    expect(list.hasPrefix('zit')).toBe(false);
    expect(new WordList('').has('x')).toBe(false);
  });
});
