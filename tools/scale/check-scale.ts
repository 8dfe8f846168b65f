import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCommand } from '../../src/cli/build';
import { buildIndexCommand } from '../../src/cli/build-index';
import { runMain } from '../../src/cli/main';
import { openIndexDir } from '../../src/cli/open-index-dir';
import { ROOT } from '../../src/cli/paths';
import { search } from '../../src/search';
import { bundleWorker } from '../edge/bundle';
import { runMemoryProbe, type MemoryProbeResult } from '../edge/run-memory-probe';
import { readQuerySets } from '../shared-corpora';
import { assetFetchCost } from './asset-fetch-cost';
import { ASSET_LIMITS, SCALE_BUDGETS as BUDGETS } from './budgets';
import { rechunkIndex } from './rechunk';
import { prepareBackend, startWorkerd, type Backend } from './workerd-index';

const USAGE = `usage: npm run check:scale -- (--index NAME=DIR | --corpus NAME=DIR)… [options]
  Runs the Worker in workerd (Miniflare) over each index, once from static assets and once from
  local R2 behind the Cache API, and prints root size, cold start, isolate memory, warm server time,
  bytes and waves per query, and whether every evaluation query gets the same top 10 from local
  files, static assets and R2 — against the budgets of tools/scale/budgets.ts.
  --index NAME=DIR     an index folder (build:index --out DIR)
  --corpus NAME=DIR    a corpus folder, indexed first (into a temporary folder)
  --queries DIR        query sets (*.queries.jsonl; default ../shared/corpora): every query is asked
  --backends LIST      assets,r2 (default both)
  --cold N             fresh isolates per backend for the cold start (default 3; the median is shown)
  --repeat N           queries asked again in the warm isolate (searched: their URL differs), then a third time
                       with their first URL (the answer cache has them; default 1000)
  --trial N            queries of the Cache API trial (R2: one isolate answers half, a fresh one the other half; default 2000)
  --no-probe           skip the Node memory probe (128 MB heap, collected: what stays live)
  --chunk-sizes LIST   instead: the static-asset chunk-size trade-off of the first index, e.g. 16,32,64,128,256,1024 (KiB)
  --chunk-queries N    queries per chunk size (default 1000, spread over the sets)
  --fetch-cost KiB     instead: what Miniflare's asset server charges a Worker per whole-file fetch of KiB,
                       a wave's fetches at once and one after another (no index needed)`;

interface Spec {
  name: string;
  dir: string;
}

interface QueryRun {
  status: number;
  top: string;
  serverMs: number;
  /** Of which waiting for storage (Server-Timing `io`'s duration). */
  waitMs: number;
  wallMs: number;
  /** Answered from the answer cache (Server-Timing `cache;desc="hit"`). */
  cached: boolean;
  reads: number;
  bytes: number;
  waves: number;
}

interface BackendRow {
  backend: Backend;
  coldMs: number[];
  /** Of which opening the index (pointer and root). */
  openMs: number[];
  queries: number;
  refused: number;
  failed: number;
  sameTop10: number;
  compared: number;
  firstMismatch: string | null;
  serverP50: number;
  serverP95: number;
  /** Waiting for storage, and the rest (the engine's own work), per query. */
  waitP50: number;
  waitP95: number;
  engineP50: number;
  engineP95: number;
  wallP50: number;
  repeatP50: number;
  repeatP95: number;
  /** The first queries asked a third time with their first URL: how many the answer cache had, and the time seen from Node. */
  answerCache: { asked: number; hits: number; wallP50: number; wallP95: number };
  bytesP50: number;
  bytesP95: number;
  wavesP95: number;
  heapAfterFirstMb: number | null;
  heapPeakMb: number | null;
  heapAfterSoakMb: number | null;
  health: Health | null;
  probe: MemoryProbeResult | null;
  /** R2: a fresh isolate answering other queries than the one before it in the same data centre (Cache API kept). */
  nextIsolate: { hits: number; misses: number; hitBytes: number; missBytes: number; serverP50: number; serverP95: number } | null;
}

