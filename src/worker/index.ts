import { createApp, isAdminPath } from './app';
import { isIndexPath } from './index-path';
import { parseConfig, type WorkerConfig } from './config';
import { parseLiveSettings } from './live-settings';
import { errorBody } from './errors';
import { AssetsChunkStore } from '../index/storage/assets-store';
import { CachedChunkStore, type CacheLike } from '../index/storage/cache-store';
import type { ChunkStore } from '../index/storage/chunk-store';
import { R2ChunkStore } from '../index/storage/r2-store';
import { createIndexLoader, openIndex, versionCheck, type LoaderOptions } from './index-loader';
import { BackgroundWork } from './background';
import type { Env } from './env';

export { IndexWriter } from './index-writer';

/**
 * Nothing this Worker answers reads a request body (the API takes GET, and
 * assets are GET/HEAD) — except the write API, which reads its bodies with a
 * limit and cancels them before any refusal. Other bodies are discarded before answering: one left unread
 * behind an early answer (a 405 to a POST with 10 kB, a POST to a static
 * asset) made the local runtime (`wrangler dev`) stop answering altogether
 * (found by `npm run fuzz`).
 */
async function withoutBody(request: Request): Promise<Request> {
  if (request.body === null) return request;
  await drain(request.body).catch(() => undefined);
  return new Request(request.url, { method: request.method, headers: request.headers, redirect: request.redirect });
}

async function drain(body: ReadableStream<Uint8Array>): Promise<void> {
  const reader = body.getReader();
  while (!(await reader.read()).done);
}

/**
 * The Worker for a set of bindings: the app over the index they name, and
 * the work it leaves for after its answers. The default export makes one per
 * isolate; tests make others (an index under another prefix, say).
 */
export function createWorker(env: Env): { fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> } {
  const config = parseConfig(env);
  const live = liveUpdates(env, config);
  const background = new BackgroundWork();
  const { store, options } = indexStore(env, config, background, live);
  const app = createApp({
    config: live ? liveConfig(config, env) : config,
    index: createIndexLoader(() => openIndex(store), options),
    rateLimiter: () => env.RATE_LIMITER,
    adminToken: () => (typeof env.ADMIN_TOKEN === 'string' ? env.ADMIN_TOKEN : undefined),
    writer: () => (live ? writerOf(env, config) : null),
    answerCache: { cache: () => (globalThis as { caches?: { default?: CacheLike } }).caches?.default, background: background.add },
    // Without the version binding (a bare Miniflare), each isolate counts as a deployment of its own: never an answer of other code.
    deployment: env.CF_VERSION_METADATA?.id ?? crypto.randomUUID(),
  });
  // Everything that is not the API is a static asset — except the index itself, which is the Worker's own.
  app.all('*', async (c) => {
    if (isIndexPath(new URL(c.req.url).pathname, config.indexPath)) return c.json(errorBody('not_found', 'Not found.'), 404);
    // A fetched response's headers are immutable; copy it so middleware (security headers) can add to them.
    const asset = await env.ASSETS.fetch(c.req.raw);
    return new Response(asset.body, asset);
  });
  return {
    async fetch(request, env, ctx) {
      const admin = isAdminPath(new URL(request.url).pathname);
      const response = await app.fetch(admin ? request : await withoutBody(request), env, ctx);
      // Cache writes and a version check started while answering finish after the answer.
      if (background.size) ctx.waitUntil(background.settled());
      return response;
    },
  };
}

/**
 * Where this Worker reads its index: the static assets (a deploy switches
 * versions, and a deploy starts new isolates), or R2 behind the Cache API
 * (upload:index and live updates switch versions under running isolates, so
 * the loader reads the pointer again at most once a second: an isolate
 * serves a new version within about two seconds of its publication).
 */
function indexStore(env: Env, config: ReturnType<typeof parseConfig>, background: BackgroundWork, live: boolean): { store: ChunkStore; options: LoaderOptions } {
  if (config.indexSource === 'r2') {
    if (!env.INDEX) throw new Error('INDEX_SOURCE is r2 but no R2 bucket is bound as INDEX');
    const r2 = new R2ChunkStore(env.INDEX, config.indexPrefix);
    // The Cache API keeps what was read from R2 in this data centre (every name but CURRENT carries a hash).
    const cache = (globalThis as { caches?: { default?: CacheLike } }).caches?.default;
    const store = cache ? new CachedChunkStore(r2, cache, `r2:${config.indexPrefix}`, background.add) : r2;
    // A live index awaits a due check, so an answer is never older than a write's flush plus one period.
    const check = versionCheck(store, config.versionCheckMs, live ? config.versionCheckMs : 2 * config.versionCheckMs);
    return { store, options: { check, background: background.add, edgeCache: store instanceof CachedChunkStore ? store.stats : undefined } };
  }
  return { store: new AssetsChunkStore(env.ASSETS, config.indexPath), options: {} };
}

/**
 * A live index is answered fresh: an answer may be reused only after asking again (its ETag names the index
 * version). Kept answers name their version too, and last no longer than replaced files, so erased text
 * leaves the answer cache as it leaves storage.
 */
function liveConfig(config: WorkerConfig, env: Env): WorkerConfig {
  return { ...config, cacheMaxAge: 0, answerCacheSeconds: Math.min(config.answerCacheSeconds, Math.floor(parseLiveSettings(env).graceMs / 1000)) };
}

/** Live updates need the writer and an index in R2 that search reads. */
function liveUpdates(env: Env, config: ReturnType<typeof parseConfig>): boolean {
  return Boolean(env.WRITER && env.INDEX && config.indexSource === 'r2');
}

/** The one writer of this index: a Durable Object named by the index's prefix. */
function writerOf(env: Env, config: ReturnType<typeof parseConfig>) {
  return env.WRITER!.get(env.WRITER!.idFromName(`index:${config.indexPrefix}`));
}

// Module scope lives as long as the isolate: config and index are read once and shared by its requests.
let worker: ReturnType<typeof createWorker> | null = null;

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    worker ??= createWorker(env);
    return worker.fetch(request, env, ctx);
  },
  /** The Cron Trigger (wrangler.toml `[triggers]`): compaction that also drops deleted text (see docs/DESIGN.md). */
  async scheduled(_controller: ScheduledController, env: Env): Promise<void> {
    const config = parseConfig(env);
    if (!liveUpdates(env, config)) return;
    const result = await writerOf(env, config).compact({ expunge: true });
    console.log('compaction', JSON.stringify(result));
  },
} satisfies ExportedHandler<Env>;
