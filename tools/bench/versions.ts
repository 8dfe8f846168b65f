/**
 * Two versions of the engine side by side: this checkout and another (a
 * commit checked out elsewhere, e.g. `git worktree add --detach /tmp/old
 * <commit>` with its node_modules), each opening the same index folder, in
 * one process, query by query, who goes first alternating — so a noisy,
 * shared machine slows both alike and the ratio holds where absolute
 * figures do not. Each query is asked once (first time, as a visitor asks
 * it), then, with `--again`, a second time (what a warm isolate answers),
 * and with `--again-after-all` once more after every other query (what the
 * caches kept of it). `--worker` opens both as the Worker opens static
 * assets (whole chunk files, its cache budget: src/worker/index-loader.ts)
 * instead of as `npm run query` does.
 * Every answer's top 10 is compared: a change that should only be faster
 * must find the same.
 *
 *   npm run bench:versions -- --old DIR --index IDX [--old-index IDX] [--class short|questions] [--per-set 40] [--again] [--again-after-all] [--worker]
 *
 * The old checkout must read the index's format; across a format change,
 * `--old-index` gives it the same corpus built by its own build:index (the
 * top 10 may then differ where the ranking changed with the format).
 */
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openIndexDir } from '../../src/cli/open-index-dir';
import { runMain } from '../../src/cli/main';
import { ROOT } from '../../src/cli/paths';
import { search } from '../../src/search';
import { openIndex as openWorkerIndex } from '../../src/worker/index-loader';
import { WholeFileStore } from '../whole-file-store';
import { readQuerySets } from '../shared-corpora';
import { pickQueries } from './queries';
import { percentile } from './stats';

const USAGE =
  'usage: npm run bench:versions -- --old DIR --index IDX [--old-index IDX] [--class short|questions] [--per-set N] [--short N] [--again] [--again-after-all] [--worker] [--queries DIR]';

type Engine = { open: (dir: string) => Promise<unknown>; search: (index: unknown, q: string) => Promise<{ results: Array<{ id: string; paragraph: number }> }> };

export async function versionsBenchCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      old: { type: 'string' },
      index: { type: 'string' },
      'old-index': { type: 'string' },
      class: { type: 'string', default: 'questions' },
      'per-set': { type: 'string', default: '40' },
      short: { type: 'string', default: '150' },
      again: { type: 'boolean', default: false },
      'again-after-all': { type: 'boolean', default: false },
      worker: { type: 'boolean', default: false },
      queries: { type: 'string', default: join(ROOT, '../shared/corpora') },
      seed: { type: 'string', default: '7' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.old || !values.index || !['short', 'questions'].includes(values.class)) {
    console.error(USAGE);
    return 2;
  }
  const oldDir = resolve(values.old);
  const worker = values.worker;
  const engines: Engine[] = [
    await engineAt(oldDir, worker),
    {
      open: (dir) => (worker ? openWorkerIndex(new WholeFileStore(dir)) : openIndexDir(dir)),
      search: (index, q) => search(index as Parameters<typeof search>[0], q, { limit: 10 }),
    },
  ];
  const picked = pickQueries(await readQuerySets(resolve(values.queries)), {
    perSet: Number(values['per-set']),
    short: Number(values.short),
    typed: 0,
    seed: Number(values.seed),
  });
  const queries = values.class === 'short' ? picked.short : picked.questions.map((q) => q.query);
  const oldIndex = resolve(values['old-index'] ?? values.index);
  const indexes = [await engines[0]!.open(oldIndex), await engines[1]!.open(resolve(values.index))];
  const opened = worker ? ' (each as the Worker opens static assets)' : '';
  console.log(
    `${queries.length} queries (${values.class}) over ${values.index}; old: ${oldDir} over ${oldIndex}${opened}; ${new Date().toISOString()}, load average ${loadavg()[0]!.toFixed(1)}`,
  );

  const inTurn = values.again ? ['first time', 'asked again'] : ['first time'];
  const passes = values['again-after-all'] ? [...inTurn, 'again after all'] : inTurn;
  const times = passes.map(() => [[] as number[], [] as number[]]);
  let differing = 0;
  // Who goes first alternates from query to query, and in the pass after all from how it went the first time.
  const ask = async (q: string, p: number, oldFirst: boolean) => {
    const tops: string[] = ['', ''];
    for (const side of oldFirst ? [0, 1] : [1, 0]) {
      const started = performance.now();
      const res = await engines[side]!.search(indexes[side], q);
      times[p]![side]!.push(performance.now() - started);
      tops[side] = res.results.map((r) => `${r.id}#${r.paragraph}`).join(' ');
    }
    if (p === 0 && tops[0] !== tops[1]) differing++;
  };
  for (const [i, q] of queries.entries()) for (const [p] of inTurn.entries()) await ask(q, p, i % 2 === 0);
  if (passes.length > inTurn.length) for (const [i, q] of queries.entries()) await ask(q, inTurn.length, i % 2 === 1);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  console.log('| pass | old p50 / p95 ms | new p50 / p95 ms | new ÷ old (mean) |');
  console.log('|---|---:|---:|---:|');
  passes.forEach((pass, p) => {
    const [o, n] = times[p]!.map((v) => [...v].sort((a, b) => a - b)) as [number[], number[]];
    const f = (v: number[]) => `${percentile(v, 50).toFixed(2)} / ${percentile(v, 95).toFixed(2)}`;
    console.log(`| ${pass} | ${f(o)} | ${f(n)} | ${(mean(n) / mean(o)).toFixed(3)} |`);
  });
  console.log(`${differing} of ${queries.length} queries with another top 10`);
  // Over one index, a version that only speeds up must find the same; over two builds, differences are reported only.
  return differing === 0 || values['old-index'] ? 0 : 1;
}

/** The engine of another checkout, loaded from its sources; `worker`: opening as the Worker does. */
async function engineAt(dir: string, worker: boolean): Promise<Engine> {
  const engine = (await import(join(dir, 'src/search/index.ts'))) as { search: (index: unknown, q: string, o: object) => Promise<{ results: Array<{ id: string; paragraph: number }> }> };
  const search = (index: unknown, q: string) => engine.search(index, q, { limit: 10 });
  if (worker) {
    const loader = (await import(join(dir, 'src/worker/index-loader.ts'))) as { openIndex: (store: WholeFileStore) => Promise<unknown> };
    return { open: (d) => loader.openIndex(new WholeFileStore(d)), search };
  }
  const opener = (await import(join(dir, 'src/cli/open-index-dir.ts'))) as { openIndexDir: (dir: string) => Promise<unknown> };
  return { open: (d) => opener.openIndexDir(d), search };
}

runMain(import.meta.url, versionsBenchCommand);