interface Health {
  index: { rootBytes: number; paragraphs: number; segments: number };
  isolate: { cache: Record<string, number>; versions: { edgeCache: { hits: number; misses: number; hitBytes: number; missBytes: number } | null } | null };
}

interface IndexRow {
  name: string;
  paragraphs: number;
  segments: number;
  rootBytes: number;
  files: number;
  largest: number;
  total: number;
  localBytesP50: number;
  localWavesP95: number;
  backends: BackendRow[];
}

export async function checkScaleCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      index: { type: 'string', multiple: true, default: [] },
      corpus: { type: 'string', multiple: true, default: [] },
      queries: { type: 'string', default: join(ROOT, '../shared/corpora') },
      backends: { type: 'string', default: 'assets,r2' },
      cold: { type: 'string', default: '3' },
      repeat: { type: 'string', default: '1000' },
      trial: { type: 'string', default: '2000' },
      'no-probe': { type: 'boolean', default: false },
      'chunk-sizes': { type: 'string' },
      'chunk-queries': { type: 'string', default: '1000' },
      'fetch-cost': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || (values.index.length === 0 && values.corpus.length === 0 && values['fetch-cost'] === undefined)) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (values['fetch-cost'] !== undefined) {
    const kib = Number(values['fetch-cost']);
    if (!(Number.isInteger(kib) && kib > 0 && kib <= 25 * 1024)) {
      console.error(`--fetch-cost takes a file size in whole KiB, at most 25 MiB.\n${USAGE}`);
      return 2;
    }
    return fetchCostReport(kib * 1024);
  }
  const named = (arg: string): Spec => {
    const at = arg.indexOf('=');
    if (at <= 0) throw new Error(`"${arg}" is not NAME=DIR.\n${USAGE}`);
    return { name: arg.slice(0, at), dir: resolve(arg.slice(at + 1)) };
  };
  const backends = values.backends.split(',').map((b) => b.trim()) as Backend[];
  if (backends.some((b) => b !== 'assets' && b !== 'r2')) throw new Error(`--backends takes assets and r2.\n${USAGE}`);
  if (!existsSync(values.queries)) throw new Error(`No query sets at ${values.queries}.`);
  const sets = await readQuerySets(values.queries);
  const queries = sets.flatMap((s) => s.queries.map((q) => String(q.query ?? '').trim()).filter(Boolean));
  const startLoad = loadavg()[0]!;

  const work = await mkdtemp(join(tmpdir(), 'check-scale-'));
  try {
    const specs = values.index.map(named);
    for (const c of values.corpus.map(named)) {
      const out = join(work, `index-${c.name}`);
      console.error(`indexing ${c.dir} …`);
      if ((await buildIndexCommand(['--corpus', c.dir, '--out', out, '--quiet'])) !== 0) return 1;
      specs.push({ name: c.name, dir: out });
    }
    if (values['chunk-sizes']) {
      const sizes = values['chunk-sizes'].split(',').map((s) => Math.round(Number(s) * 1024));
      return chunkSizeTradeOff(specs[0]!, sizes, spread(sets.map((s) => s.queries.map((q) => q.query)), Number(values['chunk-queries'])), work, startLoad);
    }
    if ((await buildCommand()) !== 0) return 1;
    const bundle = await bundleWorker(join(work, 'bundle'));
    const rows: IndexRow[] = [];
    for (const spec of specs) {
      rows.push(
        await measureIndex(spec, queries, backends, bundle.entry, work, {
          cold: Number(values.cold),
          repeat: Number(values.repeat),
          trial: Number(values.trial),
          probe: !values['no-probe'],
        }),
      );
    }
    return report(rows, queries.length, startLoad);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function measureIndex(
  spec: Spec,
  queries: string[],
  backends: Backend[],
  entry: string,
  work: string,
  options: { cold: number; repeat: number; trial: number; probe: boolean },
): Promise<IndexRow> {
  console.error(`\n${spec.name}: ${spec.dir}`);
  const files = await folderStats(spec.dir);
  // Local files: the reference answers, and what the CLI reads (ranged reads of a disk).
  const local = await openIndexDir(spec.dir);
  const expected = new Map<string, string>();
  const localBytes: number[] = [];
  const localWaves: number[] = [];
  for (const q of queries) {
    if (expected.has(q)) continue;
    const answer = await search(local, q, { limit: 10, offset: 0, group: false, recency: 0 });
    expected.set(q, topOf(answer.results));
    localBytes.push(answer.io.bytes);
    localWaves.push(answer.io.waves);
  }
  const row: IndexRow = {
    name: spec.name,
    paragraphs: local.docCount,
    segments: local.segments.length,
    rootBytes: local.rootBytes,
    ...files,
    localBytesP50: at(localBytes, 0.5),
    localWavesP95: at(localWaves, 0.95),
    backends: [],
  };
  await local.close();
  console.error(`  local: ${expected.size} distinct queries answered`);

  for (const backend of backends) {
    console.error(`  ${backend}: preparing …`);
    const prepared = await prepareBackend(backend, spec.dir, join(work, spec.name));
    const url = (q: string, extra = '') => `/api/search?q=${encodeURIComponent(q)}${extra}`;
    // A cold start: a fresh isolate opens the index (/api/health: pointer, root) and answers its first query.
    const coldMs: number[] = [];
    const openMs: number[] = [];
    const coldStart = async (worker: Awaited<ReturnType<typeof startWorkerd>>) => {
      const started = performance.now();
      const health = await worker.fetch('/api/health');
      await health.arrayBuffer();
      openMs.push(performance.now() - started);
      const first = await ask(worker.fetch, url(queries[0]!));
      coldMs.push(performance.now() - started);
      if (health.status !== 200 || first.status !== 200) throw new Error(`${spec.name} from ${backend}: a fresh isolate answered ${health.status} and ${first.status}`);
    };
    for (let i = 0; i < options.cold - 1; i++) {
      const worker = await startWorkerd(backend, prepared, entry);
      try {
        await coldStart(worker);
      } finally {
        await worker.dispose();
      }
    }
    const worker = await startWorkerd(backend, prepared, entry);
    try {
      await coldStart(worker);
      const heapAfterFirst = await worker.inspector?.memory().catch(() => null);
      // Every query once, in order, in one long-lived isolate: answers, time, reads; memory sampled as it goes.
      const runs: QueryRun[] = [];
      let heapPeak = heapAfterFirst ? heapAfterFirst.heapMb + heapAfterFirst.buffersMb : null;
      let mismatch: string | null = null;
      let same = 0;
      let compared = 0;
      for (const [i, q] of queries.entries()) {
        const run = await ask(worker.fetch, url(q, '&pass=1'));
        runs.push(run);
        if (run.status === 200) {
          compared++;
          if (run.top === expected.get(q)) same++;
          else mismatch ??= `${q}: local ${expected.get(q)} / ${backend} ${run.top}`;
        }
        if (worker.inspector && i % 250 === 249) {
          const m = await worker.inspector.memory().catch(() => null);
          if (m) heapPeak = Math.max(heapPeak ?? 0, m.heapMb + m.buffersMb);
        }
        if (i % 1000 === 999) console.error(`    ${i + 1}/${queries.length} queries`);
      }
      const repeat: QueryRun[] = [];
      for (const q of queries.slice(0, options.repeat)) repeat.push(await ask(worker.fetch, url(q, '&pass=2')));
      // The same queries with the first pass's URLs: what the answer cache (Cache API) answers without searching.
      const fromCache: QueryRun[] = [];
      for (const q of queries.slice(0, options.repeat)) fromCache.push(await ask(worker.fetch, url(q, '&pass=1')));
      const heapAfterSoak = await worker.inspector?.memory().catch(() => null);
      if (heapAfterSoak) heapPeak = Math.max(heapPeak ?? 0, heapAfterSoak.heapMb + heapAfterSoak.buffersMb);
      const health = (await (await worker.fetch('/api/health')).json()) as Health;
      const ok = runs.filter((r) => r.status === 200);
      await worker.dispose();
      const nextIsolate = backend === 'r2' ? await cacheTrial(prepared, entry, queries.slice(0, options.trial), join(work, spec.name, 'cache')) : null;
      const probe = options.probe ? await probeMemory(spec.dir, queries, backend) : null;
      row.backends.push({
        backend,
        coldMs,
        openMs,
        queries: runs.length,
        refused: runs.filter((r) => r.status >= 400 && r.status < 500).length,
        failed: runs.filter((r) => r.status >= 500).length,
        sameTop10: same,
        compared,
        firstMismatch: mismatch,
        serverP50: at(ok.map((r) => r.serverMs), 0.5),
        serverP95: at(ok.map((r) => r.serverMs), 0.95),
        waitP50: at(ok.map((r) => r.waitMs), 0.5),
        waitP95: at(ok.map((r) => r.waitMs), 0.95),
        engineP50: at(ok.map((r) => r.serverMs - r.waitMs), 0.5),
        engineP95: at(ok.map((r) => r.serverMs - r.waitMs), 0.95),
        wallP50: at(ok.filter((r) => !r.cached).map((r) => r.wallMs), 0.5),
        repeatP50: at(repeat.filter((r) => r.status === 200).map((r) => r.serverMs), 0.5),
        repeatP95: at(repeat.filter((r) => r.status === 200).map((r) => r.serverMs), 0.95),
        answerCache: {
          asked: fromCache.length,
          hits: fromCache.filter((r) => r.cached).length,
          wallP50: at(fromCache.filter((r) => r.cached).map((r) => r.wallMs), 0.5),
          wallP95: at(fromCache.filter((r) => r.cached).map((r) => r.wallMs), 0.95),
        },
        bytesP50: at(ok.map((r) => r.bytes), 0.5),
        bytesP95: at(ok.map((r) => r.bytes), 0.95),
        wavesP95: at(ok.map((r) => r.waves), 0.95),
        heapAfterFirstMb: heapAfterFirst ? heapAfterFirst.heapMb + heapAfterFirst.buffersMb : null,
        heapPeakMb: heapPeak,
        heapAfterSoakMb: heapAfterSoak ? heapAfterSoak.heapMb + heapAfterSoak.buffersMb : null,
        health,
        probe,
        nextIsolate,
      });
    } finally {
      await worker.dispose();
      await rm(prepared, { recursive: true, force: true });
    }
  }
  return row;
}

/**
 * How much a data centre's Cache API saves a new isolate: one isolate
 * answers every other query (filling the cache), then a fresh one answers
 * the queries in between — other queries over the same index, as isolates
 * of one data centre see.
 */
async function cacheTrial(prepared: string, entry: string, queries: string[], cacheDir: string): Promise<BackendRow['nextIsolate']> {
  console.error('    Cache API trial: two isolates, one cache …');
  await rm(cacheDir, { recursive: true, force: true });
  const url = (q: string) => `/api/search?q=${encodeURIComponent(q)}&trial=1`;
  const first = await startWorkerd('r2', prepared, entry, cacheDir);
  try {
    for (const q of queries.filter((_, i) => i % 2 === 0)) await ask(first.fetch, url(q));
    // Cache writes run after the answers (waitUntil): let the last ones land.
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    await first.dispose();
  }
  const second = await startWorkerd('r2', prepared, entry, cacheDir);
  try {
    const times: number[] = [];
    for (const q of queries.filter((_, i) => i % 2 === 1)) {
      const run = await ask(second.fetch, url(q));
      if (run.status === 200) times.push(run.serverMs);
    }
    const health = (await (await second.fetch('/api/health')).json()) as Health;
    const edge = health.isolate.versions?.edgeCache;
    return edge ? { ...edge, serverP50: at(times, 0.5), serverP95: at(times, 0.95) } : null;
  } finally {
    await second.dispose();
    await rm(cacheDir, { recursive: true, force: true });
  }
}

/** The Node memory probe under a 128 MB heap, collected after each query: what the Worker's open path keeps live. */
async function probeMemory(dir: string, queries: string[], backend: Backend): Promise<MemoryProbeResult | null> {
  console.error(`    memory probe (${backend}) …`);
  const probe = await runMemoryProbe(dir, queries.slice(0, 200), queries, backend === 'r2' ? 'ranged' : 'whole');
  return probe.outOfMemory ? { outOfMemory: true } : probe;
}

async function ask(fetch: (path: string) => Promise<Response>, path: string): Promise<QueryRun> {
  const started = performance.now();
  const res = await fetch(path);
  const body = (await res.json()) as { results?: Array<{ id: string; paragraph: number }> };
  const wallMs = performance.now() - started;
  const timing = res.headers.get('Server-Timing') ?? '';
  const number = (re: RegExp) => Number(re.exec(timing)?.[1] ?? NaN);
  return {
    status: res.status,
    top: body.results ? topOf(body.results) : '',
    serverMs: number(/search;dur=([\d.]+)/),
    waitMs: number(/io;dur=([\d.]+)/),
    cached: /cache;[^,]*desc="hit"/.test(timing),
    wallMs,
    reads: number(/reads=(\d+)/),
    bytes: number(/bytes=(\d+)/),
    waves: number(/waves=(\d+)/),
  };
}

const topOf = (results: ReadonlyArray<{ id: string; paragraph: number }>) => results.map((r) => `${r.id}:${r.paragraph}`).join(' ');

function at(values: number[], p: number): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

async function folderStats(dir: string): Promise<{ files: number; largest: number; total: number }> {
  let files = 0;
  let largest = 0;
  let total = 0;
  const walk = async (at: string) => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else {
        const { size } = await stat(path);
        files++;
        total += size;
        largest = Math.max(largest, size);
      }
    }
  };
  await walk(dir);
  return { files, largest, total };
}

