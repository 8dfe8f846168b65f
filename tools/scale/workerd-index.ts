import { cp, readFile, rm } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { Miniflare } from 'miniflare';
import { linkTree } from '../../src/cli/link-tree';
import { ASSETS_DIR } from '../../src/cli/paths';
import { copyIndex } from '../../src/index/storage/copy-index';
import { FsStore } from '../../src/index/storage/fs-store';
import { R2ChunkStore, type R2Like } from '../../src/index/storage/r2-store';
import { freePort } from '../local-worker';
import { IsolateInspector } from './isolate-memory';

export type Backend = 'assets' | 'r2';

/** The Worker's name in Miniflare (its isolate is the inspector's `core:user:search`). */
const WORKER = 'search';
const BUCKET = 'de-edge-search-index';
const PREFIX = 'index/';

/**
 * Where a backend's copy of an index lives between Worker starts: a static-
 * assets folder (the page, and the index as hard links: nothing is copied),
 * or a folder of Miniflare's local R2 the index was uploaded to.
 */
export async function prepareBackend(backend: Backend, indexDir: string, work: string): Promise<string> {
  const at = join(work, backend);
  await rm(at, { recursive: true, force: true });
  if (backend === 'assets') {
    const builtIndex = join(ASSETS_DIR, 'index');
    await cp(ASSETS_DIR, at, { recursive: true, filter: (source) => source !== builtIndex && !source.startsWith(builtIndex + sep) });
    await linkTree(indexDir, join(at, 'index'));
    return at;
  }
  const mf = miniflare({ modules: true, script: 'export default { fetch: () => new Response(null) }' }, 'r2', at);
  try {
    const bucket = (await mf.getR2Bucket('INDEX')) as unknown as R2Like;
    const source = new FsStore(indexDir);
    await copyIndex(source, new R2ChunkStore(bucket, PREFIX), { concurrency: 4 });
    await source.close();
  } finally {
    await mf.dispose();
  }
  return at;
}

export interface WorkerdIndex {
  fetch(path: string): Promise<Response>;
  /** The Worker isolate's memory, through the inspector (null when it did not connect). */
  inspector: IsolateInspector | null;
  dispose(): Promise<void>;
}

/**
 * Starts the bundled Worker (`entry`) in a fresh workerd over a prepared
 * backend: a new isolate with empty caches. The Cache API starts empty too,
 * unless `cacheDir` keeps it between starts (as a data centre keeps it for
 * its isolates).
 */
export async function startWorkerd(backend: Backend, prepared: string, entry: string, cacheDir?: string): Promise<WorkerdIndex> {
  const inspectorPort = await freePort();
  const mf = miniflare(
    {
      modules: true,
      scriptPath: entry,
      modulesRoot: dirname(entry),
      script: await readFile(entry, 'utf8'),
      inspectorPort,
      ...(cacheDir ? { cachePersist: cacheDir } : {}),
      bindings: backend === 'r2' ? { INDEX_SOURCE: 'r2', INDEX_PREFIX: PREFIX } : { INDEX_SOURCE: 'assets', INDEX_PATH: '/index/' },
    },
    backend,
    prepared,
  );
  await mf.ready;
  const inspector = await IsolateInspector.connect(inspectorPort, WORKER).catch((error: unknown) => {
    console.error(`(isolate memory unavailable: ${String(error)})`);
    return null;
  });
  let disposed: Promise<void> | null = null;
  return {
    fetch: (path) => mf.dispatchFetch(`http://localhost${path}`) as unknown as Promise<Response>,
    inspector,
    dispose: async () => {
      // Idempotent: a measurement may stop the Worker before its cleanup does.
      inspector?.close();
      disposed ??= mf.dispose();
      await disposed;
    },
  };
}

function miniflare(options: Record<string, unknown>, backend: Backend, prepared: string): Miniflare {
  const base = { name: WORKER, compatibilityDate: '2026-04-20', compatibilityFlags: ['nodejs_compat'] };
  const assets = backend === 'assets' ? prepared : ASSETS_DIR;
  const storage =
    backend === 'r2' ? { r2Buckets: { INDEX: BUCKET }, r2Persist: prepared } : {};
  return new Miniflare({
    ...base,
    ...options,
    ...storage,
    assets: { directory: assets, binding: 'ASSETS', routerConfig: { has_user_worker: true } },
  } as ConstructorParameters<typeof Miniflare>[0]);
}
