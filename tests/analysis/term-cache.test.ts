import { describe, expect, it } from 'vitest';
import { TermCache, TERM_CACHE_LIMIT, withBuildTermCaches } from '../../src/analysis/term-cache';

describe('TermCache', () => {
  it('holds at most two generations of entries, however many words pass', () => {
    const cache = new TermCache<number>();
    for (let i = 0; i < 10 * TERM_CACHE_LIMIT; i++) cache.set(`w${i}`, i);
    expect(cache.size).toBeLessThanOrEqual(2 * TERM_CACHE_LIMIT);
    expect(cache.get('w0')).toBeUndefined();
    expect(cache.get(`w${10 * TERM_CACHE_LIMIT - 1}`)).toBe(10 * TERM_CACHE_LIMIT - 1);
  });

  it('keeps a word that keeps being asked for through every turnover', () => {
    const cache = new TermCache<string | null>();
    cache.set('hilfe', 'hilf');
    cache.set('und', null);
    for (let i = 0; i < 5 * TERM_CACHE_LIMIT; i++) {
      cache.set(`w${i}`, 'x');
      if (i % 1000 === 0) {
        expect(cache.get('hilfe')).toBe('hilf');
        expect(cache.get('und')).toBeNull();
      }
    }
  });

  it('computes a word once, from a copy equal to it, null values included', () => {
    const cache = new TermCache<string | null>();
    const text = 'Die Bundesverteidigungsministerin und die Bundesverteidigungsministerin';
    const asked: string[] = [];
    const compute = (own: string) => (asked.push(own), own.length > 3 ? own.toLowerCase() : null);
    const first = text.slice(4, 33);
    const again = text.slice(42);
    expect(cache.getOrCompute(first, compute)).toBe('bundesverteidigungsministerin');
    expect(cache.getOrCompute(again, compute)).toBe('bundesverteidigungsministerin');
    expect(cache.getOrCompute('und', compute)).toBeNull();
    expect(cache.getOrCompute('und', compute)).toBeNull();
    expect(asked).toEqual(['Bundesverteidigungsministerin', 'und']);
  });

  it('grows larger only while an index is built', () => {
    const cache = new TermCache<number>();
    withBuildTermCaches(() => {
      for (let i = 0; i < 3 * TERM_CACHE_LIMIT; i++) cache.set(`w${i}`, i);
    });
    expect(cache.get('w0')).toBe(0);
    for (let i = 0; i < 3 * TERM_CACHE_LIMIT; i++) cache.set(`v${i}`, i);
    expect(cache.get('w0')).toBeUndefined();
  });
});
