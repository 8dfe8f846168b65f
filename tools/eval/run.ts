import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../src/corpus/article';
import { readDocsFile, readQueriesFile, type EvalQuery } from '../shared-corpora';
import { evaluate, type Metrics } from './metrics';
import { paragraphKey, type ComparedSystem } from '../systems/system';
import { evalSystems } from './systems';

export interface EvalSet {
  name: string;
  articles: Article[];
  queries: EvalQuery[];
}

export interface EvalRow extends Metrics {
  set: string;
  system: string;
  queries: number;
  /** Retrieval units (paragraphs) in the set. */
  paragraphs: number;
  /** Mean time per query, in milliseconds. */
  msPerQuery: number;
  /** Time to build the system's index (0 when it reuses one built for an earlier system). */
  buildMs: number;
}

/** Where a set's two files are. */
export interface EvalSetFiles {
  name: string;
  docs: string;
  queries: string;
}

/** The judged sets of ../shared/corpora that `npm run eval` and `eval:misses` take by default. */
export const EVAL_SETS = ['xquad-de', 'mlqa-de-dev', 'xglue-qam-de'] as const;

/** The files of sets named in a ../shared/corpora-style folder, or what is missing. */
export function namedSetFiles(corpora: string, names: readonly string[]): EvalSetFiles[] | { missing: string } {
  const out: EvalSetFiles[] = [];
  for (const name of names) {
    const docs = resolve(corpora, `${name}.docs.jsonl`);
    const queries = resolve(corpora, `${name}.queries.jsonl`);
    if (!existsSync(docs) || !existsSync(queries)) return { missing: `No set ${name} in ${corpora} (${name}.docs.jsonl and ${name}.queries.jsonl).` };
    out.push({ name, docs, queries });
  }
  return out;
}

/** Reads a set in the ../shared/corpora format (`<name>.docs.jsonl` + `<name>.queries.jsonl`). */
export async function loadEvalSet(name: string, docsFile: string, queriesFile: string, limitQueries?: number): Promise<EvalSet> {
  const [articles, queries] = await Promise.all([readDocsFile(docsFile), readQueriesFile(queriesFile)]);
  return { name, articles, queries: limitQueries ? queries.slice(0, limitQueries) : queries };
}

/** One system's results on some of a set's queries. */
interface Part {
  /** Mean metrics over these queries. */
  metrics: Metrics;
  queries: number;
  paragraphs: number;
  queryMs: number;
  buildMs: number;
}

/** Ranked results judged per query: the top 100, for Recall@100. */
const TOP = 100;

/** Asks the queries one after another (ours answers with a promise: awaited before the next is asked). */
async function askAll(set: EvalSet, system: ComparedSystem, queries: readonly EvalQuery[]): Promise<Omit<Part, 'buildMs'>> {
  const started = performance.now();
  const judged = [];
  for (const q of queries) {
    judged.push({
      ranked: await system.search(q.query, TOP),
      relevant: new Set(q.relevant.map((r) => paragraphKey(r.doc, r.paragraph))),
    });
  }
  const queryMs = performance.now() - started;
  const paragraphs = set.articles.reduce((n, a) => n + a.paragraphs.length, 0);
  return { metrics: evaluate(judged), queries: queries.length, paragraphs, queryMs };
}

/** Merges the parts of one (set, system) pair into its row: metrics weighted by queries, build time of the slowest part. */
function toRow(set: string, system: string, parts: readonly Part[]): EvalRow {
  const queries = parts.reduce((n, p) => n + p.queries, 0);
  const mean = (key: keyof Metrics) => parts.reduce((sum, p) => sum + p.metrics[key] * p.queries, 0) / (queries || 1);
  return {
    set,
    system,
    mrr10: mean('mrr10'),
    recall10: mean('recall10'),
    ndcg10: mean('ndcg10'),
    recall100: mean('recall100'),
    queries,
    paragraphs: parts[0]?.paragraphs ?? 0,
    msPerQuery: parts.reduce((ms, p) => ms + p.queryMs, 0) / (queries || 1),
    buildMs: Math.max(0, ...parts.map((p) => p.buildMs)),
  };
}

export interface EvalPlan {
  sets: readonly EvalSetFiles[];
  /** Also run the ablation systems (see `evalSystems`). */
  ablation: boolean;
  limitQueries?: number;
  /** Worker processes (default: one per CPU). */
  workers?: number;
}

/** A set with more queries than this has them split among the workers, each system's share by share. */
const QUERIES_PER_SHARD = 1000;
/** MiniSearch allocates heavily; a 64 MB semi-space roughly halves its time against the default 16 MB. */
const SEMI_SPACE_MB = 64;
const WORKER_MODULE = fileURLToPath(import.meta.url);
const WORKER_FLAG = '--eval-worker';

/**
 * Runs every (set, system) pair of the plan in worker processes and returns
 * the rows in plan order (sets as given, systems as `evalSystems` lists
 * them); `progress` sees each row when it is complete.
 *
 * Workers, not this process: the whole evaluation (three sets, eleven
 * systems) is CPU-bound, so it is spread over the machine's cores. A big
 * set's queries are split into as many shares as there are workers (every
 * n-th query), so that no slow system (MiniSearch default, or ours without
 * stop words, both of which score nearly every paragraph for every query)
 * is left running alone at the end; each worker then builds that system's
 * index once for its shares. Workers also get a larger young generation:
 * MiniSearch's scoring allocates a result per matching paragraph and spends
 * much of its time in minor GCs with Node's default semi-space.
 */
