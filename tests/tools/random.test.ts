import { describe, expect, it } from 'vitest';
import { Random } from '../../tools/random';

const draws = (random: Random, n = 5) => Array.from({ length: n }, () => random.next());

describe('Random', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const seq = draws(new Random(42));
    expect(draws(new Random(42))).toEqual(seq);
    expect(draws(new Random(43))).not.toEqual(seq);
    for (const v of seq) expect(v).toBeGreaterThanOrEqual(0), expect(v).toBeLessThan(1);
  });

  it('gives each stream of a seed its own sequence, made again from (seed, stream) alone', () => {
    const third = draws(Random.stream(1, 3));
    expect(draws(Random.stream(1, 3))).toEqual(third);
    expect(draws(Random.stream(1, 4))).not.toEqual(third);
    expect(draws(Random.stream(2, 3))).not.toEqual(third);
  });

  it('shuffles into a new array holding the same items, the same way for the same seed', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = new Random(7).shuffled(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(new Random(7).shuffled(items)).toEqual(shuffled);
    expect(items[0]).toBe(0);
  });

  it('keeps int, pick and weighted within what they are given', () => {
    const random = new Random(5);
    for (let i = 0; i < 200; i++) {
      const n = random.int(3, 6);
      expect(n).toBeGreaterThanOrEqual(3), expect(n).toBeLessThanOrEqual(6);
      expect(['a', 'b']).toContain(random.pick(['a', 'b']));
      expect(random.weighted([[1, 'x'], [0, 'never']])).toBe('x');
    }
  });
});
