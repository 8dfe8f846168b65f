import { describe, expect, it } from 'vitest';
import { LruCache, RangeCache } from '../../src/index/storage/lru-cache';

describe('LruCache', () => {
  const cache = () => new LruCache<string, string>((v) => v.length, 10);

  it('stays within its budget, oldest out first', () => {
    const c = cache();
    for (const k of ['a', 'b', 'c', 'd']) c.set(k, k.repeat(3));
    expect(c.bytes).toBe(9);
    expect(c.get('a')).toBeUndefined();
    expect([c.get('b'), c.get('c'), c.get('d')]).toEqual(['bbb', 'ccc', 'ddd']);
  });

  it('spares an entry that was read since it came in, and evicts one that was not', () => {
    const c = cache();
    c.set('a', 'aaa');
    c.set('b', 'bbb');
    c.set('c', 'ccc');
    expect(c.get('a')).toBe('aaa');
    c.set('d', 'ddd');
    expect(c.get('a')).toBe('aaa');
    expect(c.get('b')).toBeUndefined();
    expect(c.bytes).toBeLessThanOrEqual(10);
  });

  it('evicts the least recently used: every hit counts, not only the first', () => {
    const c = cache();
    c.set('a', 'aaa');
    c.set('b', 'bbb');
    c.set('c', 'ccc');
    expect(c.get('a')).toBe('aaa');
    expect(c.get('b')).toBe('bbb');
    c.set('d', 'ddd');
    expect(c.get('c')).toBeUndefined();
    expect(c.get('a')).toBe('aaa');
    c.set('e', 'eee');
    expect(c.get('b')).toBeUndefined();
    expect([c.get('a'), c.get('d'), c.get('e')]).toEqual(['aaa', 'ddd', 'eee']);
    c.clear();
    expect([c.size, c.bytes, c.get('a')]).toEqual([0, 0, undefined]);
    c.set('f', 'fff');
    expect(c.get('f')).toBe('fff');
  });

  it('refuses a value larger than the whole budget, and replaces a key in place', () => {
    const c = cache();
    c.set('big', 'x'.repeat(11));
    expect(c.get('big')).toBeUndefined();
    c.set('a', 'aa');
    c.set('a', 'aaaa');
    expect(c.bytes).toBe(4);
    expect(c.size).toBe(1);
  });
});

describe('RangeCache', () => {
  const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

  it('finds a range by file and offset, only with the length it was stored with', () => {
    const c = new RangeCache((b) => b.length, 100);
    c.set('s1/postings', 0, bytes(4, 1));
    c.set('s1/positions', 0, bytes(6, 2));
    c.set('s2/postings', 0, bytes(5, 3));
    expect(c.get('s1/postings', 0, 4)).toEqual(bytes(4, 1));
    expect(c.get('s1/positions', 0, 6)).toEqual(bytes(6, 2));
    expect(c.get('s2/postings', 0, 5)).toEqual(bytes(5, 3));
    // The same start with another length is another range: a whole file is not one of its blocks.
    expect(c.get('s1/postings', 0, 8)).toBeUndefined();
    expect(c.get('s1/postings', 4, 4)).toBeUndefined();
    expect([c.size, c.bytes]).toEqual([3, 15]);
  });

  it('evicts the least recently used across files, and replaces a range in place', () => {
    const c = new RangeCache((b) => b.length, 10);
    c.set('a', 0, bytes(3, 1));
    c.set('b', 0, bytes(3, 2));
    c.set('a', 3, bytes(3, 3));
    expect(c.get('a', 0, 3)).toEqual(bytes(3, 1));
    c.set('c', 0, bytes(3, 4));
    expect(c.get('b', 0, 3)).toBeUndefined();
    expect([c.get('a', 0, 3), c.get('a', 3, 3), c.get('c', 0, 3)].map((b) => b?.[0])).toEqual([1, 3, 4]);
    c.set('a', 0, bytes(2, 5));
    expect([c.size, c.bytes]).toEqual([3, 8]);
    expect(c.get('a', 0, 2)).toEqual(bytes(2, 5));
    c.set('big', 0, bytes(11, 0));
    expect(c.get('big', 0, 11)).toBeUndefined();
    c.clear();
    expect([c.size, c.bytes, c.get('a', 0, 2)]).toEqual([0, 0, undefined]);
  });

  it('keeps only what fits as files come and go', () => {
    const c = new RangeCache((b) => b.length, 4);
    for (let i = 0; i < 50; i++) c.set(`segment${i}/postings`, i, bytes(4, i));
    expect([c.size, c.bytes]).toEqual([1, 4]);
    expect(c.get('segment49/postings', 49, 4)).toEqual(bytes(4, 49));
    expect(c.get('segment48/postings', 48, 4)).toBeUndefined();
  });
});
