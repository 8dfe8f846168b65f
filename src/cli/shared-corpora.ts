import { mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { readQuerySets } from '../eval/corpora';
import { buildIndexCommand } from './build-index';

/**
 * The `../shared/corpora` data sets as the measuring commands use them:
 * every `*.docs.jsonl` indexed together, every `*.queries.jsonl` asked
 * (files read by src/eval/corpora.ts). Read in place, never copied into the
 * repository.
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
  return (await readQuerySets(dir)).flatMap((set) => set.queries.slice(0, perSet).map((q) => String(q.query ?? '').trim()).filter(Boolean));
}
