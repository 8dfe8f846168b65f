import { cp, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildIndexCommand } from './build-index';
import { loadIndexFile } from './load-index-file';
import { runMain } from './main';
import { ASSETS_DIR, DEFAULT_CORPUS, DEFAULT_INDEX, PUBLIC_DIR } from './paths';

/**
 * `npm run build`: everything the Worker serves, in its static-assets folder —
 * the index (rebuilt when missing, older than the corpus, or refused by this
 * program, e.g. built by an older version) and the page.
 */
export async function buildCommand(): Promise<number> {
  if (await indexIsStale()) {
    const code = await buildIndexCommand([]);
    if (code !== 0) return code;
  }
  await cp(PUBLIC_DIR, ASSETS_DIR, { recursive: true });
  return 0;
}

async function indexIsStale(): Promise<boolean> {
  const built = await stat(DEFAULT_INDEX).catch(() => null);
  if (!built) return true;
  for (const file of await readdir(DEFAULT_CORPUS)) {
    if ((await stat(join(DEFAULT_CORPUS, file))).mtimeMs > built.mtimeMs) return true;
  }
  // An index this program refuses (another format version after an update, a damaged file) is rebuilt too.
  return loadIndexFile(DEFAULT_INDEX).then(
    () => false,
    () => true,
  );
}

runMain(import.meta.url, buildCommand);
