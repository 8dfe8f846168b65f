import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/index/storage/lru-cache';

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