export async function runEvalInWorkers(plan: EvalPlan, progress?: (row: EvalRow) => void): Promise<EvalRow[]> {
  const systemNames = evalSystems(plan.ablation).map((s) => s.name);
  const workerCount = Math.max(1, plan.workers ?? availableParallelism());
  const sizes = await Promise.all(plan.sets.map(async (s) => (await stat(s.docs)).size));
  const queryCounts = await Promise.all(
    plan.sets.map(async (s) => {
      const n = (await readQueriesFile(s.queries)).length;
      return plan.limitQueries ? Math.min(n, plan.limitQueries) : n;
    }),
  );
  // The biggest set first, so that the small ones fill the gaps at the end.
  const setOrder = plan.sets.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]!);
  const jobs: Job[] = setOrder.flatMap((set) => {
    const shards = Math.max(1, Math.min(workerCount, Math.ceil(queryCounts[set]! / QUERIES_PER_SHARD)));
    return systemNames.flatMap((_, system) => Array.from({ length: shards }, (_, shard) => ({ set, system, shard, shards })));
  });
  const init: WorkerInit = { sets: plan.sets, ablation: plan.ablation, limitQueries: plan.limitQueries };
  const parts = new Map<string, Part[]>();
  const rows = new Map<string, EvalRow>();
  const children: ChildProcess[] = [];

  try {
    await new Promise<void>((done, fail) => {
      let next = 0;
      let running = 0;
      const feed = (child: ChildProcess) => {
        const job = jobs[next++];
        if (!job) {
          child.send({ type: 'exit' } satisfies ToWorker);
          if (running === 0) done();
          return;
        }
        running++;
        child.send({ type: 'job', job } satisfies ToWorker);
      };
      const finish = (job: Job, part: Part) => {
        const key = pairKey(job);
        const done = [...(parts.get(key) ?? []), part];
        parts.set(key, done);
        if (done.length < job.shards) return;
        const row = toRow(plan.sets[job.set]!.name, systemNames[job.system]!, done);
        rows.set(key, row);
        progress?.(row);
      };
      for (let i = 0; i < Math.min(workerCount, jobs.length); i++) {
        const child = fork(WORKER_MODULE, [WORKER_FLAG], {
          execArgv: [...process.execArgv, `--max-semi-space-size=${SEMI_SPACE_MB}`],
          serialization: 'advanced',
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        children.push(child);
        child.send({ type: 'init', init } satisfies ToWorker);
        child.on('message', (message: FromWorker) => {
          if (message.type === 'error') return fail(new Error(`${plan.sets[message.job.set]!.name}: ${message.message}`));
          if (message.type === 'ready') return feed(child);
          running--;
          finish(message.job, message.part);
          feed(child);
        });
        child.on('error', fail);
        child.on('exit', (code, signal) => {
          if (code !== 0) fail(new Error(`an eval worker ${signal ? `was stopped by ${signal}` : `exited with code ${code}`}`));
        });
      }
    });
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
  }
  return plan.sets.flatMap((_, set) => systemNames.map((_, system) => rows.get(pairKey({ set, system }))!));
}

interface Job {
  /** Index into `EvalPlan.sets`. */
  set: number;
  /** Index into `evalSystems(plan.ablation)`. */
  system: number;
  /** This job asks the queries whose number modulo `shards` is `shard`. */
  shard: number;
  shards: number;
}

interface WorkerInit {
  sets: readonly EvalSetFiles[];
  ablation: boolean;
  limitQueries: number | undefined;
}

type ToWorker = { type: 'init'; init: WorkerInit } | { type: 'job'; job: Job } | { type: 'exit' };
type FromWorker = { type: 'ready' } | { type: 'part'; job: Job; part: Part } | { type: 'error'; job: Job; message: string };

function pairKey(job: Pick<Job, 'set' | 'system'>): string {
  return `${job.set}/${job.system}`;
}

/**
 * The worker's side. It keeps the set it last loaded (jobs come set by set)
 * and the systems it built for it, for the other shares of its queries.
 */
function serveJobs(): void {
  const send = (message: FromWorker) => process.send!(message);
  let init: WorkerInit | undefined;
  let loaded: { index: number; set: EvalSet; systems: ComparedSystem[]; built: Set<number> } | undefined;
  process.on('message', (message: ToWorker) => {
    if (message.type === 'exit') {
      process.disconnect();
      return;
    }
    if (message.type === 'init') {
      init = message.init;
      send({ type: 'ready' });
      return;
    }
    const { job } = message;
    void (async () => {
      if (loaded?.index !== job.set) {
        loaded = undefined; // let the previous set and its indexes go before the next is read
        const files = init!.sets[job.set]!;
        const set = await loadEvalSet(files.name, files.docs, files.queries, init!.limitQueries);
        loaded = { index: job.set, set, systems: evalSystems(init!.ablation), built: new Set() };
      }
      const { set, systems, built } = loaded;
      const system = systems[job.system]!;
      let buildMs = 0;
      if (!built.has(job.system)) {
        const started = performance.now();
        await system.build(set.articles);
        buildMs = performance.now() - started;
        built.add(job.system);
      }
      const queries = set.queries.filter((_, i) => i % job.shards === job.shard);
      send({ type: 'part', job, part: { ...(await askAll(set, system, queries)), buildMs } });
    })().catch((error: unknown) => send({ type: 'error', job, message: error instanceof Error ? error.message : String(error) }));
  });
}

if (process.send && process.argv[2] === WORKER_FLAG && resolve(process.argv[1] ?? '') === WORKER_MODULE) serveJobs();
