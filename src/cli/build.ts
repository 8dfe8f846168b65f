import { build as bundle } from 'esbuild';
import { cp, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildIndexCommand } from './build-index';
import { CURRENT } from '../index/root';
import { openIndexDir } from './open-index-dir';
import { runMain } from './main';
import { ASSETS_DIR, DEFAULT_CORPUS, DEFAULT_INDEX, PUBLIC_DIR } from './paths';

/** The browser's scripts: the search page's and the embeddable box's, each bundled with what it imports. */
export const BROWSER_ENTRY_POINTS = ['search.js', 'embed.js'];

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
  await buildPage();
  return 0;
}

/**
 * The page's static files as they are, and its scripts bundled: they import
 * the renderer the server uses (src/render/results.ts), so page, box and
 * server render a result from the same code. Not minified: what a browser
 * runs can be read.
 */
async function buildPage(): Promise<void> {
  // Scripts of an earlier build that no entry point makes any more must not be served, nor an index file of the
  // earlier format (search-index.bin and its parts): only the index folder is kept from being served.
  for (const file of await readdir(ASSETS_DIR).catch(() => [] as string[])) {
    if (file.endsWith('.js') || /^search-index\.bin(\.\d+)?$/.test(file)) await rm(join(ASSETS_DIR, file));
  }
  await cp(PUBLIC_DIR, ASSETS_DIR, { recursive: true, filter: (source) => !source.endsWith('.js') });
  await bundle({
    entryPoints: BROWSER_ENTRY_POINTS.map((file) => join(PUBLIC_DIR, file)),
    outdir: ASSETS_DIR,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

/** Whether an index folder must be (re)built from a corpus folder: missing, older than a corpus file, or refused by this program. */
export async function indexIsStale(index = DEFAULT_INDEX, corpus = DEFAULT_CORPUS): Promise<boolean> {
  // The pointer is written last: it is as new as the index.
  const built = await stat(join(index, CURRENT)).catch(() => null);
  if (!built) return true;
  for (const file of await readdir(corpus)) {
    if ((await stat(join(corpus, file))).mtimeMs > built.mtimeMs) return true;
  }
  // An index this program refuses (another format version after an update, a damaged root) is rebuilt too.
  return openIndexDir(index).then(
    async (reader) => {
      await reader.close();
      return false;
    },
    () => true,
  );
}

runMain(import.meta.url, buildCommand);
