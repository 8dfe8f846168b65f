import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runMain } from '../../src/cli/main';
import type { Article } from '../../src/corpus/article';
import type { IndexReader } from '../../src/index/index-reader';
import { buildMemoryIndex } from '../../src/index/memory-index';
import { rankParagraphs, type SearchOptions } from '../../src/search';
import { paragraphKey } from '../systems/system';
import { readDocsFile, readQuerySets } from '../shared-corpora';

const SHARED = join(import.meta.dirname, '../../../shared/corpora');
const USAGE = `usage: npm run check:pruning -- [--corpus DIR] [--sets a,b] [--every N]
  Indexes each judged set of DIR (default ../shared/corpora) on its own, in memory, and asks
  every query twice by relevance: as the engine answers (top-k, skipping what the score bounds
  rule out) and exhaustively (every matching paragraph scored). Prints how many top 10s differ;
  exits with 1 if any does. (Reads in waves and the date order are checked on generated
  queries by tests/search/pruning.test.ts.)
  --sets LIST   only these sets (names of DIR/*.queries.jsonl)
  --every N     ask every Nth query only (default 1: all)`;

/** A query whose pruned top 10 is not the exhaustive one, both as `doc#paragraph:score`. */
export interface PruningMismatch {
  query: string;
  pruned: string[];
  exhaustive: string[];
}

/** The top 10 as `doc#paragraph:score` (scores to nine decimals): what pruned and exhaustive answers must share. */
export async function top10(index: IndexReader, query: string, options: SearchOptions = {}): Promise<string[]> {
  return (await rankParagraphs(index, query, { limit: 10, ...options })).map((r) => `${paragraphKey(r.id, r.paragraph)}:${r.score.toFixed(9)}`);
}

/**
 * Builds an index of `docs` in memory and asks each query with pruning and
 * exhaustively; returns the queries whose top 10 differ. Pruning may change
 * how much is scored, never the answer.
 */
export async function comparePruning(docs: readonly Article[], queries: readonly string[]): Promise<PruningMismatch[]> {
  const index = await buildMemoryIndex(docs);
  const mismatches: PruningMismatch[] = [];
  for (const query of queries) {
    const [pruned, exhaustive] = [await top10(index, query), await top10(index, query, { exhaustive: true })];
    if (pruned.join('\n') !== exhaustive.join('\n')) mismatches.push({ query, pruned, exhaustive });
  }
  return mismatches;
}

/** Every `every`th item, from the first: an even spread over a file's order. */
export function everyNth<T>(items: readonly T[], every: number): T[] {
  return items.filter((_, i) => i % every === 0);
}

export async function checkPruning(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      corpus: { type: 'string', default: SHARED },
      sets: { type: 'string' },
      every: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const every = Number(values.every);
  if (!Number.isInteger(every) || every < 1) throw new Error(`--every must be a whole number of at least 1, not ${values.every}\n${USAGE}`);
  if (!existsSync(values.corpus)) throw new Error(`no corpus folder at ${values.corpus}\n${USAGE}`);
  const wanted = values.sets?.split(',').map((s) => s.trim());
  const all = await readQuerySets(values.corpus);
  const unknown = wanted?.filter((name) => !all.some((s) => s.name === name)) ?? [];
  if (unknown.length) throw new Error(`no query sets named ${unknown.join(', ')} in ${values.corpus}`);
  const sets = all.filter((s) => !wanted || wanted.includes(s.name));
  if (sets.length === 0) throw new Error(`no query sets (*.queries.jsonl) in ${values.corpus}`);
  let differing = 0;
  for (const set of sets) {
    const started = performance.now();
    const docs = await readDocsFile(join(values.corpus, `${set.name}.docs.jsonl`));
    const queries = everyNth(set.queries, every).map((q) => q.query);
    const mismatches = await comparePruning(docs, queries);
    differing += mismatches.length;
    console.log(`${set.name}: ${queries.length} queries, ${mismatches.length} top 10s differ (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    for (const m of mismatches.slice(0, 5)) console.log(`  ${JSON.stringify(m.query)}\n    pruned:     ${m.pruned.join(' ')}\n    exhaustive: ${m.exhaustive.join(' ')}`);
  }
  return differing === 0 ? 0 : 1;
}

runMain(import.meta.url, checkPruning);
