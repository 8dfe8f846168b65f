/**
 * Run as its own process under `--max-old-space-size=128 --expose-gc`: opens
 * an index folder exactly as the Worker does (`openIndex` of
 * src/worker/index-loader.ts, with its budget, over a store that returns
 * whole chunk files as static assets do) and runs queries, then prints what
 * memory it took and what the queries read as one JSON line. A Worker
 * isolate has 128 MB; local workerd does not enforce it, so this is where it
 * is checked.
 */
import { readFileSync } from 'node:fs';
import type { ChunkStore } from '../../src/index/storage/chunk-store';
import { WholeFileStore } from '../whole-file-store';
import { FsStore } from '../../src/index/storage/fs-store';
import { R2_REQUEST_BYTES } from '../../src/index/storage/r2-store';
import { search } from '../../src/search';
import { openIndex } from '../../src/worker/index-loader';

/** An index folder read the way the Worker reads R2: byte ranges, those of a chunk within a request's worth as one. */
function r2LikeStore(dir: string): ChunkStore {
  const files = new FsStore(dir);
  return { ranged: true, requestBytes: R2_REQUEST_BYTES, get: (name, range) => files.get(name, range), close: () => files.close() };
}

// `ranged`: read byte ranges as from R2 (no whole-chunk cache) instead of whole chunk files as from static assets.
const [dir, queriesFile, soakFile, mode] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc!;
const mb = (n: number) => Math.round((n / 1e6) * 10) / 10;
/** Live memory: the JS heap in use plus array buffers (chunks and ranges read from the index live in those). */
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const at = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

gc();
const baseline = used();
let peak = used();
const started = performance.now();
const index = await openIndex(mode === 'ranged' ? r2LikeStore(dir!) : new WholeFileStore(dir!));
const openMs = performance.now() - started;
peak = Math.max(peak, used());
gc();
const afterOpen = used();
const queries = readFileSync(queriesFile!, 'utf8').split('\n').filter(Boolean);
const bytes: number[] = [];
const waves: number[] = [];
// Peak: what the index plus one query's allocations hold (collected after each query, so garbage
// from earlier queries, which V8 would reclaim under pressure, does not count).
for (const q of queries) {
  const { io } = await search(index, q, { limit: 10, group: true });
  bytes.push(io.bytes);
  waves.push(io.waves);
  peak = Math.max(peak, used());
  gc();
}
gc();
const afterQueries = used();
// Soak: many more queries, as a long-lived isolate answers them; what stays live after them must not grow
// (per-word memos and the reader's caches are bounded). Collected every 500 queries, not after each.
const soak = soakFile ? readFileSync(soakFile, 'utf8').split('\n').filter(Boolean) : [];
let soakPeak = afterQueries;
for (const [i, q] of soak.entries()) {
  await search(index, q, { limit: 10, group: true });
  if (i % 500 === 499) {
    gc();
    soakPeak = Math.max(soakPeak, used());
  }
}
gc();
const afterSoak = used();
const cache = index.cacheFill();
bytes.sort((a, b) => a - b);
waves.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    loadMs: Math.round(openMs),
    loadedMb: mb(afterOpen - baseline),
    peakMb: mb(peak - baseline),
    afterQueriesMb: mb(afterQueries - baseline),
    soakQueries: soak.length,
    afterSoakMb: mb(Math.max(soakPeak, afterSoak) - baseline),
    cacheMb: mb(Object.values(cache).reduce((sum, n) => sum + n, 0)),
    // Each consumer the budget names (src/worker/index-loader.ts WORKER_BUDGET), MB, after the soak.
    cacheShares: Object.fromEntries(Object.entries(cache).map(([consumer, bytes]) => [consumer, mb(bytes)])),
    totalHeapMb: mb(afterQueries),
    queries: queries.length,
    readKbP50: Math.round(at(bytes, 0.5) / 1024),
    readKbP95: Math.round(at(bytes, 0.95) / 1024),
    wavesP95: at(waves, 0.95),
    paragraphs: index.docCount,
    rootBytes: index.rootBytes,
  }),
);
