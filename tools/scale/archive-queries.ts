import { readdir, readFile, stat } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { runMain } from '../../src/cli/main';
import { openIndexDir } from '../../src/cli/open-index-dir';
import { search, type SearchOptions, type SearchResponse } from '../../src/search';
import { evaluate } from '../eval/metrics';
import { readQuerySets, type EvalQuery } from '../shared-corpora';
import { paragraphKey } from '../systems/system';
import { ARCHIVE_BUDGETS as BUDGETS } from './budgets';

const USAGE = `usage: npm run bench:archive -- --index DIR [--queries DIR] [--set NAME]… [--input DIR] [--limit-queries N] [--plain] [--json]
  The engine over an index folder on local disk, as \`npm run query\` reads it (FsStore: ranged reads in
  waves, the CLI's cache budget): every query of the sets, once, in set order, in one process. Prints per
  set MRR@10 and Recall@10, latency, bytes and waves per query; the index's size per component; and the
  budgets of the issue "the engine and its format" (tools/scale/budgets.ts).
  --index DIR          an index folder (npm run build:index -- --corpus … --out DIR)
  --queries DIR        where the *.queries.jsonl are (default ../shared/corpora); their paragraphs must be
                       in the index (build it from a folder holding their *.docs.jsonl, with distractors)
  --set NAME           only this set (repeatable; default every set of --queries)
  --input DIR          the corpus the index was built from: the index's size is compared with its gzip size
                       (.gz files as they are, others gzipped here)
  --limit-queries N    the first N queries of each set
  --plain              then ask every set again, untimed, with typo tolerance, compound parts and proximity
                       off (PLAIN), and print its MRR@10 and Recall@10 beside: run over a small index and
                       over one with distractors, it says how much of what the distractors cost is those
                       features' and how much a ranking without them loses too
  --json               the figures as JSON`;

/**
 * What --plain turns off: typo candidates, compound parts and the re-ranking by nearness. What stays is BM25+ over
 * each word's exact form, stem and title match, the last word's prefix and question words weighed low, as search() does.
 */
export const PLAIN: SearchOptions = { fuzzy: false, compounds: false, proximity: false };

interface SetFigures {
  set: string;
  queries: number;
  mrr10: number;
  recall10: number;
  ms: Percentiles;
  bytes: Percentiles;
  waves: Percentiles;
  reads: Percentiles;
  /** With --plain: the same queries asked with PLAIN. */
  plain?: { mrr10: number; recall10: number };
}

interface Percentiles {
  p50: number;
  p95: number;
}

export async function archiveQueriesCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      index: { type: 'string' },
      queries: { type: 'string', default: '../shared/corpora' },
      set: { type: 'string', multiple: true },
      input: { type: 'string' },
      'limit-queries': { type: 'string' },
      plain: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const limit = values['limit-queries'] === undefined ? Infinity : Number(values['limit-queries']);
  if (!values.index || !(limit > 0)) {
    console.error(`${values.index ? '--limit-queries takes a positive number.' : 'Name the index folder with --index DIR.'}\n${USAGE}`);
    return 2;
  }
  const sets = (await readQuerySets(values.queries!)).filter((s) => !values.set || values.set.includes(s.name));
  if (sets.length === 0) {
    console.error(`No query sets${values.set ? ` named ${values.set.join(', ')}` : ''} in ${values.queries}.\n${USAGE}`);
    return 2;
  }
  const started = new Date();
  const load = loadavg()[0]!;
  const index = await openIndexDir(values.index);
  // Per set: its queries, each one's relevant paragraphs, and what was measured (the plain pass adds to it).
  const asked: Array<{ queries: EvalQuery[]; relevant: Array<Set<string>>; figure: SetFigures }> = [];
  for (const set of sets) {
    const queries = set.queries.slice(0, limit);
    const runs: Array<{ ms: number; bytes: number; waves: number; reads: number; ranked: string[] }> = [];
    for (const q of queries) {
      const t = performance.now();
      const answer = await search(index, q.query, { limit: 10 });
      runs.push({ ms: performance.now() - t, ...answer.io, ranked: keysOf(answer) });
    }
    const relevant = queries.map((q) => new Set(q.relevant.map((r) => paragraphKey(r.doc, r.paragraph))));
    const quality = evaluate(runs.map((r, i) => ({ ranked: r.ranked, relevant: relevant[i]! })));
    const of = (key: 'ms' | 'bytes' | 'waves' | 'reads') => percentiles(runs.map((r) => r[key]));
    const figure: SetFigures = { set: set.name, queries: queries.length, mrr10: quality.mrr10, recall10: quality.recall10, ms: of('ms'), bytes: of('bytes'), waves: of('waves'), reads: of('reads') };
    asked.push({ queries, relevant, figure });
  }
  // Only once every set was timed, so no timed query meets what these leave in the caches; they are not timed.
  if (values.plain) {
    for (const { queries, relevant, figure } of asked) {
      const ranked: string[][] = [];
      for (const q of queries) ranked.push(keysOf(await search(index, q.query, { limit: 10, ...PLAIN })));
      const plain = evaluate(ranked.map((r, i) => ({ ranked: r, relevant: relevant[i]! })));
      figure.plain = { mrr10: plain.mrr10, recall10: plain.recall10 };
    }
  }
  const figures = asked.map((a) => a.figure);
  const sizes = await componentSizes(values.index);
  const indexBytes = Object.values(sizes).reduce((a, b) => a + b, 0);
  const inputGzip = values.input ? await gzipSize(values.input) : null;
  const checks = budgetChecks(figures, indexBytes, inputGzip);
  const report = {
    index: values.index,
    paragraphs: index.docCount,
    started: started.toISOString(),
    loadAverage: load,
    sets: figures,
    sizes,
    indexBytes,
    inputGzipBytes: inputGzip,
    budgets: checks,
  };
  await index.close();
  if (values.json) console.log(JSON.stringify(report, null, 1));
  else print(report);
  return 0;
}