/** `perSet` queries in all, taken evenly from each set. */
function spread(sets: string[][], total: number): string[] {
  const per = Math.ceil(total / sets.length);
  return sets.flatMap((s) => s.filter((_, i) => i % Math.max(1, Math.floor(s.length / per)) === 0).slice(0, per));
}

async function chunkSizeTradeOff(spec: Spec, sizes: number[], queries: string[], work: string, startLoad: number): Promise<number> {
  console.log(`\nStatic assets: chunk size against bytes per query and file count — ${spec.name}, ${queries.length} queries in one isolate (budget: src/worker/index-loader.ts), ${stamp(startLoad)}\n`);
  console.log('| chunk size | files | largest file | within 20,000 / 100,000 files | bytes per query p50 / p95 | waves p95 | peak / after queries (MB, Node probe) |');
  console.log('|---:|---:|---:|:---:|---:|---:|---:|');
  for (const size of sizes) {
    const dir = join(work, `chunks-${size}`);
    await mkdir(dir, { recursive: true });
    await rechunkIndex(spec.dir, dir, size);
    const files = await folderStats(dir);
    const probe = await runMemoryProbe(dir, queries, [], 'whole');
    const fits = `${files.files <= ASSET_LIMITS.filesFree ? 'yes' : 'no'} / ${files.files <= ASSET_LIMITS.filesPaid ? 'yes' : 'no'}`;
    console.log(
      `| ${kib(size)} | ${files.files} | ${size >= 1 << 20 ? mib(files.largest) : kib(files.largest)} | ${fits} | ${probe.outOfMemory ? 'out of memory' : `${probe.readKbP50} / ${probe.readKbP95} KiB`} | ${probe.wavesP95 ?? '–'} | ${probe.peakMb ?? '–'} / ${probe.afterQueriesMb ?? '–'} |`,
    );
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`\n(${stamp(loadavg()[0]!)} at the end.)`);
  return 0;
}

