import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Miniflare } from 'miniflare';
import { unstable_readConfig } from 'wrangler';
import { copyIndex, type CopyReport } from '../index/storage/copy-index';
import { FsStore } from '../index/storage/fs-store';
import { R2_CHUNK_SIZE, R2ChunkStore, type R2Like } from '../index/storage/r2-store';
import { runMain } from './main';
import { openIndexDir } from './open-index-dir';
import { DEFAULT_INDEX, ROOT } from './paths';

const USAGE = `usage: npm run upload:index -- [--index DIR] [--env r2] [--persist-to DIR] [--quiet]
  Publishes an index folder (what build:index writes) to the R2 bucket the Worker reads in the
  wrangler.toml environment --env (default r2: [env.r2], bucket bound as INDEX, key prefix INDEX_PREFIX):
  the chunk files the bucket lacks, then the root, then the CURRENT pointer, with a conditional put —
  a version another upload published meanwhile is refused, not overwritten. Running Workers switch
  within two seconds (VERSION_CHECK_MS).
  The bucket is wrangler's local R2 (--persist-to, default .wrangler/state: what \`npm start -- --r2\`
  and \`wrangler dev --env r2\` read).
  --index       the index folder (default ${DEFAULT_INDEX})`;

/** Where an environment of wrangler.toml reads its index in R2. */
export interface R2Target {
  bucket: string;
  prefix: string;
}

/** The bucket bound as INDEX and the INDEX_PREFIX of a wrangler.toml environment. */
export function r2TargetOf(env: string, configPath = join(ROOT, 'wrangler.toml')): R2Target {
  const config = unstable_readConfig({ config: configPath, env });
  const binding = config.r2_buckets.find((b: { binding: string }) => b.binding === 'INDEX') as { bucket_name?: string } | undefined;
  if (!binding?.bucket_name) throw new Error(`wrangler.toml [env.${env}] binds no R2 bucket as INDEX.`);
  const prefix = config.vars.INDEX_PREFIX;
  return { bucket: binding.bucket_name, prefix: typeof prefix === 'string' ? prefix : 'index/' };
}

/** Wrangler's local R2 (what `wrangler dev` reads), opened through Miniflare until `dispose`. */
export async function localBucket(bucket: string, persistTo = join(ROOT, '.wrangler/state')): Promise<{ bucket: R2Like; dispose: () => Promise<void> }> {
  const mf = new Miniflare({
    modules: true,
    script: 'export default { fetch: () => new Response(null, { status: 404 }) }',
    compatibilityDate: '2026-04-20',
    defaultPersistRoot: join(persistTo, 'v3'),
    r2Buckets: { INDEX: bucket },
  });
  return { bucket: (await mf.getR2Bucket('INDEX')) as unknown as R2Like, dispose: () => mf.dispose() };
}

/** Publishes the index folder `index` to a bucket under `prefix`; the report says the index's chunk size too. */
export async function uploadIndex(
  index: string,
  bucket: R2Like,
  prefix: string,
  onProgress?: (done: number, total: number) => void,
): Promise<CopyReport & { chunkSize: number }> {
  // A folder this program refuses (damaged root, other format) is not published.
  const reader = await openIndexDir(index);
  const { chunkSize } = reader.root;
  await reader.close();
  const source = new FsStore(index);
  try {
    return { ...(await copyIndex(source, new R2ChunkStore(bucket, prefix), { onProgress })), chunkSize };
  } finally {
    await source.close();
  }
}

/** What to tell whoever publishes an index of `chunkSize` to R2, or null: how to build it for R2 instead. */
export function chunkSizeAdvice(chunkSize: number): string | null {
  if (chunkSize >= R2_CHUNK_SIZE) return null;
  return `This index is stored as ${chunkSize / 1024} KiB chunks, sized for static assets. For R2, build it with \`npm run build:index -- --chunk-size ${R2_CHUNK_SIZE}\`: a query then makes fewer reads (R2 bills each), and an upload writes fewer objects.`;
}

export async function uploadIndexCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      index: { type: 'string', default: DEFAULT_INDEX },
      env: { type: 'string', default: 'r2' },
      'persist-to': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const target = r2TargetOf(values.env);
  const local = await localBucket(target.bucket, values['persist-to']);
  const progress = !values.quiet && process.stderr.isTTY;
  const started = performance.now();
  try {
    const report = await uploadIndex(values.index, local.bucket, target.prefix, progress ? (d, t) => process.stderr.write(`\r${d}/${t} chunk files written…`) : undefined);
    if (progress) process.stderr.write('\n');
    console.log(
      `published ${report.root} to local R2 bucket ${target.bucket}/${target.prefix}: ${report.written} chunk files written (${(report.bytes / 1048576).toFixed(1)} MiB), ${report.kept} already there, in ${Math.round(performance.now() - started)} ms`,
    );
    const advice = chunkSizeAdvice(report.chunkSize);
    if (advice && !values.quiet) console.log(advice);
    return 0;
  } finally {
    await local.dispose();
  }
}

runMain(import.meta.url, uploadIndexCommand);