/** The results of an answer as `doc#paragraph` keys, in rank order (as the query sets name relevant paragraphs). */
function keysOf(answer: SearchResponse): string[] {
  return answer.results.map((r) => paragraphKey(r.id, r.paragraph));
}

/** p50 and p95 as the nearest rank. */
function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), p95: at(0.95) };
}

/** Bytes per logical file of the index (chunk files `<segment>/<file>.<n>` summed by file; the rest as they are). */
async function componentSizes(dir: string): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  const add = (name: string, bytes: number) => (sizes[name] = (sizes[name] ?? 0) + bytes);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      for (const file of await readdir(path)) add(file.replace(/\.\d+$/, ''), (await stat(join(path, file))).size);
    } else if (entry.name.startsWith('root-')) add('root', (await stat(path)).size);
    else if (entry.name.startsWith('del-')) add('deletions', (await stat(path)).size);
  }
  return sizes;
}

/** The corpus's size compressed: .gz files as stored, every other file gzipped (level 6, as `gzip` does). */
async function gzipSize(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if (!(await stat(path)).isFile()) continue;
    total += name.endsWith('.gz') ? (await stat(path)).size : gzipSync(await readFile(path)).byteLength;
  }
  return total;
}

interface Check {
  what: string;
  value: number;
  budget: number;
  met: boolean;
}

function budgetChecks(sets: readonly SetFigures[], indexBytes: number, inputGzip: number | null): Check[] {
  const worst = (f: (s: SetFigures) => number) => Math.max(...sets.map(f));
  const checks: Check[] = [
    { what: 'query p50 ms (worst set)', value: worst((s) => s.ms.p50), budget: BUDGETS.queryP50Ms, met: false },
    { what: 'query p95 ms (worst set)', value: worst((s) => s.ms.p95), budget: BUDGETS.queryP95Ms, met: false },
    { what: 'bytes read per query, median (worst set)', value: worst((s) => s.bytes.p50), budget: BUDGETS.bytesMedian, met: false },
    { what: 'waves p95 (worst set)', value: worst((s) => s.waves.p95), budget: BUDGETS.wavesP95, met: false },
  ];
  if (inputGzip) checks.push({ what: 'index size ÷ input gzip size', value: indexBytes / inputGzip, budget: BUDGETS.sizeVsInputGzip, met: false });
  return checks.map((c) => ({ ...c, met: c.value <= c.budget }));
}

function print(report: {
  index: string;
  paragraphs: number;
  started: string;
  loadAverage: number;
  sets: SetFigures[];
  sizes: Record<string, number>;
  indexBytes: number;
  inputGzipBytes: number | null;
  budgets: Check[];
}): void {
  const mb = (n: number) => (n / 1e6).toFixed(n < 1e6 ? 3 : 1);
  console.log(`${report.index}: ${report.paragraphs.toLocaleString('en')} paragraphs; ${report.started}, load average ${report.loadAverage.toFixed(1)}\n`);
  const plain = report.sets.some((s) => s.plain);
  console.log(`| set | queries | MRR@10 | Recall@10 |${plain ? ' plain MRR@10 / Recall@10 |' : ''} ms p50 / p95 | KiB read p50 / p95 | reads p50 | waves p50 / p95 |`);
  console.log(`|---|---:|---:|---:|${plain ? '---:|' : ''}---:|---:|---:|---:|`);
  for (const s of report.sets) {
    const plainCell = plain ? ` ${s.plain ? `${s.plain.mrr10.toFixed(3)} / ${s.plain.recall10.toFixed(3)}` : '–'} |` : '';
    console.log(
      `| ${s.set} | ${s.queries} | ${s.mrr10.toFixed(3)} | ${s.recall10.toFixed(3)} |${plainCell} ${s.ms.p50.toFixed(1)} / ${s.ms.p95.toFixed(1)} | ${(s.bytes.p50 / 1024).toFixed(0)} / ${(s.bytes.p95 / 1024).toFixed(0)} | ${s.reads.p50} | ${s.waves.p50} / ${s.waves.p95} |`,
    );
  }
  console.log(`\n| component | MB |\n|---|---:|`);
  for (const [name, bytes] of Object.entries(report.sizes).sort((a, b) => b[1] - a[1])) console.log(`| ${name} | ${mb(bytes)} |`);
  console.log(`| all | ${mb(report.indexBytes)} |${report.inputGzipBytes ? `\n| input, gzip | ${mb(report.inputGzipBytes)} |` : ''}`);
  console.log('\n| budget | value | limit | |\n|---|---:|---:|---|');
  for (const c of report.budgets) console.log(`| ${c.what} | ${Number.isInteger(c.value) ? c.value : c.value.toFixed(2)} | ${c.budget} | ${c.met ? 'met' : 'NOT MET'} |`);
}

runMain(import.meta.url, archiveQueriesCommand);
