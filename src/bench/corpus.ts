import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonLines } from '../corpus';
import type { Article } from '../corpus/article';
import type { EvalQuery } from '../eval/run';

/** Every `*.docs.jsonl` of a ../shared/corpora-style directory, files in name order (the query files are not articles). */
export async function readCorpusDir(dir: string): Promise<Article[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.docs.jsonl')).sort();
  if (files.length === 0) throw new Error(`${dir} holds no *.docs.jsonl files`);
  const articles: Article[] = [];
  for (const f of files) {
    const read = readJsonLines(f, await readFile(join(dir, f), 'utf8'));
    if (read.problems.length) throw new Error(`${f}: ${read.problems.length} unreadable lines, first: ${read.problems[0]!.reason}`);
    for (const a of read.articles) articles.push(a);
  }
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
  return Promise.all(
    files.map(async (f) => ({
      name: f.replace(/\.queries\.jsonl$/, ''),
      queries: (await readFile(join(dir, f), 'utf8'))
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as EvalQuery),
    })),
  );
}
