import type { CompareResult, CompareRow, LatencySpread } from './compare';
import { QUERY_CLASSES, QUERY_CLASS_LABELS, type QueryClass } from './queries';
import type { ScalePoint } from './scale';
import { EDGE_BUDGETS, ISOLATE_MB } from '../edge/budgets';
import { steadyPeakMb, type MemoryProbeResult } from '../edge/run-memory-probe';
import type { Spread } from './stats';
import type { Panel, Series } from './svg-chart';
import { BASELINE_ID } from '../systems';
import { OURS_ID } from '../systems/ours';

export function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>, align?: readonly ('l' | 'r')[]): string {
  const sep = head.map((_, i) => ((align?.[i] ?? (i === 0 ? 'l' : 'r')) === 'r' ? '---:' : '---'));
  return [`| ${head.join(' | ')} |`, `|${sep.join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** A number with sensible precision: 3 significant digits below 100, whole numbers above. */
export function num(n: number): string {
  if (!Number.isFinite(n)) return '–';
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  return Number(n.toPrecision(3)).toString();
}

/** A median with its range: `8.1 (7.9–8.4)`; a single measurement is just the number. */
export function withSpread(s: Spread, scale = 1): string {
  if (s.n <= 1 || !Number.isFinite(s.min)) return num(s.median * scale);
  return `${num(s.median * scale)} (${num(s.min * scale)}–${num(s.max * scale)})`;
}

export function ratio(value: number, baseline: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0) return '–';
  return `×${num(value / baseline)}`;
}

const mb = (bytes: number) => bytes / 1e6;

function baselineOf(rows: readonly CompareRow[]): CompareRow | undefined {
  return rows.find((r) => r.id === BASELINE_ID);
}

export function buildAndSizeTable(rows: readonly CompareRow[]): string {
  const base = baselineOf(rows);
  return table(
    ['system', 'build s', 'paragraphs/s', '× MS', 'raw MB', 'gzip MB', '× MS', 'serialize s', 'build peak RSS MB'],
    rows.map((r) => [
      r.name,
      withSpread(r.buildMs, 1 / 1000),
      withSpread(r.throughput),
      base ? ratio(r.throughput.median, base.throughput.median) : '–',
      num(mb(r.rawBytes)),
      num(mb(r.gzipBytes)),
      base ? ratio(r.gzipBytes, base.gzipBytes) : '–',
      num(r.serializeMs / 1000),
      num(r.buildPeakRssMb),
    ]),
  );
}

export function loadAndMemoryTable(rows: readonly CompareRow[]): string {
  const base = baselineOf(rows);
  return table(
    ['system', 'load ms', '× MS', 'first query ms', 'live MB (heap + buffers)', 'RSS MB after load', 'peak RSS MB', 'RSS before load'],
    rows.map((r) => [
      r.name,
      withSpread(r.loadMs),
      base ? ratio(r.loadMs.median, base.loadMs.median) : '–',
      withSpread(r.firstQueryMs),
      withSpread(r.liveMb),
      withSpread(r.rssMb),
      withSpread(r.peakRssMb),
      num(r.baselineRssMb),
    ]),
  );
}

export function latencyTable(result: CompareResult, c: QueryClass): string {
  const base = baselineOf(result.rows)?.latency[c];
  const rows: Array<{ name: string; latency: Partial<Record<QueryClass, LatencySpread>> }> = [...result.rows, ...result.extraLatency];
  return table(
    ['system', 'p50 ms', 'p95 ms', 'p99 ms', 'p50 × MS'],
    rows
      .filter((r) => r.latency[c])
      .map((r) => {
        const l = r.latency[c]!;
        // The rounds' range only for p50: a round's p95/p99 rest on a few dozen queries and say little.
        return [r.name, withSpread(l.p50), num(l.p95.median), num(l.p99.median), base ? ratio(l.p50.median, base.p50.median) : '–'];
      }),
  );
}

export function qualityTable(rows: readonly CompareRow[]): string {
  return table(
    ['system', 'MRR@10', 'Recall@10', 'queries'],
    rows.filter((r) => r.quality).map((r) => [r.name, r.quality!.mrr10.toFixed(3), r.quality!.recall10.toFixed(3), String(r.quality!.queries)]),
  );
}

export interface Target {
  what: string;
  ours: string;
  reference: string;
  ratio: string;
  bound: string;
  ok: boolean | null;
}

/** The targets, each as ours against its reference, with ok or gap. */
export function targets(rows: readonly CompareRow[]): Target[] {
  const ours = rows.find((r) => r.id === OURS_ID);
  const base = baselineOf(rows);
  if (!ours || !base) return [];
  const out: Target[] = [];
  const vs = (what: string, o: number, b: number, bound: number, atMost: boolean, unit: string) => {
    const r = o / b;
    out.push({
      what,
      ours: `${num(o)} ${unit}`,
      reference: `${num(b)} ${unit}`,
      ratio: `×${num(r)}`,
      bound: `${atMost ? '≤' : '≥'} ×${bound}`,
      ok: Number.isFinite(r) ? (atMost ? r <= bound : r >= bound) : null,
    });
  };
  for (const c of QUERY_CLASSES) {
    const o = ours.latency[c]?.p50.median;
    const b = base.latency[c]?.p50.median;
    if (o !== undefined && b !== undefined) vs(`query p50, ${QUERY_CLASS_LABELS[c]}`, o, b, 1.5, true, 'ms');
  }
  vs('load time (fresh process)', ours.loadMs.median, base.loadMs.median, 1.3, true, 'ms');
  vs('index gzip size', mb(ours.gzipBytes), mb(base.gzipBytes), 1.3, true, 'MB');
  vs('build throughput', ours.throughput.median, base.throughput.median, 0.5, false, 'paragraphs/s');
  const others = rows.filter((r) => ['orama', 'flexsearch', 'lunr'].includes(r.id) && r.quality);
  if (ours.quality && others.length) {
    const best = others.reduce((a, b) => (b.quality!.mrr10 > a.quality!.mrr10 ? b : a));
    out.push({
      what: 'MRR@10 ahead of Orama, FlexSearch, Lunr',
      ours: ours.quality.mrr10.toFixed(3),
      reference: `${best.quality!.mrr10.toFixed(3)} (${best.name}, the best of them)`,
      ratio: `${ours.quality.mrr10 - best.quality!.mrr10 >= 0 ? '+' : '−'}${Math.abs(ours.quality.mrr10 - best.quality!.mrr10).toFixed(3)}`,
      bound: '> 0',
      ok: ours.quality.mrr10 > best.quality!.mrr10,
    });
  }
  return out;
}

export function targetsTable(list: readonly Target[]): string {
  return table(
    ['target', 'this project', 'reference (MiniSearch default)', 'ratio', 'bound', 'status'],
    list.map((t) => [t.what, t.ours, t.reference, t.ratio, t.bound, t.ok === null ? '–' : t.ok ? 'ok' : '**gap**']),
  );
}

export function breakdownTable(breakdown: Record<string, number>): string {
  return table(
    ['part of the index', 'MB'],
    Object.entries(breakdown).map(([k, v]) => [k, num(v)]),
  );
}

/** A figure of the Worker probe for a table cell. */
function probeCell(p: ScalePoint, figure: (r: MemoryProbeResult) => number | undefined): string {
  return p.probe?.outOfMemory ? 'out of heap' : num(p.probe ? (figure(p.probe) ?? NaN) : NaN);
}

/** Our index's parts at every size of the scale series, side by side, with the Worker probe's figures below. */
export function breakdownBySizeTable(points: readonly ScalePoint[]): string {
  const ours = points.filter((p) => p.id === OURS_ID && p.load.breakdown).sort((a, b) => a.size - b.size);
  if (ours.length === 0) return '';
  // Row labels carry per-size counts (terms) in brackets: match rows by the label before them.
  const label = (k: string) => k.replace(/ \(.*\)/, '');
  const keys = [...new Set(ours.flatMap((p) => Object.keys(p.load.breakdown!).map(label)))];
  const value = (p: ScalePoint, key: string) => Object.entries(p.load.breakdown!).find(([k]) => label(k) === key)?.[1] ?? NaN;
  const terms = (p: ScalePoint) => /\((\d+) terms/.exec(Object.keys(p.load.breakdown!).join(' '))?.[1];
  return table(
    ['MB at paragraphs', ...ours.map((p) => p.size.toLocaleString('en-US'))],
    [
      ...keys.map((k) => [k, ...ours.map((p) => num(value(p, k)))]),
      ['live after open and one query (heap + buffers)', ...ours.map((p) => num(p.load.liveMb))],
      ['Worker probe peak (open and queries)', ...ours.map((p) => probeCell(p, (r) => r.peakMb))],
      ['Worker probe, live after the soak (memos and caches full)', ...ours.map((p) => probeCell(p, (r) => r.afterSoakMb))],
      ['Worker probe, KiB read per query (p50)', ...ours.map((p) => probeCell(p, (r) => r.readKbP50))],
      ['terms', ...ours.map((p) => Number(terms(p) ?? NaN).toLocaleString('en-US'))],
    ],
  );
}

export function scaleTable(points: readonly ScalePoint[]): string {
  return table(
    ['paragraphs', 'system', 'build s', 'paragraphs/s', 'raw MB', 'gzip MB', 'load ms', 'live MB', 'p50 ms words', 'p50 ms questions', 'p50 ms prefix', 'Worker probe peak MB'],
    points.map((p) => [
      p.size.toLocaleString('en-US'),
      p.name,
      num(p.build.buildMs / 1000),
      num((p.build.paragraphs / p.build.buildMs) * 1000),
      num(mb(p.build.rawBytes ?? NaN)),
      num(mb(p.build.gzipBytes ?? NaN)),
      num(p.load.loadMs),
      num(p.load.liveMb),
      num(p.latency.short?.p50 ?? NaN),
      num(p.latency.questions?.p50 ?? NaN),
      num(p.latency.prefix?.p50 ?? NaN),
      p.probe ? (p.probe.outOfMemory ? 'out of heap' : num(p.probe.peakMb ?? NaN)) : '',
    ]),
  );
}

/** Peak memory a Worker isolate may use for the index, leaving the rest of its 128 MB to requests (check:edge's budget). */
export const WORKER_BUDGET_MB = EDGE_BUDGETS.peakMemoryMb;
export { ISOLATE_MB };

export interface WorkerFit {
  /** Largest measured size whose probe peak is within the budget. */
  largestMeasured: number | null;
  /** Linear interpolation of the probe peak between the last size that fits and the first that does not. */
  estimated: number | null;
  point: ScalePoint | null;
}

export function workerFit(points: readonly ScalePoint[]): WorkerFit {
  const ours = points.filter((p) => p.id === OURS_ID && p.probe).sort((a, b) => a.size - b.size);
  const fits = (p: ScalePoint) => !p.probe!.outOfMemory && steadyPeakMb(p.probe!) <= WORKER_BUDGET_MB;
  const lastFit = [...ours].reverse().find(fits) ?? null;
  const firstMiss = ours.find((p) => !fits(p) && (!lastFit || p.size > lastFit.size)) ?? null;
  let estimated: number | null = null;
  if (lastFit && firstMiss && !firstMiss.probe!.outOfMemory) {
    const [x0, y0, x1, y1] = [lastFit.size, steadyPeakMb(lastFit.probe!), firstMiss.size, steadyPeakMb(firstMiss.probe!)];
    estimated = Math.floor((x0 + ((WORKER_BUDGET_MB - y0) / (y1 - y0)) * (x1 - x0)) / 1000) * 1000;
  }
  return { largestMeasured: lastFit?.size ?? null, estimated, point: lastFit };
}

const COLORS: Record<string, string> = {
  ours: '#1f77b4',
  minisearch: '#ff7f0e',
  snowball: '#2ca02c',
  orama: '#9467bd',
  flexsearch: '#8c564b',
  lunr: '#e377c2',
};

/** The scale chart's two panels: p50 latency per class, and index size plus our Worker probe peak, against corpus size. */
export function scalePanels(points: readonly ScalePoint[]): Panel[] {
  const ids = [...new Set(points.map((p) => p.id))].filter((id) => id === OURS_ID || id === BASELINE_ID);
  const name = (id: string) => points.find((p) => p.id === id)!.name;
  const of = (id: string) => points.filter((p) => p.id === id).sort((a, b) => a.size - b.size);
  const latency: Series[] = ids.flatMap((id) =>
    (['questions', 'short'] as const).map((c) => ({
      name: `${name(id)}: ${QUERY_CLASS_LABELS[c]}`,
      color: COLORS[id] ?? '#333',
      dashed: c === 'short',
      points: of(id).map((p) => [p.size, p.latency[c]?.p50 ?? NaN] as const),
    })),
  );
  const size: Series[] = ids.map((id) => ({
    name: `${name(id)}: index raw MB`,
    color: COLORS[id] ?? '#333',
    points: of(id).map((p) => [p.size, mb(p.build.rawBytes ?? NaN)] as const),
  }));
  size.push({
    name: `${name(OURS_ID)}: Worker probe peak MB`,
    color: '#d62728',
    dashed: true,
    points: of(OURS_ID).filter((p) => p.probe && !p.probe.outOfMemory).map((p) => [p.size, p.probe!.peakMb ?? NaN] as const),
  });
  return [
    { title: 'Query latency p50 (ms)', xLabel: 'paragraphs (log)', yLabel: 'ms (log)', series: latency },
    { title: 'Index size and memory (MB)', xLabel: 'paragraphs (log)', yLabel: 'MB (log)', series: size, rules: [{ y: ISOLATE_MB, label: 'isolate 128 MB' }] },
  ];
}
