/**
 * One measurement in a fresh process: `node --import tsx --expose-gc
 * tools/bench/child.ts TASK.json` prints one JSON line with the result.
 * A fresh process per build and per load means no system pays for another's
 * heap or garbage, and a load is cold (nothing cached, nothing JIT-warmed).
 */
import { readFile } from 'node:fs/promises';
import { evaluate } from '../eval/metrics';
import type { ComparedSystem } from '../systems/system';
import { readCorpusDir } from '../shared-corpora';
import { countParagraphs, sampleCorpus } from './corpus-sample';
import type { BenchQueries, QueryClass } from './queries';
import { latencyPercentiles, type Percentiles } from './stats';
import { createSystem } from '../systems';
import { OURS_ID, type OursSystem } from '../systems/ours';
import { pathSizes } from '../index-files';
import type { IndexReader } from '../../src/index/index-reader';
import { SEGMENT_FILES } from '../../src/index/segment/schema';

export interface BuildTask {
  kind: 'build';
  system: string;
  corpus: string;
  /** Paragraphs (see sampleCorpus); null: the whole corpus as read. */
  size: number | null;
  seed: number;
  /** Where to save the index (a file, or ours' index folder); without it only the build is timed. */
  out?: string;
}

export interface BuildResult {
  paragraphs: number;
  chars: number;
  buildMs: number;
  serializeMs?: number;
  rawBytes?: number;
  gzipBytes?: number;
  /** Highest resident set size of the building process. */
  peakRssMb: number;
}

export interface LoadTask {
  kind: 'load';
  system: string;
  /** What the build saved: a file, or ours' index folder. */
  file: string;
  /** Asked once after the load: the first answer's time (JIT cold). */
  query: string;
}

export interface LoadResult {
  /** Reading the file and turning it into a searchable index (ours: opening the folder, which reads its root). */
  loadMs: number;
  firstQueryMs: number;
  /** Live memory the loaded index holds (JS heap plus array buffers above the process before loading, after a full GC). */
  liveMb: number;
  heapMb: number;
  arrayBuffersMb: number;
  /** Resident set size after the load (the whole process: Node, tsx, the library, the index). */
  rssMb: number;
  /** Highest resident set size of the process (the load's transient allocations included). */
  peakRssMb: number;
  /** The same process before loading: what Node, tsx and the library cost alone. */
  baselineRssMb: number;
  /** This project only: what its index is made of (folder bytes per logical file, heap), in MB. */
  breakdown?: Record<string, number>;
}

export interface LatencyTask {
  kind: 'latency';
  systems: Array<{ id: string; file: string }>;
  queries: Omit<BenchQueries, 'description'>;
  rounds: number;
  /** How many of each class's warm-up queries (`queries.warmup`, none of them timed) every runner asks before measuring. */
  warmup: number;
  /** Print a line per round, class and system on stderr. */
  progress?: boolean;
}

export interface LatencyRow {
  id: string;
  name: string;
  /** Per class, one set of percentiles per round (ms). */
  rounds: Partial<Record<QueryClass, Percentiles[]>>;
  /** Per class, the percentiles of every query of every round together (ms). */
  pooled: Partial<Record<QueryClass, Percentiles>>;
  quality?: { mrr10: number; recall10: number; queries: number };
}

export type ChildTask = BuildTask | LoadTask | LatencyTask;

const MB = 1e6;
/** Results per query: a results page, and what MRR@10 and Recall@10 judge. */
const LIMIT = 10;
const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const peakRssMb = () => round1((process.resourceUsage().maxRSS * 1024) / MB);

async function runBuild(task: BuildTask): Promise<BuildResult> {
  const real = await readCorpusDir(task.corpus);
  const articles = task.size === null ? real : sampleCorpus(real, task.size, task.seed);
  const system = createSystem(task.system);
  gc();
  const started = performance.now();
  await system.build(articles);
  const buildMs = performance.now() - started;
  const result: BuildResult = {
    paragraphs: countParagraphs(articles),
    chars: articles.reduce((n, a) => n + a.paragraphs.reduce((m, p) => m + p.length, 0), 0),
    buildMs: round1(buildMs),
    peakRssMb: peakRssMb(),
  };
  if (task.out) {
    const saveStarted = performance.now();
    await system.save(task.out);
    result.serializeMs = round1(performance.now() - saveStarted);
    const sizes = await pathSizes(task.out);
    result.rawBytes = sizes.raw;
    result.gzipBytes = sizes.gzip;
    result.peakRssMb = peakRssMb();
  }
  return result;
}

