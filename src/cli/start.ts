import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, rm } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { buildCommand, indexIsStale } from './build';
import { buildIndexCommand } from './build-index';
import { linkTree } from './link-tree';
import { runMain } from './main';
import { openIndexDir } from './open-index-dir';
import { ASSETS_DIR, DEFAULT_INDEX, ROOT } from './paths';
import { R2_CHUNK_SIZE } from '../index/storage/r2-store';

/** Keeps `wrangler dev` from reaching out: no metrics, no banner check, no request.cf lookup. */
export const OFFLINE_WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
};

export const START_USAGE = `usage: npm start -- [--corpus DIR | --index DIR] [--r2] [wrangler dev options…]
  (nothing)      the demo corpus (corpus/), index and page from static assets
  --corpus DIR   builds an index of DIR (again only when a file of DIR is newer) and serves it
  --index DIR    serves an index folder built before (build:index --out DIR)
  --r2           reads the index from wrangler's local R2 instead (uploaded first, as upload:index does;
                 wrangler.toml [env.r2]), as a Worker does for an archive beyond the static-asset limits;
                 with --corpus, the index is built with R2's chunk size (1 MiB)`;

/**
 * `npm start`: builds what is missing or stale (`npm run build`) and runs the
 * Worker locally in workerd (`wrangler dev`), offline, on 127.0.0.1 — over
 * the demo corpus, another corpus or an index folder, from static assets or
 * from local R2.
 */
export async function startCommand(argv: string[]): Promise<number> {
  const { corpus, index, r2, rest, help } = startOptions(argv);
  if (help) {
    console.log(START_USAGE);
    return 0;
  }
  const built = await buildCommand();
  if (built !== 0) return built;
  const wranglerArgs = [...rest];
  let served = index ? resolve(index) : DEFAULT_INDEX;
  let assets: string | null = null;
  if (corpus) {
    // For R2, chunks of R2_CHUNK_SIZE (a query reads fewer ranges), in a folder of their own.
    const key = `${basename(resolve(corpus))}-${createHash('sha256').update(resolve(corpus)).digest('hex').slice(0, 8)}${r2 ? '-r2' : ''}`;
    const folder = join(ROOT, 'build/corpora', key);
    served = join(folder, 'assets/index');
    if (await indexIsStale(served, corpus)) {
      const code = await buildIndexCommand(['--corpus', corpus, '--out', served, ...(r2 ? ['--chunk-size', String(R2_CHUNK_SIZE)] : [])]);
      if (code !== 0) return code;
    } else console.log(`${served} is up to date with ${corpus}`);
    assets = join(folder, 'assets');
  } else if (index) {
    // Refuse a folder that is no index before anything is served from it.
    await (await openIndexDir(served)).close();
    assets = join(ROOT, 'build/serve/assets');
    await rm(assets, { recursive: true, force: true });
    await linkTree(served, join(assets, 'index'));
  }
  if (r2) {
    // Loaded only here: wrangler's and Miniflare's modules take a while to load.
    const { chunkSizeAdvice, localBucket, r2TargetOf, uploadIndex } = await import('./upload-index');
    const target = r2TargetOf('r2');
    const local = await localBucket(target.bucket);
    try {
      const report = await uploadIndex(served, local.bucket, target.prefix);
      console.log(`local R2 ${target.bucket}/${target.prefix} names ${report.root} (${report.written} chunk files written, ${report.kept} already there)`);
      const advice = index ? chunkSizeAdvice(report.chunkSize) : null;
      if (advice) console.log(advice);
    } finally {
      await local.dispose();
    }
    wranglerArgs.push('--env', 'r2');
  } else if (assets) {
    // The page beside the index: the static-assets folder the Worker serves for this corpus.
    const builtIndex = join(ASSETS_DIR, 'index');
    await cp(ASSETS_DIR, assets, { recursive: true, filter: (source) => source !== builtIndex && !source.startsWith(builtIndex + sep) });
    wranglerArgs.push('--assets', assets);
  }
  const port = process.env.PORT ?? '8787';
  console.log(`Search page: http://127.0.0.1:${port}/   API: http://127.0.0.1:${port}/api/search?q=Militärhilfe   Health: http://127.0.0.1:${port}/api/health`);
  const child = spawn(join(ROOT, 'node_modules/.bin/wrangler'), ['dev', '--ip', '127.0.0.1', '--port', port, ...wranglerArgs], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...OFFLINE_WRANGLER_ENV },
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
}

/** This command's options; everything else goes to `wrangler dev`. */
export function startOptions(argv: string[]): { corpus?: string; index?: string; r2: boolean; help: boolean; rest: string[] } {
  const out: { corpus?: string; index?: string; r2: boolean; help: boolean; rest: string[] } = { r2: false, help: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (name === '--corpus' || name === '--index') {
      const value = inline ?? argv[++i];
      if (!value) throw new Error(`${name} needs a folder.\n${START_USAGE}`);
      out[name === '--corpus' ? 'corpus' : 'index'] = value;
    } else if (arg === '--r2') out.r2 = true;
    else if (arg === '--help' || arg === '-h') out.help = true;
    else out.rest.push(arg);
  }
  if (out.corpus && out.index) throw new Error(`--corpus and --index name two indexes; give one.\n${START_USAGE}`);
  return out;
}

runMain(import.meta.url, startCommand);
