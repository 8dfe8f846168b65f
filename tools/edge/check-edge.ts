import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { indexFolderSizes, type IndexFolderSizes } from '../index-files';
import { buildCommand } from '../../src/cli/build';
import { bundleWorker, type Sizes } from './bundle';
import { SEGMENT_FILES } from '../../src/index/segment/schema';
import { EDGE_BUDGETS as BUDGETS } from './budgets';
import { measureColdStart, type ColdStart } from './cold-start';
import { runMemoryProbe, type MemoryProbeResult } from './run-memory-probe';
import { runMain } from '../../src/cli/main';
import { buildCorporaIndex, readCorporaQueries } from '../shared-corpora';
import { DEFAULT_INDEX, ROOT } from '../../src/cli/paths';

const DEMO_QUERIES = ['Militärhilfe', 'Aussenminister Brussel', 'Hilfe Ukraine', 'milit', '"jeden Dollar"', 'NATO -Russland', 'Blinkn'];

interface Row {
  corpus: string;
  paragraphs: number;
  index: IndexFolderSizes;
  memory: Required<Omit<MemoryProbeResult, 'outOfMemory'>>;
  start: ColdStart;
}

export async function checkEdgeCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { corpora: { type: 'string' } } });
  const corpora = resolve(values.corpora ?? join(ROOT, '../shared/corpora'));
  const work = await mkdtemp(join(tmpdir(), 'check-edge-'));
  try {
    if ((await buildCommand()) !== 0) return 1;
    const bundle = await bundleWorker(join(work, 'bundle'));
    const soak = existsSync(corpora) ? await readCorporaQueries(corpora) : DEMO_QUERIES;
    const rows: Row[] = [await measure('demo (corpus/)', DEFAULT_INDEX, DEMO_QUERIES, soak, bundle.entry)];
    if (existsSync(corpora)) {
      const index = await buildCorporaIndex(corpora, work);
      rows.push(await measure(`../shared/corpora (all docs)`, index, await corporaQueries(corpora), soak, bundle.entry));
    } else console.error(`(${corpora} not found: measuring the demo corpus only)`);
    return report(bundle.sizes, rows);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function measure(corpus: string, indexDir: string, queries: string[], soak: string[], entry: string): Promise<Row> {
  const probe = await runMemoryProbe(indexDir, queries, soak);
  if (probe.outOfMemory) throw new Error(`${corpus}: the index does not fit a 128 MB heap (the memory probe ran out of it)`);
  // A probe that finished printed every figure.
  const memory = probe as Row['memory'];
  return {
    corpus,
    paragraphs: memory.paragraphs,
    index: await indexFolderSizes(indexDir),
    memory,
    start: await measureColdStart(entry, indexDir, queries.slice(0, 200)),
  };
}

/** Real queries: the first 100 of each query set, and prefixes of some as typed. */
async function corporaQueries(corpora: string): Promise<string[]> {
  const queries = await readCorporaQueries(corpora, 100);
  for (const q of queries.slice(0, 50)) queries.push(q.slice(0, Math.max(3, Math.ceil(q.length / 2))));
  return queries;
}

function report(bundle: Sizes, rows: Row[]): number {
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
  // Small indexes (the demo) read better in KiB than as 0.0 MiB.
  const size = (n: number) => (n < 1024 ? `${n} B` : n < 1048576 ? kb(n) : mib(n));
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) failures.push(what);
    return ok ? 'ok' : 'OVER';
  };
  console.log(`\n${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.versions.node}, load average ${loadavg()[0]!.toFixed(1)} at the end`);
  console.log(`Worker bundle: ${kb(bundle.raw)} raw, ${kb(bundle.gzip)} gzip (budget ${mib(BUDGETS.bundleGzipBytes)} gzip) ${check(bundle.gzip <= BUDGETS.bundleGzipBytes, 'bundle size')}\n`);
  console.log('| corpus | paragraphs | index raw / gzip | live after open | peak (open, and per query) | live after a soak of real queries | read per query p50 / p95, waves p95 | cold start → first answer | warm query p50 / p95 (Server-Timing) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const peakOk = check(r.memory.peakMb < BUDGETS.peakMemoryMb, `${r.corpus}: peak memory`);
    const soakOk = check(r.memory.afterSoakMb < BUDGETS.peakMemoryMb, `${r.corpus}: memory after the soak`);
    const startOk = check(r.start.firstAnswerMs < BUDGETS.firstAnswerMs, `${r.corpus}: cold start`);
    const warmOk = check(r.start.warmMedianMs <= BUDGETS.warmMedianMs && r.start.warmP95Ms <= BUDGETS.warmP95Ms, `${r.corpus}: warm query`);
    console.log(
      `| ${r.corpus} | ${r.paragraphs} | ${size(r.index.total)} / ${size(r.index.gzip)} | ${r.memory.loadedMb} MB | ${r.memory.peakMb} MB ${peakOk} | ${r.memory.afterSoakMb} MB after ${r.memory.soakQueries} (caches ${r.memory.cacheMb} MB) ${soakOk} | ${r.memory.readKbP50} / ${r.memory.readKbP95} KiB, ${r.memory.wavesP95} | ${r.start.firstAnswerMs} ms ${startOk} | ${r.start.warmMedianMs} / ${r.start.warmP95Ms} ms ${warmOk} |`,
    );
  }
  console.log('\nThe index folder by logical file (summed over segments and chunk files):\n');
  console.log(`| corpus | ${SEGMENT_FILES.join(' | ')} | root and CURRENT (all an open reads) | files (largest) |`);
  console.log(`|---|${SEGMENT_FILES.map(() => '---:|').join('')}---:|---:|`);
  for (const r of rows) {
    const fileOk = check(r.index.largest <= BUDGETS.assetFileBytes, `${r.corpus}: a file larger than a static asset may be`);
    console.log(
      `| ${r.corpus} | ${SEGMENT_FILES.map((f) => size(r.index.files[f])).join(' | ')} | ${size(r.index.root)} | ${r.index.count} (${size(r.index.largest)}) ${fileOk} |`,
    );
  }
  console.log(
    `\nBudgets: peak memory < ${BUDGETS.peakMemoryMb} MB of the isolate's 128 MB (Node with --max-old-space-size=128 running the Worker's open path, src/worker/index-loader.ts, over whole chunk files as static assets serve them; JS heap in use plus array buffers, above an empty process, at its highest during the open and during each query; and what stays live while a long-lived isolate answers every query of the sets), first answer < ${BUDGETS.firstAnswerMs} ms, warm query p50 ≤ ${BUDGETS.warmMedianMs} ms and p95 ≤ ${BUDGETS.warmP95Ms} ms (each query asked again after at least 200 requests, and at least 200 timings), every file of the index ≤ ${mib(BUDGETS.assetFileBytes)} (what a static asset may be). Reads per query: bytes fetched from storage by the measured queries in the probe, in order (the first ones cold).`,
  );
  if (failures.length) console.error(`\nOver budget: ${failures.join(', ')}`);
  return failures.length ? 1 : 0;
}

runMain(import.meta.url, checkEdgeCommand);
