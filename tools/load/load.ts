import autocannon from 'autocannon';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Random } from '../random';
import { buildCommand } from '../../src/cli/build';
import { readIsolateHeap } from './isolate-heap';
import { rssMb, startLocalWorker, type LocalWorker } from '../local-worker';
import { runMain } from '../../src/cli/main';
import { buildCorporaIndex, readCorporaQueries } from '../shared-corpora';
import { ROOT } from '../../src/cli/paths';

const USAGE = `usage: npm run load -- [--duration S] [--connections C] [--warmup S] [--corpora DIR] [--queries DIR] [--write]

Drives the Worker (wrangler dev, workerd, 127.0.0.1) with real queries as a
reader types them: /api/search for each query (grouped, as the page asks) and
/api/suggest for its typed prefixes. Queries come from --queries DIR
(*.queries.jsonl; default ../shared/corpora, else the demo queries). By
default the Worker serves the demo index; --corpora DIR builds and serves an
index over all *.docs.jsonl in DIR. The answer cache is off (every request
is searched). Reports throughput, latency p50/p99,
errors (any answer other than 2xx/304, and socket errors) and the resident
memory (RSS) of the workerd process before and after; exit code 1 on any
error. --write puts the figures into docs/BENCHMARKS.md (between its load
markers).`;

const DEMO_QUERIES = ['Militärhilfe', 'Aussenminister Brussel', 'Hilfe Ukraine', 'NATO -Russland', '"jeden Dollar"', 'Blinkn', 'Mark Rutte Brüssel', 'Verteidigung der Ukraine'];
const SHARED = resolve(ROOT, '../shared/corpora');
const BENCHMARKS = join(ROOT, 'docs/BENCHMARKS.md');
const START = '<!-- load:start -->';
const END = '<!-- load:end -->';

export interface LoadRun {
  label: string;
  paragraphs: number | null;
  requests: number;
  paths: number;
  durationS: number;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  errorDetail: string;
  rssBeforeMb: number | null;
  rssAfterMb: number | null;
  rssPeakMb: number | null;
  /** The Worker isolate's JS heap after garbage collection (inspector), before and after the run. */
  heapBeforeMb: number | null;
  heapAfterMb: number | null;
}