async function fetchCostReport(chunkBytes: number): Promise<number> {
  const startLoad = loadavg()[0]!;
  const rows = await assetFetchCost({ chunkBytes });
  console.log(`\nMiniflare's asset server: a Worker fetching whole ${kib(chunkBytes)} files through env.ASSETS, ${stamp(startLoad)}\n`);
  console.log('| fetches per request | asked | in flight at most | median request (Node, dispatch included) | each fetch beyond the first |');
  console.log('|---:|---|---:|---:|---:|');
  for (const r of rows) {
    const marginal = r.fetches > 1 ? `${r.marginalMs.toFixed(2)} ms` : '–';
    console.log(`| ${r.fetches} | ${r.together ? 'at once (a wave)' : 'one after another'} | ${r.inFlight} | ${r.medianMs.toFixed(2)} ms | ${marginal} |`);
  }
  console.log(`\n(${stamp(loadavg()[0]!)} at the end.)`);
  return 0;
}

const kib = (n: number) => `${Math.round(n / 1024)} KiB`;
const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
const ms = (n: number | null) => (n === null || !Number.isFinite(n) ? '–' : n < 10 ? n.toFixed(1) : String(Math.round(n)));
const mb = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(1));

function stamp(load: number): string {
  return `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.versions.node}, load average ${load.toFixed(1)}`;
}

