import { describe, expect, it } from 'vitest';
import type { CompareRow } from '../../../tools/bench/compare';
import { benchmarksFile, LOAD_END, LOAD_START } from '../../../tools/bench/document';
import { targets, withSpread, workerFit } from '../../../tools/bench/report';
import type { ScalePoint } from '../../../tools/bench/scale';
import { spread } from '../../../tools/bench/stats';

const s = (...values: number[]) => spread(values);
function row(id: string, over: Partial<CompareRow>): CompareRow {
  const lat = (p50: number) => ({ p50: s(p50), p95: s(p50 * 3), p99: s(p50 * 5) });
  return {
    id,
    name: id,
    paragraphs: 1000,
    buildMs: s(1000),
    throughput: s(1000),
    serializeMs: 10,
    rawBytes: 10e6,
    gzipBytes: 4e6,
    buildPeakRssMb: 100,
    loadMs: s(100),
    firstQueryMs: s(1),
    liveMb: s(50),
    rssMb: s(150),
    peakRssMb: s(160),
    baselineRssMb: 100,
    latency: { short: lat(1), questions: lat(2), prefix: lat(1) },
    quality: { mrr10: 0.5, recall10: 0.6, queries: 10 },
    ...over,
  };
}

describe('targets', () => {
  it('marks each bound ok or gap against MiniSearch default', () => {
    const rows = [
      row('ours', { loadMs: s(140), gzipBytes: 5e6, throughput: s(400), quality: { mrr10: 0.7, recall10: 0.8, queries: 10 } }),
      row('minisearch', {}),
      row('lunr', { quality: { mrr10: 0.75, recall10: 0.8, queries: 10 } }),
    ];
    const byWhat = Object.fromEntries(targets(rows).map((t) => [t.what, t.ok]));
    expect(byWhat['query p50, questions']).toBe(true);
    expect(byWhat['load time (fresh process)']).toBe(false); // ×1.4 > ×1.3
    expect(byWhat['index gzip size']).toBe(true); // ×1.25
    expect(byWhat['build throughput']).toBe(false); // ×0.4 < ×0.5
    expect(byWhat['MRR@10 ahead of Orama, FlexSearch, Lunr']).toBe(false);
  });
});

describe('withSpread', () => {
  it('shows the median with its range, or the one value', () => {
    expect(withSpread(s(2, 1, 3))).toBe('2 (1–3)');
    expect(withSpread(s(1500), 1 / 1000)).toBe('1.5');
  });
});

describe('workerFit', () => {
  const point = (size: number, peakMb: number, afterSoakMb?: number): ScalePoint => ({
    size,
    id: 'ours',
    name: 'ours',
    build: { buildMs: 1, paragraphs: size, chars: 1 },
    load: { loadMs: 1, liveMb: 1, heapMb: 1, rssMb: 1, peakRssMb: 1 },
    latency: {},
    probe: { peakMb, ...(afterSoakMb === undefined ? {} : { afterSoakMb }) },
  });
  it('finds the largest size within 100 MB and interpolates towards the first beyond', () => {
    const fit = workerFit([point(10000, 40), point(30000, 90), point(50000, 140)]);
    expect(fit.largestMeasured).toBe(30000);
    expect(fit.estimated).toBe(34000);
  });
  it('counts what stays live once the memos are full when that is above the peak', () => {
    const fit = workerFit([point(10000, 40, 70), point(30000, 90, 120), point(50000, 140, 170)]);
    expect(fit.largestMeasured).toBe(10000);
    expect(fit.estimated).toBe(22000); // 70 → 120 MB between 10k and 30k: 100 MB at 22k
  });
});

describe('benchmarksFile', () => {
  it('keeps what another agent wrote between the load markers, and adds empty markers to a new file', () => {
    const fresh = benchmarksFile('# Benchmarks\n', null);
    expect(fresh.endsWith(`${LOAD_START}\n${LOAD_END}\n`)).toBe(true);
    const withLoad = fresh.replace(`${LOAD_START}\n${LOAD_END}`, `${LOAD_START}\n## Load test\n| x |\n${LOAD_END}`);
    const regenerated = benchmarksFile('# Benchmarks, new run\n', withLoad);
    expect(regenerated).toContain('# Benchmarks, new run');
    expect(regenerated).toContain(`${LOAD_START}\n## Load test\n| x |\n${LOAD_END}`);
  });
});

describe('breakdownBySizeTable', () => {
  it('lines up the parts of our index by size, matching labels whose counts differ', async () => {
    const { breakdownBySizeTable } = await import('../../../tools/bench/report');
    const point = (size: number, terms: number, docs: number): ScalePoint => ({
      size,
      id: 'ours',
      name: 'ours',
      build: { buildMs: 1, paragraphs: size, chars: 1 },
      load: { loadMs: 1, liveMb: docs * 2, heapMb: 1, rssMb: 1, peakRssMb: 1, breakdown: { 'stored paragraphs, docs file (compressed blocks)': docs, [`dictionary, terms file (${terms} terms)`]: terms / 1000 } },
      latency: {},
      probe: size > 1000 ? { outOfMemory: true } : { peakMb: 20, readKbP50: 64 },
    });
    const md = breakdownBySizeTable([point(2000, 9000, 10), point(1000, 5000, 5)]);
    const lines = md.split('\n');
    expect(lines[0]).toBe('| MB at paragraphs | 1,000 | 2,000 |');
    expect(lines).toContain('| stored paragraphs, docs file | 5 | 10 |');
    expect(lines).toContain('| dictionary, terms file | 5 | 9 |');
    expect(lines).toContain('| Worker probe peak (open and queries) | 20 | out of heap |');
    expect(lines).toContain('| Worker probe, KiB read per query (p50) | 64 | out of heap |');
    expect(lines).toContain('| terms | 5,000 | 9,000 |');
  });
});
