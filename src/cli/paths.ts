import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever the working directory. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_CORPUS = join(ROOT, 'corpus');
/** Static assets the Worker serves (wrangler.toml `[assets]`); the index lives among them. */
export const ASSETS_DIR = join(ROOT, 'build/assets');
/** The index folder: chunk files, roots and the CURRENT pointer (the Worker reads them, never serves them). */
export const DEFAULT_INDEX = join(ASSETS_DIR, 'index');
export const PUBLIC_DIR = join(ROOT, 'public');
