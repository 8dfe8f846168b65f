import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildResult, LatencyRow, LoadResult } from './child';
import type { CompareResult, CompareRow, LatencySpread } from './compare';
import type { BenchQueries, QueryClass } from './queries';
import { runMemoryProbe, type MemoryProbeResult } from '../edge/run-memory-probe';
import { runChild } from './spawn-child';
import type { Percentiles } from './stats';
import { createSystem } from '../systems';
import { OURS_ID } from '../systems/ours';

/** Warm-up queries of each class per system before a scale point's one latency round (`BenchQueries.warmup`). */
export const SCALE_WARMUP = 5;

export interface ScalePlan {
  corpus: string;
  /** Paragraph counts, ascending. */
  sizes: readonly number[];
  /** The whole real corpus's paragraph count: at that size the main comparison's indexes are reused. */
  realSize: number;
  systems: readonly string[];
  /** Largest size each system is built at (ours has none); beyond, it would not fit the time budget. */
  limits: Readonly<Record<string, number>>;
  seed: number;
  /** A smaller sample than the comparison's: one round, to keep the series in budget. */
  queries: BenchQueries;
  /** Queries the Worker memory probe asks (ours only). */
  probeQueries: readonly string[];
  /** Further real queries the probe asks afterwards, so the per-word memos fill as in a long-lived isolate. */
  soakQueries: readonly string[];
  work: string;
}

export interface ScalePoint {
  size: number;
  id: string;
  name: string;
  /** Built for this point, or taken from the main comparison (the real corpus). */
  build: Pick<BuildResult, 'buildMs' | 'rawBytes' | 'gzipBytes' | 'paragraphs' | 'chars'>;
  load: Pick<LoadResult, 'loadMs' | 'liveMb' | 'heapMb' | 'rssMb' | 'peakRssMb' | 'breakdown'>;
  latency: Partial<Record<QueryClass, Percentiles>>;
  /** Ours: the Worker's load path under a 128 MB heap (tools/edge/memory-probe.ts). */
  probe?: MemoryProbeResult;
}

function systemsAt(plan: Pick<ScalePlan, 'systems' | 'limits'>, size: number): string[] {
  return plan.systems.filter((id) => id === OURS_ID || size <= (plan.limits[id] ?? 0));
}

/**
 * The scale series: at each size, every system whose limit allows it is built
 * (fresh process, index written), loaded (fresh process), asked the small
 * query sample once (one process for all, interleaved), and ours is run
 * through the Worker memory probe. Indexes are deleted after each size.
 */
export async function runScale(plan: ScalePlan, compared: CompareResult, progress: (line: string) => void): Promise<ScalePoint[]> {
  const points: ScalePoint[] = [];
  for (const size of plan.sizes) {
    const ids = systemsAt(plan, size);
    if (ids.length === 0) continue;
    const reuse = size === plan.realSize;
    const files: Record<string, string> = {};
    const partial = new Map<string, Omit<ScalePoint, 'latency'>>();
    for (const id of ids) {
      const name = createSystem(id).name;
      const row = reuse ? compared.rows.find((r) => r.id === id) : undefined;
      if (row && compared.artifacts[id]) {
        files[id] = compared.artifacts[id]!;
        partial.set(id, {
          size,
          id,
          name,
          build: { buildMs: row.buildMs.median, rawBytes: row.rawBytes, gzipBytes: row.gzipBytes, paragraphs: row.paragraphs, chars: NaN },
          load: { loadMs: row.loadMs.median, liveMb: row.liveMb.median, heapMb: NaN, rssMb: row.rssMb.median, peakRssMb: row.peakRssMb.median, ...(row.breakdown ? { breakdown: row.breakdown } : {}) },
        });
        continue;
      }
      const out = join(plan.work, `scale-${size}-${id}.index`);
      const build = await runChild({ kind: 'build', system: id, corpus: plan.corpus, size, seed: plan.seed, out });
      const load = await runChild({ kind: 'load', system: id, file: out, query: plan.queries.short[0] ?? 'Berlin' });
      files[id] = out;
      partial.set(id, { size, id, name, build, load });
      progress(`scale ${size}: ${id} built in ${(build.buildMs / 1000).toFixed(1)} s, loads in ${load.loadMs} ms`);
    }
    // At the real corpus's size the comparison has measured everything, latency included (on its larger sample).
    const latency: Array<Pick<LatencyRow, 'id' | 'pooled'>> = reuse
      ? compared.rows.map((r) => ({ id: r.id, pooled: pooledOf(r.latency) }))
      : await runChild({
          kind: 'latency',
          systems: ids.map((id) => ({ id, file: files[id]! })),
          queries: { short: plan.queries.short, questions: plan.queries.questions, prefix: plan.queries.prefix, warmup: plan.queries.warmup },
          rounds: 1,
          warmup: SCALE_WARMUP,
        });
    for (const id of ids) {
      const point: ScalePoint = { ...partial.get(id)!, latency: latency.find((r) => r.id === id)?.pooled ?? {} };
      if (id === OURS_ID) {
        point.probe = await runMemoryProbe(files[id]!, plan.probeQueries, plan.soakQueries);
        progress(`scale ${size}: Worker memory probe ${point.probe.outOfMemory ? 'ran out of heap' : `peak ${point.probe.peakMb} MB, ${point.probe.afterSoakMb} MB live after ${point.probe.soakQueries} more queries`}`);
      }
      points.push(point);
    }
    if (!reuse) for (const f of Object.values(files)) await rm(f, { recursive: true, force: true });
  }
  return points;
}

function pooledOf(latency: CompareRow['latency']): LatencyRow['pooled'] {
  const out: LatencyRow['pooled'] = {};
  for (const [c, l] of Object.entries(latency) as Array<[QueryClass, LatencySpread]>) out[c] = { p50: l.p50.median, p95: l.p95.median, p99: l.p99.median };
  return out;
}
