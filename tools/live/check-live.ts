import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readJsonLines } from '../../src/corpus/read-jsonl';
import { runMain } from '../../src/cli/main';
import { bundleWorker } from '../edge/bundle';
import { DEFAULT_MERGE_POLICY } from '../../src/live/merge-policy';
import { DEFAULT_WRITE_LIMITS, toLiveArticle } from '../../src/live/validate';
import { measureEngine, sameTop10 } from './engine-budgets';
import { measureWorkerd } from './workerd-budgets';

const SHARED = join(import.meta.dirname, '../../../shared/corpora');
const USAGE = 'usage: npm run check:live -- [--base FILE.jsonl] [--stream FILE.jsonl] [--queries FILE.jsonl] [--soak N] [--probes N] [--engine]';

/** The budgets for live updates. */
const BUDGETS = { otherIsolateP95Ms: 2000, writeP50Ms: 50, freshRatio: 1.2 };

/**
 * `npm run check:live`: prints the budgets of live updates, measured
 * locally — write acknowledgment (durable in the writer's SQLite), a write
 * searchable on the isolate that took it at once (?wait=true), on another
 * isolate within 2 s (p95), a soak of writes interleaved with queries with
 * the isolate's heap sampled and the final top 10 against a build from
 * scratch (in workerd, Miniflare); query latency with 100 fresh segments
 * against after compaction, and the compacted top 10 against a build from
 * scratch (the engine in Node).
 */
