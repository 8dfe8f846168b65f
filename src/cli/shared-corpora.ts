import { mkdir, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { buildIndexCommand } from './build-index';

/**
 * The `../shared/corpora` data sets as commands use them for measuring:
 * every `*.docs.jsonl` indexed together, every `*.queries.jsonl` asked.
 * Read in place, never copied into the repository.
 */

/** Builds one index over every `*.docs.jsonl` of `corpora` (the query files are not articles) into `work`; returns its path. */
export async function buildCorporaIndex(corpora: string, work: string): Promise<string> {
  const dir = join(work, 'corpora');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const docs = (await readdir(corpora)).filter((f) => f.endsWith('.docs.jsonl'));
  if (docs.length === 0) throw new Error(`No *.docs.jsonl in ${corpora}.`);
  for (const f of docs) await symlink(join(corpora, f), join(dir, f));
  const out = join(work, 'corpora-index', 'search-index.bin');
  console.error(`building an index over ${docs.length} files of ${corpora} …`);
  if ((await buildIndexCommand(['--corpus', dir, '--out', out])) !== 0) throw new Error('building the corpora index failed');
  return out;
}

/** The queries of every `*.queries.jsonl` in `dir`, in file name order; `perSet` keeps the first so many of each. */
export async function readCorporaQueries(dir: string, perSet = Infinity): Promise<string[]> {
  const queries: string[] = [];
  for (const f of (await readdir(dir)).filter((f) => f.endsWith('.queries.jsonl')).sort()) {
    const lines = (await readFile(join(dir, f), 'utf8')).split('\n').filter((line) => line.trim());
    for (const line of lines.slice(0, perSet)) {
      const q = String((JSON.parse(line) as { query: unknown }).query ?? '').trim();
      if (q) queries.push(q);
    }
  }
  return queries;
}