export async function loadTestCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '20' },
      connections: { type: 'string', default: '8' },
      warmup: { type: 'string', default: '3' },
      corpora: { type: 'string' },
      queries: { type: 'string' },
      write: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const number = (v: string, name: string, min: number, max: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number in ${min}…${max}.\n${USAGE}`);
    return n;
  };
  const duration = number(values.duration, 'duration', 1, 600);
  const connections = number(values.connections, 'connections', 1, 256);
  const warmup = number(values.warmup, 'warmup', 0, 120);
  const queryDir = values.queries ? resolve(values.queries) : existsSync(SHARED) ? SHARED : null;
  const queries = queryDir ? await readQueries(queryDir) : DEMO_QUERIES;
  const paths = requestMix(queries);
  console.error(`${queries.length} queries from ${queryDir ?? 'the demo set'} → ${paths.length} request paths (search + typed prefixes)`);

  if ((await buildCommand()) !== 0) return 1;
  const work = await mkdtemp(join(tmpdir(), 'load-test-'));
  let worker: LocalWorker | null = null;
  try {
    let indexDir: string | undefined;
    let label = 'demo (`corpus/`)';
    if (values.corpora) {
      indexDir = await buildCorporaIndex(resolve(values.corpora), work);
      label = `\`${values.corpora}\` (all docs)`;
    }
    console.error('starting the Worker (wrangler dev) …');
    // The answer cache off: the list comes round again within a run, and a run measures searching under load.
    worker = await startLocalWorker({ indexDir, logFile: join(ROOT, 'build/load-wrangler.log'), vars: { ANSWER_CACHE_SECONDS: '0' } });
    const health = (await (await fetch(`${worker.baseUrl}/api/health`)).json()) as { index: { paragraphs: number } };
    const pid = worker.workerdPid();
    if (pid === null) console.error('(workerd process not found: no memory figures)');

    if (warmup > 0) {
      console.error(`warming up for ${warmup} s …`);
      await drive(worker.baseUrl, paths, warmup, connections);
    }
    const heapBeforeMb = (await readIsolateHeap(worker.inspectorPort))?.usedMb ?? null;
    const rssBeforeMb = pid === null ? null : rssMb(pid);
    let rssPeakMb = rssBeforeMb;
    const samples: number[] = [];
    const sampler = setInterval(() => {
      const now = pid === null ? null : rssMb(pid);
      if (now !== null) rssPeakMb = Math.max(rssPeakMb ?? 0, now);
      if (now !== null) samples.push(now);
    }, 250);
    console.error(`load: ${duration} s, ${connections} connections …`);
    let result: autocannon.Result;
    try {
      result = await drive(worker.baseUrl, paths, duration, connections);
    } finally {
      clearInterval(sampler);
    }
    const rssAfterMb = pid === null ? null : rssMb(pid);
    if (rssAfterMb !== null) rssPeakMb = Math.max(rssPeakMb ?? 0, rssAfterMb);
    const heapAfterMb = (await readIsolateHeap(worker.inspectorPort))?.usedMb ?? null;
    // RSS over the run, in tenths: growth that levels off is warm-up, growth to the end is a leak.
    if (samples.length >= 10) console.error(`workerd RSS over the run (MB): ${Array.from({ length: 10 }, (_, i) => samples[Math.floor(((i + 1) * samples.length) / 10) - 1]!.toFixed(0)).join(' ')}`);

    const codes = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => !/^2\d\d$|^304$/.test(code));
    const badAnswers = codes.reduce((n, [, s]) => n + (s.count ?? 0), 0);
    const errors = badAnswers + result.errors;
    const run: LoadRun = {
      label,
      paragraphs: health.index.paragraphs,
      requests: result.requests.total,
      paths: paths.length,
      durationS: result.duration,
      connections,
      rps: result.requests.total / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      errors,
      errorDetail: [...codes.map(([code, s]) => `${s.count} × ${code}`), result.errors ? `${result.errors} socket errors (${result.timeouts} timeouts)` : ''].filter(Boolean).join(', '),
      rssBeforeMb,
      rssAfterMb,
      rssPeakMb,
      heapBeforeMb,
      heapAfterMb,
    };
    console.log(table([run]));
    if (values.write) {
      const command = `npm run load -- --duration ${duration} --connections ${connections}${values.corpora ? ` --corpora ${values.corpora}` : ''}`;
      await writeBenchmarks(run, command);
      console.error(`figures written to ${BENCHMARKS}`);
    }
    if (errors) console.error(`FAILED: ${errors} errors (${run.errorDetail})`);
    return errors ? 1 : 0;
  } finally {
    await worker?.stop();
    await rm(work, { recursive: true, force: true });
  }
}

/** Requests from all connections walk one shared, shuffled list, so the mix holds for any run length. */
function drive(baseUrl: string, paths: readonly string[], duration: number, connections: number): Promise<autocannon.Result> {
  let next = 0;
  return Promise.resolve(autocannon({
    url: baseUrl,
    connections,
    duration,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]!, headers: { accept: 'application/json' } }),
      },
    ],
  }));
}

/** Each query as searched (grouped, like the page), and up to three of its prefixes as typed, for suggestions. */
export function requestMix(queries: readonly string[]): string[] {
  const mix: string[] = [];
  for (const query of queries) {
    mix.push(`/api/search?q=${encodeURIComponent(query)}&group=true`);
    const words = query.split(/\s+/).filter(Boolean);
    for (const at of [...new Set([0, Math.floor(words.length / 2), words.length - 1])]) {
      const word = words[at];
      if (!word || word.length < 3) continue;
      const prefix = [...words.slice(0, at), word.slice(0, Math.max(2, Math.ceil(word.length / 2)))].join(' ');
      mix.push(`/api/suggest?q=${encodeURIComponent(prefix)}&limit=8`);
    }
  }
  // A fixed shuffle (so runs are comparable), so neighbouring requests are not all about one query.
  return new Random(12345).shuffled(mix);
}

/** The queries of every *.queries.jsonl in `dir`, cut to the API's 500 characters. */
async function readQueries(dir: string): Promise<string[]> {
  const queries = (await readCorporaQueries(dir)).map((q) => (q.length > 500 ? q.slice(0, 500).replace(/\s+\S*$/, '') : q));
  if (queries.length === 0) throw new Error(`No *.queries.jsonl with queries in ${dir}.`);
  return queries;
}