async function checkLive(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      base: { type: 'string', default: join(SHARED, 'xglue-nc-de-dev.docs.jsonl') },
      stream: { type: 'string', default: join(SHARED, 'gnad10k-test.docs.jsonl') },
      queries: { type: 'string', default: join(SHARED, 'mlqa-de-dev.queries.jsonl') },
      soak: { type: 'string', default: '10000' },
      probes: { type: 'string', default: '40' },
      // The engine's budgets only (latency with fresh segments, top 10 after compaction): seconds, not the workerd soak.
      engine: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const read = async (file: string) => readJsonLines(file, await readFile(file, 'utf8')).articles;
  const base = await read(values.base);
  // Only articles the write API takes (a few of the stream have paragraphs over its limit).
  const stream = (await read(values.stream)).filter((a) => {
    try {
      toLiveArticle(JSON.parse(JSON.stringify({ ...a, access: undefined, free: undefined })), DEFAULT_WRITE_LIMITS);
      return true;
    } catch {
      return false;
    }
  });
  const queries = (await readFile(values.queries, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .slice(0, 100)
    .map((l) => (JSON.parse(l) as { query: string }).query);
  const started = new Date().toISOString();
  const load = loadavg()[0]!.toFixed(2);
  console.log(`check:live ${started}, load ${load} (${base.length} base articles, ${stream.length} in the stream, ${queries.length} queries)`);

  console.log('engine: 100 fresh segments, then a full compaction …');
  const engine = await measureEngine(base, stream, queries, 100);
  // What the writer's tiered policy lets accumulate at most before it merges (segmentsPerTier fresh segments).
  const steady = await measureEngine(base, stream, queries, DEFAULT_MERGE_POLICY.segmentsPerTier);
  const engineRows: Row[] = [
    [`query median, ${engine.freshSegments} segments (100 fresh) / after compaction`, `${engine.freshMedianMs.toFixed(2)} / ${engine.compactedMedianMs.toFixed(2)} ms = ${engine.ratio.toFixed(2)}×`, `≤ ${BUDGETS.freshRatio}×`, engine.ratio <= BUDGETS.freshRatio],
    [`query median, ${steady.freshSegments} segments (the policy's most before a merge) / after compaction`, `${steady.freshMedianMs.toFixed(2)} / ${steady.compactedMedianMs.toFixed(2)} ms = ${steady.ratio.toFixed(2)}×`, `≤ ${BUDGETS.freshRatio}×`, steady.ratio <= BUDGETS.freshRatio],
    ['top 10 after compaction = build from scratch', `${engine.top10Equal}/${engine.queries}`, 'all', engine.top10Equal === engine.queries],
  ];
  if (values.engine) return report(started, load, engineRows, engine.differing);

  const out = await mkdtemp(join(tmpdir(), 'check-live-'));
  try {
    const { entry } = await bundleWorker(out);
    const { figures: w, finalArticles, searchTop10, dispose } = await measureWorkerd(entry, base, stream, queries, {
      soak: Number(values.soak),
      probes: Number(values.probes),
      onProgress: (line) => console.log(`workerd: ${line}`),
    });
    try {
      // The final index after the soak and a compaction, against a build from scratch of the same articles.
      const { buildMemoryIndex } = await import('../../src/index/memory-index');
      const { zlibCompression } = await import('../../src/index/codec/zlib-compression');
      const { search } = await import('../../src/search');
      const rebuilt = await buildMemoryIndex([...finalArticles.values()], { compression: zlibCompression });
      for (const q of queries) {
        const want = (await search(rebuilt, q, { limit: 10 })).results.map((r) => [`${r.id}/${r.paragraph}`, r.score] as [string, number]);
        if (sameTop10(await searchTop10(q), want)) w.soakFinalTop10Equal++;
        w.soakQueriesCompared++;
      }
    } finally {
      await dispose();
    }
    const heaps = w.heapMb.filter((h): h is number => h !== null);
    const rows: Row[] = [
      ['write acknowledged (durable), p50 / p95', `${w.writeP50Ms.toFixed(1)} / ${w.writeP95Ms.toFixed(1)} ms`, `p50 ≤ ${BUDGETS.writeP50Ms} ms`, w.writeP50Ms <= BUDGETS.writeP50Ms],
      ['same isolate: found by the next query after ?wait=true', `${w.sameIsolateFound}/${w.sameIsolateTried} (wait p50 ${w.waitP50Ms.toFixed(0)} ms)`, 'all, at once', w.sameIsolateFound === w.sameIsolateTried],
      ['another isolate: acknowledgment → found, p50 / p95', `${w.otherP50Ms.toFixed(0)} / ${w.otherP95Ms.toFixed(0)} ms (${w.otherTried} writes)`, `p95 ≤ ${BUDGETS.otherIsolateP95Ms} ms`, w.otherP95Ms <= BUDGETS.otherIsolateP95Ms],
      ...engineRows,
      [`soak: ${w.soakWrites} writes, ${w.soakQueries} queries; isolate heap`, heaps.length ? `${heaps[0]!.toFixed(1)} → ${heaps.at(-1)!.toFixed(1)} MB (max ${Math.max(...heaps).toFixed(1)})` : 'inspector did not answer', 'flat', heaps.length > 4 ? flat(heaps) : null],
      ['soak: queries answered with an error', `${w.soakFailures}/${w.soakQueries}`, 'none', w.soakFailures === 0],
      ['soak: final top 10 (compacted) = build from scratch', `${w.soakFinalTop10Equal}/${w.soakQueriesCompared}`, 'all', w.soakFinalTop10Equal === w.soakQueriesCompared],
    ];
    return report(started, load, rows, engine.differing);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** What a budget row shows: what, the figure, the budget, and whether it holds (null: not measured). */
type Row = [string, string, string, boolean | null];

/** Prints the rows; exit status 1 when a budget is over. */
function report(started: string, load: string, rows: Row[], differing: string[]): number {
  console.log(`\nLive updates — budgets (${started}, load ${load} at start, ${loadavg()[0]!.toFixed(2)} at end)`);
  for (const [what, got, budget, ok] of rows) console.log(`${ok === null ? '  ?' : ok ? 'ok ' : 'OVER'}  ${what}: ${got}   [budget ${budget}]`);
  if (differing.length) console.log(`  top 10 differs for: ${differing.join(' | ')}`);
  return rows.every(([, , , ok]) => ok !== false) ? 0 : 1;
}

/**
 * Flat: the heap in the second half of the soak peaks no higher than in the
 * first half plus a quarter (samples are taken without forcing a collection,
 * so single samples hold garbage; a leak grows with the writes).
 */
function flat(heaps: number[]): boolean {
  const half = Math.floor(heaps.length / 2);
  return Math.max(...heaps.slice(half)) <= 1.25 * Math.max(...heaps.slice(1, half));
}

runMain(import.meta.url, checkLive);
