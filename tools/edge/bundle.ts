import { execFile } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { OFFLINE_WRANGLER_ENV } from '../../src/cli/start';
import { ROOT } from '../../src/cli/paths';

export interface Sizes {
  raw: number;
  gzip: number;
}

/** Bundles the Worker as `wrangler deploy` would (`--dry-run --outdir`) and measures it. */
export async function bundleWorker(outdir: string): Promise<{ entry: string; sizes: Sizes }> {
  await rm(outdir, { recursive: true, force: true });
  await promisify(execFile)(join(ROOT, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outdir], {
    cwd: ROOT,
    env: { ...process.env, ...OFFLINE_WRANGLER_ENV },
  });
  const files = (await readdir(outdir)).filter((f) => /\.(m?js|wasm|txt|bin)$/.test(f));
  const bytes = Buffer.concat(await Promise.all(files.map((f) => readFile(join(outdir, f)))));
  const entry = files.find((f) => /^index\.m?js$/.test(f)) ?? files[0]!;
  return { entry: join(outdir, entry), sizes: await sizesOf(bytes) };
}

export async function sizesOf(bytes: Uint8Array): Promise<Sizes> {
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}
