import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { readRoot } from '../../../src/index/index-reader';
import { AssetsChunkStore } from '../../../src/index/storage/assets-store';
import { chunkNamesOf, copyIndex } from '../../../src/index/storage/copy-index';
import { R2ChunkStore } from '../../../src/index/storage/r2-store';
import type { Env } from '../../../src/worker/env';
import { createWorker } from '../../../src/worker/index';

// Shared by the storage tests in workerd (vitest.workers.config.ts, project workerd-storage):
// the Worker reads R2 (bucket INDEX, prefix index/) unless a test makes one with other bindings.

export const bindings = env as unknown as Env & { INDEX: R2Bucket };

/** The index `npm run build` left among the static assets (the demo corpus). */
export const assetsIndex = () => new AssetsChunkStore(bindings.ASSETS, '/index/');

export const r2 = (prefix: string) => new R2ChunkStore(bindings.INDEX, prefix);

/** Copies the built index into the bucket under `prefix`; returns its root's name and chunk names. */
export async function uploadBuiltIndex(prefix: string): Promise<{ root: string; chunks: string[] }> {
  const { root } = await copyIndex(assetsIndex(), r2(prefix));
  const read = await readRoot((n) => r2(prefix).get(n));
  return { root, chunks: chunkNamesOf(read.root) };
}

/** A Worker of its own (its own isolate-level index loader and caches) for other bindings. */
export function workerWith(vars: Partial<Env>): (path: string) => Promise<Response> {
  const worker = createWorker({ ...bindings, ...vars });
  return async (path) => {
    const ctx = createExecutionContext();
    const response = await worker.fetch(new Request(`http://localhost${path}`), { ...bindings, ...vars }, ctx);
    await waitOnExecutionContext(ctx);
    return response;
  };
}

export const json = async (res: Response) => (await res.json()) as any;

/** A result list as `id:paragraph`, in order. */
export const top = (body: { results: Array<{ id: string; paragraph: number }> }) => body.results.map((r) => `${r.id}:${r.paragraph}`);

export const flip = (bytes: Uint8Array, at: number) => {
  const b = bytes.slice();
  b[at % b.length]! ^= 0xff;
  return b;
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
