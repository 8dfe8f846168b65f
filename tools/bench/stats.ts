/**
 * Percentile of ascending `sorted` values by linear interpolation between
 * closest ranks (the same definition as NumPy's default and Excel's
 * PERCENTILE.INC): p in [0, 100].
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  if (p <= 0) return sorted[0]!;
  if (p >= 100) return sorted[sorted.length - 1]!;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function ascending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

export function median(values: readonly number[]): number {
  return percentile(ascending(values), 50);
}

/** p50/p95/p99 of one run's latencies. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export function latencyPercentiles(values: readonly number[]): Percentiles {
  const sorted = ascending(values);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

/** A figure measured several times: the median and the range it was seen in. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  /** How many measurements. */
  n: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = ascending(values.filter((v) => Number.isFinite(v)));
  return { median: percentile(sorted, 50), min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN, n: sorted.length };
}
