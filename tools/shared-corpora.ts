import { mkdir, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readJsonLines } from '../src/corpus';
import type { Article } from '../src/corpus/article';
import { buildIndexCommand } from '../src/cli/build-index';

/**
 * The ../shared/corpora format, read in one place for eval, bench, check:edge
 * and the load test: `<name>.docs.jsonl` (articles, one per line) and
 * `<name>.queries.jsonl` (a query and its relevant paragraphs per line).
 * Read in place, never copied into the repository.
 */

/** A judged query: what was asked and the paragraphs that answer it. */
export interface EvalQuery {
  qid: string;
  query: string;
  relevant: Array<{ doc: string; paragraph: number }>;
}

/** The articles of one `*.docs.jsonl`; a line that does not read is an error here (these are measuring sets). */
export async function readDocsFile(file: string): Promise<Article[]> {
  const read = readJsonLines(file, await readFile(file, 'utf8'));
  if (read.problems.length) throw new Error(`${file}: ${read.problems.length} unreadable lines, first: ${read.problems[0]!.reason}`);
  return read.articles;
}

/** The judged queries of one `*.queries.jsonl`, in file order. */
export async function readQueriesFile(file: string): Promise<EvalQuery[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuery);
}

/** Every `*.docs.jsonl` of a directory, files in name order (the query files are not articles). */
export async function readCorpusDir(dir: string): Promise<Article[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.docs.jsonl')).sort();
  if (files.length === 0) throw new Error(`${dir} holds no *.docs.jsonl files`);
  const articles: Article[] = [];
  for (const f of files) for (const a of await readDocsFile(join(dir, f))) articles.push(a);
  return articles;
}

/** A query set: its name (the file name without `.queries.jsonl`) and its judged queries, in file order. */
export interface QuerySet {
  name: string;
  queries: EvalQuery[];
}

/** Every `*.queries.jsonl` of the directory, in name order. */
export async function readQuerySets(dir: string): Promise<QuerySet[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.queries.jsonl')).sort();
  return Promise.all(files.map(async (f) => ({ name: f.replace(/\.queries\.jsonl$/, ''), queries: await readQueriesFile(join(dir, f)) })));
}

/**
 * Builds one index over every `*.docs.jsonl` of `corpora` (the query files
 * are not articles) with `npm run build:index` into a folder under `work`;
 * returns the index folder.
 */
export async function buildCorporaIndex(corpora: string, work: string): Promise<string> {
  const docs = (await readdir(corpora)).filter((f) => f.endsWith('.docs.jsonl'));
  if (docs.length === 0) throw new Error(`No *.docs.jsonl in ${corpora}.`);
  console.error(`building an index over ${docs.length} files of ${corpora} …`);
  return buildIndexOfFiles(docs.map((f) => join(corpora, f)), work, 'corpora');
}

/**
 * Builds one index over these article files, linked (never copied) into a
 * folder `<name>` under `work`, with `npm run build:index` into
 * `<name>-index` beside it; returns the index folder. build:index's summary
 * line goes to stderr, so that a tool's `--json` output stays JSON.
 */
export async function buildIndexOfFiles(files: readonly string[], work: string, name: string): Promise<string> {
  const dir = join(work, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const f of files) await symlink(f, join(dir, basename(f)));
  const out = join(work, `${name}-index`);
  await rm(out, { recursive: true, force: true });
  const log = console.log;
  console.log = (...a: unknown[]) => console.error(...a);
  try {
    if ((await buildIndexCommand(['--corpus', dir, '--out', out, '--quiet'])) !== 0) throw new Error(`building an index of ${files.join(', ')} failed`);
  } finally {
    console.log = log;
  }
  return out;
}

/** The queries of every `*.queries.jsonl` in `dir`, in file name order; `perSet` keeps the first so many of each. */
export async function readCorporaQueries(dir: string, perSet = Infinity): Promise<string[]> {
  return (await readQuerySets(dir)).flatMap((set) => set.queries.slice(0, perSet).map((q) => String(q.query ?? '').trim()).filter(Boolean));
}
