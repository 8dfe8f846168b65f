import { readFile } from 'node:fs/promises';
import { readJsonLines } from '../corpus';
import type { Article } from '../corpus/article';
import { evaluate, type Metrics } from './metrics';
import type { System } from './systems';

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
  /** Mean time per query, in milliseconds. */
  msPerQuery: number;
  buildMs: number;
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

/** Runs every system on the set: builds its index, asks every query, scores the top 100. */
export function runEval(set: EvalSet, systems: readonly System[], progress?: (row: EvalRow) => void): EvalRow[] {
  return systems.map((system) => {
    const buildStarted = performance.now();
    const searcher = system.build(set.articles);
    const buildMs = performance.now() - buildStarted;
    const started = performance.now();
    const judged = set.queries.map((q) => ({
      ranked: searcher(q.query),
      relevant: new Set(q.relevant.map((r) => `${r.doc}#${r.paragraph}`)),
    }));
    const ms = performance.now() - started;
    const row: EvalRow = {
      set: set.name,
      system: system.name,
      ...evaluate(judged),
      queries: set.queries.length,
      msPerQuery: ms / (set.queries.length || 1),
      buildMs,
    };
    progress?.(row);
    return row;
  });
}
