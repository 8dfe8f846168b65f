/**
 * Run as its own process under `--max-old-space-size=128 --expose-gc`: loads
 * an index exactly as the Worker does (bytes → loadIndex) and runs queries,
 * then prints what memory it took as one JSON line. A Worker isolate has
 * 128 MB; local workerd does not enforce it, so this is where it is checked.
 */
import { readFileSync } from 'node:fs';
import { readParts, partName } from '../../src/index/parts';
import { loadIndex } from '../../src/index/serialize';
import { search } from '../../src/search';

const [path, queriesFile, soakFile] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc!;
const mb = (n: number) => Math.round((n / 1e6) * 10) / 10;
/** Live memory: the JS heap in use plus array buffers (the index file lives in one). */
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

gc();
const baseline = used();
let peak = used();
const started = performance.now();
// As the Worker does: the parts, each one buffer as from an assets fetch, joined into one.
const read = (part: number) => {
  const file = readFileSync(partName(path!, part));
  return new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
};
const index = loadIndex(await readParts(read(0), async (part) => read(part)));
const loadMs = performance.now() - started;
peak = Math.max(peak, used());
gc();
const afterLoad = used();
const queries = readFileSync(queriesFile!, 'utf8').split('\n').filter(Boolean);
// Peak: what the index plus one query's allocations hold (collected after each query, so garbage
// from earlier queries, which V8 would reclaim under pressure, does not count).
for (const q of queries) {
  search(index, q, { limit: 10, group: true });
  peak = Math.max(peak, used());
  gc();
}
gc();
const afterQueries = used();
// Soak: many more queries, as a long-lived isolate answers them; what stays live after them must not grow
// (per-word memos are bounded: src/analysis/term-cache.ts). Collected every 500 queries, not after each.
const soak = soakFile ? readFileSync(soakFile, 'utf8').split('\n').filter(Boolean) : [];
let soakPeak = afterQueries;
soak.forEach((q, i) => {
  search(index, q, { limit: 10, group: true });
  if (i % 500 === 499) {
    gc();
    soakPeak = Math.max(soakPeak, used());
  }
});
gc();
const afterSoak = used();
console.log(
  JSON.stringify({
    loadMs: Math.round(loadMs),
    loadedMb: mb(afterLoad - baseline),
    peakMb: mb(peak - baseline),
    afterQueriesMb: mb(afterQueries - baseline),
    soakQueries: soak.length,
    afterSoakMb: mb(Math.max(soakPeak, afterSoak) - baseline),
    totalHeapMb: mb(afterQueries),
    queries: queries.length,
    paragraphs: index.meta.paragraphs,
  }),
);
