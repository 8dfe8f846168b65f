import { join } from 'node:path';
import type { BuildResult, LatencyRow, LoadResult } from './child';
import type { BenchQueries, QueryClass } from './queries';
import { runChild } from './spawn-child';
import { spread, type Spread } from './stats';
import { createSystem } from '../systems';

export interface ComparePlan {
  corpus: string;
  systems: readonly string[];
  buildRepeats: number;
  loadRepeats: number;
  rounds: number;
  warmup: number;
  queries: BenchQueries;
  /** Where the saved indexes go (one file per system, ours a folder; kept for the scale series). */
  work: string;
}

export interface LatencySpread {
  p50: Spread;
  p95: Spread;
  p99: Spread;
}

/** One system on the whole corpus: every figure of the main tables. */
export interface CompareRow {
  id: string;
  name: string;
  paragraphs: number;
  buildMs: Spread;
  /** Paragraphs per second of build time. */
  throughput: Spread;
  serializeMs: number;
  rawBytes: number;
  gzipBytes: number;
  buildPeakRssMb: number;
  loadMs: Spread;
  firstQueryMs: Spread;
  liveMb: Spread;
  rssMb: Spread;
  peakRssMb: Spread;
  baselineRssMb: number;
  latency: Partial<Record<QueryClass, LatencySpread>>;
  quality?: LatencyRow['quality'];
  breakdown?: Record<string, number>;
}

export interface CompareResult {
  rows: CompareRow[];
  /** Rows of latency-only variants (ours with snippets). */
  extraLatency: Array<{ id: string; name: string; latency: Partial<Record<QueryClass, LatencySpread>> }>;
  /** Saved index (file or folder) per system id. */
  artifacts: Record<string, string>;
}

/** `items` starting at `offset` and wrapping: every repeat takes the systems in another order. */
export function rotate<T>(items: readonly T[], offset: number): T[] {
  const k = items.length ? offset % items.length : 0;
  return [...items.slice(k), ...items.slice(0, k)];
}

/**
 * The main comparison on one corpus: each system built `buildRepeats` times
 * and loaded `loadRepeats` times, every build and load in its own fresh
 * process, systems interleaved (each repeat in a rotated order, so drift in
 * the machine's load spreads over all of them); then one process loads every
 * index and asks the query classes in `rounds` interleaved rounds.
 */
export async function runComparison(plan: ComparePlan, progress: (line: string) => void): Promise<CompareResult> {
  const artifacts: Record<string, string> = {};
  const builds = new Map<string, BuildResult[]>();
  for (let repeat = 0; repeat < plan.buildRepeats; repeat++) {
    for (const id of rotate(plan.systems, repeat)) {
      const out = repeat === 0 ? join(plan.work, `${id}.index`) : undefined;
      const result = await runChild({ kind: 'build', system: id, corpus: plan.corpus, size: null, seed: 0, ...(out ? { out } : {}) });
      if (out) artifacts[id] = out;
      builds.set(id, [...(builds.get(id) ?? []), result]);
      progress(`build ${id} #${repeat + 1}: ${(result.buildMs / 1000).toFixed(1)} s`);
    }
  }
  const probeQuery = plan.queries.questions[0]?.query ?? plan.queries.short[0] ?? 'Berlin';
  const loads = new Map<string, LoadResult[]>();
  for (let repeat = 0; repeat < plan.loadRepeats; repeat++) {
    for (const id of rotate(plan.systems, repeat)) {
      const result = await runChild({ kind: 'load', system: id, file: artifacts[id]!, query: probeQuery });
      loads.set(id, [...(loads.get(id) ?? []), result]);
      progress(`load ${id} #${repeat + 1}: ${result.loadMs} ms, ${result.liveMb} MB live`);
    }
  }
  progress(`latency: ${plan.rounds} rounds of ${plan.queries.description}`);
  const latencyRows = await runChild({
    kind: 'latency',
    systems: plan.systems.map((id) => ({ id, file: artifacts[id]! })),
    queries: { short: plan.queries.short, questions: plan.queries.questions, prefix: plan.queries.prefix, warmup: plan.queries.warmup },
    rounds: plan.rounds,
    warmup: plan.warmup,
    progress: true,
  });

  const rows = plan.systems.map((id): CompareRow => {
    const b = builds.get(id)!;
    const l = loads.get(id)!;
    const first = b[0]!;
    const lat = latencyRows.find((r) => r.id === id);
    return {
      id,
      name: createSystem(id).name,
      paragraphs: first.paragraphs,
      buildMs: spread(b.map((r) => r.buildMs)),
      throughput: spread(b.map((r) => (r.paragraphs / r.buildMs) * 1000)),
      serializeMs: first.serializeMs ?? NaN,
      rawBytes: first.rawBytes ?? NaN,
      gzipBytes: first.gzipBytes ?? NaN,
      buildPeakRssMb: Math.max(...b.map((r) => r.peakRssMb)),
      loadMs: spread(l.map((r) => r.loadMs)),
      firstQueryMs: spread(l.map((r) => r.firstQueryMs)),
      liveMb: spread(l.map((r) => r.liveMb)),
      rssMb: spread(l.map((r) => r.rssMb)),
      peakRssMb: spread(l.map((r) => r.peakRssMb)),
      baselineRssMb: spread(l.map((r) => r.baselineRssMb)).median,
      latency: lat ? latencySpreads(lat) : {},
      ...(lat?.quality ? { quality: lat.quality } : {}),
      ...(l[0]!.breakdown ? { breakdown: l[0]!.breakdown } : {}),
    };
  });
  const extraLatency = latencyRows
    .filter((r) => !plan.systems.includes(r.id))
    .map((r) => ({ id: r.id, name: r.name, latency: latencySpreads(r) }));
  return { rows, extraLatency, artifacts };
}

/**
 * Per class: each percentile over all queries pooled, with the range the
 * rounds' own percentiles spread over (each round asks a different third of
 * the queries, so the range also shows how much the figure depends on them).
 */
function latencySpreads(row: LatencyRow): Partial<Record<QueryClass, LatencySpread>> {
  const out: Partial<Record<QueryClass, LatencySpread>> = {};
  for (const [c, rounds] of Object.entries(row.rounds) as Array<[QueryClass, LatencyRow['rounds'][QueryClass]]>) {
    const pooled = row.pooled[c];
    if (!rounds?.length || !pooled) continue;
    const of = (key: 'p50' | 'p95' | 'p99'): Spread => ({ ...spread(rounds.map((r) => r[key])), median: pooled[key] });
    out[c] = { p50: of('p50'), p95: of('p95'), p99: of('p99') };
  }
  return out;
}
