import { describe, expect, it } from 'vitest';
import { latencyPercentiles, median, percentile, spread } from '../../../tools/bench/stats';

describe('percentile', () => {
  const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('interpolates between closest ranks', () => {
    expect(percentile(oneToTen, 50)).toBe(5.5);
    expect(percentile(oneToTen, 95)).toBeCloseTo(9.55, 10);
    expect(percentile(oneToTen, 99)).toBeCloseTo(9.91, 10);
    expect(percentile(oneToTen, 25)).toBeCloseTo(3.25, 10);
  });

  it('is the extreme values at 0 and 100, and NaN for no values', () => {
    expect(percentile(oneToTen, 0)).toBe(1);
    expect(percentile(oneToTen, 100)).toBe(10);
    expect(percentile([], 50)).toBeNaN();
    expect(percentile([7], 99)).toBe(7);
  });

  it('sorts before it ranks', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(latencyPercentiles([10, 1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual({ p50: 5.5, p95: expect.closeTo(9.55, 10), p99: expect.closeTo(9.91, 10) });
  });
});

describe('spread', () => {
  it('gives median, range and count, ignoring values that are not numbers', () => {
    expect(spread([3, 1, 2, NaN])).toEqual({ median: 2, min: 1, max: 3, n: 3 });
  });
});