function report(rows: IndexRow[], queryCount: number, startLoad: number): number {
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) failures.push(what);
    return ok ? 'ok' : 'OVER';
  };
  console.log(`\ncheck:scale — ${stamp(startLoad)} at the start, ${loadavg()[0]!.toFixed(1)} at the end; ${queryCount} queries of the sets per index and backend\n`);
  console.log('| index | paragraphs | segments | root | files (largest) | local files: bytes/query p50, waves p95 |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.paragraphs} | ${r.segments} | ${kib(r.rootBytes)} ${check(r.rootBytes <= BUDGETS.rootBytes, `${r.name}: root`)} | ${r.files} (${mib(r.largest)}) ${check(r.largest <= ASSET_LIMITS.fileBytes, `${r.name}: a file over 25 MiB`)} | ${kib(r.localBytesP50)}, ${r.localWavesP95} |`,
    );
  }
  console.log(
    '\n| index | from | cold start → first answer, median (of which opening the root), max | warm server p50 / p95 (client p50) | of which waiting for storage p50 / p95; the engine alone p50 / p95 | repeated query p50 / p95 | asked a third time: from the answer cache, client p50 / p95 | bytes/query p50 (p95) | waves p95 | isolate heap: after first / peak / after all (workerd) | Node probe: peak / live after all (caches) | same top 10 as local files |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    for (const b of r.backends) {
      const name = `${r.name} (${b.backend})`;
      const cold = [...b.coldMs].sort((x, y) => x - y);
      const coldMedian = cold[Math.floor(cold.length / 2)]!;
      const openMedian = at(b.openMs, 0.5);
      const bytesBudget = BUDGETS.bytesMedian[b.backend];
      const p = b.probe;
      const probePeak = p && !p.outOfMemory ? Math.max(p.peakMb!, p.afterSoakMb!) : null;
      const memory = probePeak ?? b.heapPeakMb;
      console.log(
        [
          '',
          r.name,
          b.backend,
          `${ms(coldMedian)} ms (open ${ms(openMedian)}), max ${ms(cold.at(-1)!)} ${check(coldMedian <= BUDGETS.coldStartMs, `${name}: cold start`)}`,
          `${ms(b.serverP50)} / ${ms(b.serverP95)} ms (${ms(b.wallP50)}) ${check(b.serverP50 <= BUDGETS.warmP50Ms && b.serverP95 <= BUDGETS.warmP95Ms, `${name}: warm server time`)}`,
          `${ms(b.waitP50)} / ${ms(b.waitP95)} ms; ${ms(b.engineP50)} / ${ms(b.engineP95)} ms`,
          `${ms(b.repeatP50)} / ${ms(b.repeatP95)} ms`,
          `${b.answerCache.hits} of ${b.answerCache.asked}, ${ms(b.answerCache.wallP50)} / ${ms(b.answerCache.wallP95)} ms`,
          `${kib(b.bytesP50)} (${kib(b.bytesP95)}) ${check(b.bytesP50 <= bytesBudget, `${name}: bytes per query`)}`,
          `${b.wavesP95} ${check(b.wavesP95 <= BUDGETS.wavesP95, `${name}: waves`)}`,
          `${mb(b.heapAfterFirstMb)} / ${mb(b.heapPeakMb)} / ${mb(b.heapAfterSoakMb)} MB`,
          p?.outOfMemory
            ? 'out of a 128 MB heap OVER'
            : p
              ? `${mb(p.peakMb)} / ${mb(p.afterSoakMb)} MB (${shares(p)}) ${check((memory ?? Infinity) <= BUDGETS.peakMb, `${name}: isolate memory`)}`
              : '–',
          `${b.sameTop10}/${b.compared}${b.refused ? ` (${b.refused} refused as too long)` : ''}${b.failed ? `, ${b.failed} failed` : ''} ${check(b.sameTop10 === b.compared && b.failed === 0, `${name}: top 10 differs`)}`,
          '',
        ].join(' | ').trim(),
      );
      if (b.firstMismatch) console.log(`  first difference: ${b.firstMismatch}`);
    }
  }
  console.log('\nWhat each consumer held in the measured isolate after all queries (/api/health), and the Cache API in front of R2:\n');
  for (const r of rows) {
    for (const b of r.backends) {
      const cache = b.health?.isolate.cache ?? {};
      const edge = b.health?.isolate.versions?.edgeCache;
      const parts = Object.entries(cache).map(([k, v]) => `${k} ${mb(v / 1e6)} MB`);
      const hits = edge ? `; Cache API ${edge.hits} hits / ${edge.misses} misses (${((100 * edge.hitBytes) / Math.max(1, edge.hitBytes + edge.missBytes)).toFixed(0)}% of bytes)` : '';
      console.log(`- ${r.name} (${b.backend}): ${parts.join(', ')}${hits}`);
      const n = b.nextIsolate;
      if (n) {
        const byteShare = ((100 * n.hitBytes) / Math.max(1, n.hitBytes + n.missBytes)).toFixed(0);
        console.log(
          `  a fresh isolate answering the other half of the queries after another filled the Cache API: ${((100 * n.hits) / Math.max(1, n.hits + n.misses)).toFixed(0)}% of reads hit (${byteShare}% of bytes), server p50 / p95 ${ms(n.serverP50)} / ${ms(n.serverP95)} ms`,
        );
      }
    }
  }
  console.log(
    `\nBudgets (tools/scale/budgets.ts): root ≤ ${kib(BUDGETS.rootBytes)}, cold start ≤ ${BUDGETS.coldStartMs} ms, isolate ≤ ${BUDGETS.peakMb} MB at its peak and after all queries (the Node probe's collected figure; workerd's heap is sampled without collection, an upper bound), warm server p50 ≤ ${BUDGETS.warmP50Ms} ms and p95 ≤ ${BUDGETS.warmP95Ms} ms (Server-Timing, every query once in one isolate, in set order), bytes/query median ≤ ${kib(BUDGETS.bytesMedian.r2)} from R2 and ≤ ${kib(BUDGETS.bytesMedian.assets)} from static assets, waves p95 ≤ ${BUDGETS.wavesP95}. Cold start: a fresh workerd (Miniflare) per run, from the first request (/api/health, which opens the root) to the answer of the first query (the dictionary, postings and texts it needs), Cache API empty; measured from Node, so it includes Miniflare's dispatch.`,
  );
  if (failures.length) console.error(`\nOver budget: ${failures.join('; ')}`);
  return failures.length ? 1 : 0;
}

function shares(p: MemoryProbeResult): string {
  const s = p.cacheShares;
  return s ? `chunks ${s.chunks}, ranges ${s.units}, dictionary ${s.dictionary}, blocks ${s.stored}, paragraphs ${s.paragraphs}, typos ${s.typos}` : `caches ${p.cacheMb}`;
}

runMain(import.meta.url, checkScaleCommand);