async function runLoad(task: LoadTask): Promise<LoadResult> {
  const system = createSystem(task.system);
  gc();
  const before = process.memoryUsage();
  const started = performance.now();
  await system.open(task.file);
  const loadMs = performance.now() - started;
  const queryStarted = performance.now();
  await system.search(task.query, 10);
  const firstQueryMs = performance.now() - queryStarted;
  gc();
  const after = process.memoryUsage();
  const heap = after.heapUsed - before.heapUsed;
  const buffers = after.arrayBuffers - before.arrayBuffers;
  const result: LoadResult = {
    loadMs: round1(loadMs),
    firstQueryMs: round1(firstQueryMs),
    liveMb: round1((heap + buffers) / MB),
    heapMb: round1(heap / MB),
    arrayBuffersMb: round1(buffers / MB),
    rssMb: round1(after.rss / MB),
    peakRssMb: peakRssMb(),
    baselineRssMb: round1(before.rss / MB),
  };
  if (task.system === OURS_ID) result.breakdown = oursBreakdown((system as OursSystem).index!, heap);
  return result;
}

/**
 * What our index is made of: the bytes of each logical file of its folder
 * (summed over segments), the root (the one file read on open), and the JS
 * heap the open index holds after the first query (root, segment readers,
 * analyzers, and whatever the reader's caches kept of that query's reads).
 * Nothing else of the folder is in memory until a query reads it.
 */
function oursBreakdown(index: IndexReader, heapBytes: number): Record<string, number> {
  const metas = index.root.segments.map((s) => s.meta);
  const file = Object.fromEntries(SEGMENT_FILES.map((f) => [f, metas.reduce((n, m) => n + m.files[f], 0)]));
  const terms = metas.reduce((n, m) => n + m.counts.terms, 0);
  const mb = (n: number) => round3(n / MB);
  const parts: Record<string, number> = {};
  for (const f of SEGMENT_FILES) parts[f === 'terms' ? `dictionary, terms file (${terms} terms)` : (FILE_LABELS[f] ?? `${f} file`)] = mb(file[f]!);
  parts['root (read on open)'] = mb(index.rootBytes);
  parts['JS heap after open and one query'] = mb(heapBytes);
  return parts;
}

/** What each logical file of a segment holds, for the breakdown's row labels (a file not listed is shown by its name). */
const FILE_LABELS: Partial<Record<string, string>> = {
  postings: 'postings file',
  positions: 'positions file',
  docs: 'stored paragraphs, docs file (compressed blocks)',
  docindex: 'stored-block index, docindex file',
  articles: 'article boundaries, articles file',
  facets: 'facet columns, facets file',
};