function table(runs: LoadRun[]): string {
  const mb = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(0)} MB`);
  const lines = [
    '| index | requests | throughput | latency p50 / p99 / max | errors | isolate heap before → after | workerd RSS before → after (peak) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of runs) {
    lines.push(
      `| ${r.label}${r.paragraphs !== null ? `, ${r.paragraphs.toLocaleString('en')} paragraphs` : ''} | ${r.requests.toLocaleString('en')} in ${r.durationS.toFixed(0)} s | ${r.rps.toFixed(0)} req/s | ${r.p50} / ${r.p99} / ${r.max} ms | ${r.errors}${r.errorDetail ? ` (${r.errorDetail})` : ''} | ${mb(r.heapBeforeMb)} → ${mb(r.heapAfterMb)} | ${mb(r.rssBeforeMb)} → ${mb(r.rssAfterMb)} (${mb(r.rssPeakMb)}) |`,
    );
  }
  return lines.join('\n');
}

/**
 * Replaces this run's row in the load section of docs/BENCHMARKS.md, between
 * the markers, and nothing outside them (the rest of the file is another
 * tool's). Creates the file or the markers when missing.
 */
async function writeBenchmarks(run: LoadRun, command: string): Promise<void> {
  let text = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : '# Benchmarks\n';
  if (!text.includes(START) || !text.includes(END)) text = `${text.replace(/\n*$/, '\n\n')}${START}\n${END}\n`;
  const start = text.indexOf(START) + START.length;
  const end = text.indexOf(END);
  // One row per index, keyed by its first cell: a new run replaces its index's row and keeps the others.
  const rows = new Map<string, string>();
  for (const line of text.slice(start, end).split('\n')) {
    const first = /^\| ([^|]+?) \|/.exec(line)?.[1];
    if (first && first !== 'index' && !line.startsWith('|---')) rows.set(first, line);
  }
  const date = new Date().toISOString().slice(0, 10);
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const machine = `${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.versions.node}, Linux`;
  const row = table([run]).split('\n')[2]!;
  rows.set(/^\| ([^|]+?) \|/.exec(row)![1]!, `${row} \`${command}\` | ${date} |`);
  const section = [
    '',
    '## Load (`npm run load`)',
    '',
    'The Worker under `wrangler dev` (workerd from wrangler 4.86, on 127.0.0.1) driven by',
    '[autocannon](https://github.com/mcollina/autocannon) with the query mix of a reader typing:',
    '`/api/search?group=true` for each query of `../shared/corpora/*.queries.jsonl` and',
    '`/api/suggest` for up to three of its typed prefixes, shuffled, after a 3 s warm-up.',
    'Errors are answers other than 2xx/304 plus socket errors (target: 0; the command fails otherwise).',
    'Memory: the Worker isolate\'s own JS heap, read through wrangler dev\'s inspector',
    '(`Runtime.getHeapUsage`), after the warm-up and after the run — what the 128 MB limit is about; and the',
    'resident set (RSS, `/proc/<pid>/status`) of the whole workerd process that runs the Worker (runtime and',
    'isolate together; wrangler\'s second workerd, its proxy, is not counted). RSS grows under load whatever the',
    'Worker does: under plain Miniflare, 28 s of autocannon (8 connections) on a Worker that only answers `ok`',
    'took workerd from 57 to 435 MB, and on ours (`/api/health`) from 74 to 436 MB; the isolate heap shows',
    'whether our code holds on to anything. It is read without forcing a collection (see tools/load/isolate-heap.ts),',
    'so it includes garbage; it also grows while the per-word memos (src/analysis/term-cache.ts) and the index',
    'reader\'s caches (src/worker/index-loader.ts, WORKER_BUDGET) fill to their bounds, after which',
    '`npm run check:edge` shows it flat: its soak of every query of the sets is measured in Node with forced collections.',
    `Machine: ${machine}; other jobs shared it, so throughput is a lower bound.`,
    '',
    '| index | requests | throughput | latency p50 / p99 / max | errors | isolate heap before → after | workerd RSS before → after (peak) | command | date |',
    '|---|---:|---:|---:|---:|---:|---:|---|---|',
    ...rows.values(),
    '',
  ].join('\n');
  await writeFile(BENCHMARKS, text.slice(0, start) + section + text.slice(end));
}

runMain(import.meta.url, loadTestCommand);
