import { execFile } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../../src/cli/paths';
import { OFFLINE_WRANGLER_ENV } from '../../src/cli/start';

export interface Sizes {
  raw: number;
  gzip: number;
}

/** What wrangler writes into a bundle: the modules, and any wasm or text they import. */
const BUNDLE_FILE = /\.(m?js|wasm|txt|bin)$/;

/**
 * Bundles the Worker as `wrangler deploy` would (`--dry-run --outdir`), for
 * check:edge to measure and for the local Worker to run as a snapshot.
 * Returns the entry module and the bundle's size.
 */
export async function bundleWorker(outdir: string): Promise<{ entry: string; sizes: Sizes }> {
  await rm(outdir, { recursive: true, force: true });
  await promisify(execFile)(join(ROOT, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outdir], {
    cwd: ROOT,
    env: { ...process.env, ...OFFLINE_WRANGLER_ENV },
  });
  const files = (await readdir(outdir)).filter((f) => BUNDLE_FILE.test(f));
  const entry = files.find((f) => /^index\.m?js$/.test(f));
  if (!entry) throw new Error(`wrangler deploy --dry-run left no index.js in ${outdir}`);
  const bytes = Buffer.concat(await Promise.all(files.map((f) => readFile(join(outdir, f)))));
  return { entry: join(outdir, entry), sizes: sizesOf(bytes) };
}

export function sizesOf(bytes: Uint8Array): Sizes {
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}
