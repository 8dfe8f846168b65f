import { fork, type ChildProcess } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonLines } from '../corpus';
import type { Article } from '../corpus/article';
import { evaluate, type Metrics } from './metrics';
import { evalSystems, type System } from './systems';

export interface EvalQuery {
  qid: string;
  query: string;
  relevant: Array<{ doc: string; paragraph: number }>;
}

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

/** The paragraph key the queries files judge: `doc#paragraph`. */
export function paragraphKey(doc: string, paragraph: number): string {
  return `${doc}#${paragraph}`;
}

/** Reads a set in the ../shared/corpora format (`<name>.docs.jsonl` + `<name>.queries.jsonl`). */
export async function loadEvalSet(name: string, docsFile: string, queriesFile: string, limitQueries?: number): Promise<EvalSet> {
  const docs = readJsonLines(docsFile, await readFile(docsFile, 'utf8'));
  if (docs.problems.length) throw new Error(`${docsFile}: ${docs.problems.length} unreadable lines, first: ${docs.problems[0]!.reason}`);
  const queries = (await readFile(queriesFile, 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuery);
  return { name, articles: docs.articles, queries: limitQueries ? queries.slice(0, limitQueries) : queries };
}

/** Runs every system on the set, one after the other in this thread: builds its index, asks every query, scores the top 100. */
export function runEval(set: EvalSet, systems: readonly System[], progress?: (row: EvalRow) => void): EvalRow[] {
  const paragraphs = set.articles.reduce((n, a) => n + a.paragraphs.length, 0);
  const relevant = set.queries.map((q) => new Set(q.relevant.map((r) => paragraphKey(r.doc, r.paragraph))));
  return systems.map((system) => {
    const buildStarted = performance.now();
    const searcher = system.build(set.articles);
    const buildMs = performance.now() - buildStarted;
    const started = performance.now();
    const judged = set.queries.map((q, i) => ({ ranked: searcher(q.query), relevant: relevant[i]! }));
    const ms = performance.now() - started;
    const row: EvalRow = {
      set: set.name,
      system: system.name,
      ...evaluate(judged),
      queries: set.queries.length,
      paragraphs,
      msPerQuery: ms / (set.queries.length || 1),
      buildMs,
    };
    progress?.(row);
    return row;
  });
}

export interface EvalPlan {
  sets: readonly EvalSetFiles[];
  /** Also run the ablation systems (see `evalSystems`). */
  ablation: boolean;
  limitQueries?: number;
  /** Worker processes (default: one per CPU). */
  workers?: number;
}

/**
 * Runs every (set, system) pair of the plan in worker processes, one job at
 * a time per worker, and returns the rows in plan order (sets as given,
 * systems as `evalSystems` lists them).
 *
 * Workers, not this process: the whole evaluation (three sets, eleven
 * systems) is CPU-bound, so it spreads over the machine's cores; and a
 * worker gets a larger young generation, since MiniSearch's scoring
 * allocates a result object per matching paragraph and spends a good part
 * of its time in minor GCs with Node's default 16 MB semi-space.
 */
export async function runEvalInWorkers(plan: EvalPlan, progress?: (row: EvalRow) => void): Promise<EvalRow[]> {
  const systemCount = evalSystems(plan.ablation).length;
  // The biggest set first, so that its slow systems do not end up alone at the end.
  const sizes = await Promise.all(plan.sets.map(async (s) => (await stat(s.docs)).size * (await stat(s.queries)).size));
  const setOrder = plan.sets.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]!);
  const jobs: Job[] = setOrder.flatMap((set) => Array.from({ length: systemCount }, (_, system) => ({ set, system })));
  const workerCount = Math.max(1, Math.min(plan.workers ?? availableParallelism(), jobs.length));
  const init: WorkerInit = { sets: plan.sets, ablation: plan.ablation, limitQueries: plan.limitQueries };
  const results = new Map<string, EvalRow>();
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
      for (let i = 0; i < workerCount; i++) {
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
          results.set(jobKey(message.job), message.row);
          progress?.(message.row);
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
  return plan.sets.flatMap((_, set) => Array.from({ length: systemCount }, (_, system) => results.get(jobKey({ set, system }))!));
}

/** MiniSearch allocates heavily; a 64 MB semi-space roughly halves its time against the default 16 MB. */
const SEMI_SPACE_MB = 64;
const WORKER_MODULE = fileURLToPath(import.meta.url);
const WORKER_FLAG = '--eval-worker';

interface Job {
  /** Index into `EvalPlan.sets`. */
  set: number;
  /** Index into `evalSystems(plan.ablation)`. */
  system: number;
}

interface WorkerInit {
  sets: readonly EvalSetFiles[];
  ablation: boolean;
  limitQueries: number | undefined;
}

type ToWorker = { type: 'init'; init: WorkerInit } | { type: 'job'; job: Job } | { type: 'exit' };
type FromWorker = { type: 'ready' } | { type: 'row'; job: Job; row: EvalRow } | { type: 'error'; job: Job; message: string };

function jobKey(job: Job): string {
  return `${job.set}/${job.system}`;
}

/**
 * The worker's side: keeps the set it last loaded (jobs come set by set),
 * so indexes shared by several systems (cached in systems.ts) are built once
 * per worker.
 */
function serveJobs(): void {
  const send = (message: FromWorker) => process.send!(message);
  let init: WorkerInit | undefined;
  let loaded: { index: number; set: EvalSet } | undefined;
  let systems: System[] = [];
  process.on('message', (message: ToWorker) => {
    if (message.type === 'exit') {
      process.disconnect();
      return;
    }
    if (message.type === 'init') {
      init = message.init;
      systems = evalSystems(init.ablation);
      send({ type: 'ready' });
      return;
    }
    const { job } = message;
    void (async () => {
      if (loaded?.index !== job.set) {
        loaded = undefined; // let the previous set and its indexes go before the next is read
        const files = init!.sets[job.set]!;
        loaded = { index: job.set, set: await loadEvalSet(files.name, files.docs, files.queries, init!.limitQueries) };
      }
      const [row] = runEval(loaded.set, [systems[job.system]!]);
      send({ type: 'row', job, row: row! });
    })().catch((error: unknown) => send({ type: 'error', job, message: error instanceof Error ? error.message : String(error) }));
  });
}

if (process.send && process.argv[2] === WORKER_FLAG && resolve(process.argv[1] ?? '') === WORKER_MODULE) serveJobs();