async function runLatency(task: LatencyTask): Promise<LatencyRow[]> {
  const loaded: Array<{ id: string; system: ComparedSystem }> = [];
  for (const { id, file } of task.systems) {
    const system = createSystem(id);
    await system.open(file);
    loaded.push({ id, system });
  }
  // A library answers synchronously; ours with a promise, awaited inside the timed span.
  type Runner = { id: string; name: string; ask: Record<QueryClass, (q: string) => unknown> };
  const runners: Runner[] = [];
  for (const { id, system } of loaded) {
    const file = task.systems.find((t) => t.id === id)!.file;
    runners.push({
      id,
      name: system.name,
      ask: { short: (q) => system.search(q, LIMIT), questions: (q) => system.search(q, LIMIT), prefix: (q) => system.prefix(q, LIMIT) },
    });
    if (id === OURS_ID) {
      // What the API serves: the same ranking plus highlights and snippets. An index of its own: on the ranking's
      // instance it would answer from the caches the ranking's turn had filled with the same queries, or fill them
      // for it, depending on which of the two a round takes first.
      const withSnippets = createSystem(OURS_ID) as OursSystem;
      await withSnippets.open(file);
      runners.push({
        id: `${OURS_ID}+snippets`,
        name: 'this project, search() with snippets',
        ask: { short: (q) => withSnippets.searchWithSnippets(q, LIMIT), questions: (q) => withSnippets.searchWithSnippets(q, LIMIT), prefix: () => 0 },
      });
      // The same index with every file read into memory first: the engine without storage reads.
      const inMemory = createSystem(OURS_ID) as OursSystem;
      await inMemory.openInMemory(file);
      runners.push({
        id: `${OURS_ID}+memory`,
        name: 'this project, index read into memory',
        ask: { short: (q) => inMemory.search(q, LIMIT), questions: (q) => inMemory.search(q, LIMIT), prefix: (q) => inMemory.prefix(q, LIMIT) },
      });
    }
  }
  const texts: Record<QueryClass, string[]> = {
    short: task.queries.short,
    questions: task.queries.questions.map((q) => q.query),
    prefix: task.queries.prefix,
  };
  const classes = (Object.keys(texts) as QueryClass[]).filter((c) => texts[c].length > 0);

  // Warm-up: queries of each class that are not timed, so every timed query is still asked for the first time.
  for (const r of runners) for (const c of classes) for (const q of task.queries.warmup[c].slice(0, task.warmup)) await r.ask[c](q);

  const rows: LatencyRow[] = runners.map((r) => ({ id: r.id, name: r.name, rounds: {}, pooled: {} }));
  const times = runners.map(() => new Map<QueryClass, number[]>());
  const answers = runners.map(() => new Map<number, string[]>());
  // Round r asks every rounds-th query starting at r: each query once per system (the slow systems
  // take seconds per class), the rounds still measured apart, at different moments of the run.
  for (let round = 0; round < task.rounds; round++) {
    for (const c of classes) {
      // Interleaved: every round takes the systems in another order, so no system always runs first (or last) after the others' garbage.
      for (let k = 0; k < runners.length; k++) {
        const i = (k + round) % runners.length;
        const runner = runners[i]!;
        if (c === 'prefix' && runner.id.endsWith('+snippets')) continue;
        gc();
        const roundTimes: number[] = [];
        for (let j = round; j < texts[c].length; j += task.rounds) {
          const started = performance.now();
          let answer = runner.ask[c](texts[c][j]!);
          if (answer instanceof Promise) answer = await answer;
          roundTimes.push(performance.now() - started);
          if (c === 'questions') answers[i]!.set(j, answer as string[]);
        }
        if (task.progress) {
          const seconds = roundTimes.reduce((a, b) => a + b, 0) / 1000;
          console.error(`         latency round ${round + 1}, ${c}, ${runner.id}: ${roundTimes.length} queries in ${seconds.toFixed(1)} s`);
        }
        const p = latencyPercentiles(roundTimes);
        (rows[i]!.rounds[c] ??= []).push({ p50: round3(p.p50), p95: round3(p.p95), p99: round3(p.p99) });
        times[i]!.set(c, [...(times[i]!.get(c) ?? []), ...roundTimes]);
      }
    }
  }
  runners.forEach((runner, i) => {
    for (const [c, list] of times[i]!) {
      const p = latencyPercentiles(list);
      rows[i]!.pooled[c] = { p50: round3(p.p50), p95: round3(p.p95), p99: round3(p.p99) };
    }
    // Quality: the top 10 of every judged query, as answered during the rounds (ranking is deterministic);
    // the variants of ours (snippets, in memory) rank the same.
    if (runner.id !== OURS_ID && runner.id.includes('+')) return;
    if (answers[i]!.size === 0) return;
    const m = evaluate(task.queries.questions.map((q, j) => ({ ranked: answers[i]!.get(j) ?? [], relevant: new Set(q.relevant) })));
    rows[i]!.quality = { mrr10: round3(m.mrr10), recall10: round3(m.recall10), queries: answers[i]!.size };
  });

  return rows;
}

async function main(): Promise<void> {
  const task = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as ChildTask;
  const result = task.kind === 'build' ? await runBuild(task) : task.kind === 'load' ? await runLoad(task) : await runLatency(task);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
