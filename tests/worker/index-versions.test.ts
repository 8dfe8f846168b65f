import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { MemoryStore, writeIndex } from '../../src/index/memory-index';
import { CURRENT, parseRoot } from '../../src/index/root';
import { newIoStats } from '../../src/index/storage/byte-source';
import { search } from '../../src/search';
import { createIndexLoader, openIndex, versionCheck } from '../../src/worker/index-loader';
import { article } from '../fixtures';

// An index in R2 changes under running isolates: the loader reads the pointer
// at most once a period, switches to a new version in one step (a query keeps
// the reader it started with), shares the caches of segments both versions
// hold, and keeps serving the old version when the new one cannot be opened.

const OLD = [
  article('kiew', ['Die NATO will ausreichend Militärhilfe an Kiew senden.', 'Der Außenminister sprach in Brüssel.']),
  article('bonn', ['Der Bundestag tagte früher in Bonn am Rhein.']),
];
const NEW = [...OLD, article('haushalt', ['Der Haushaltsausschuss beriet über die Schuldenbremse.'])];

/** A store holding two versions: the first articles in one segment, and the same segment plus one more. */
async function twoVersions(): Promise<{ store: LoggingStore; first: string; second: string }> {
  const store = new LoggingStore();
  await writeIndex(store, OLD, { compression: zlibCompression, chunkSize: 4096, segmentSize: 2 });
  const first = pointer(store);
  await writeIndex(store, NEW, { compression: zlibCompression, chunkSize: 4096, segmentSize: 2 });
  const second = pointer(store);
  await store.swapPointer(CURRENT, new TextEncoder().encode(first));
  return { store, first, second };
}

class LoggingStore extends MemoryStore {
  readonly reads: string[] = [];
  /** While set, reads of chunk files wait for it (a query held in the middle of its waves). */
  gate: Promise<void> | null = null;

  override async get(name: string, range?: { offset: number; length: number }): Promise<Uint8Array | null> {
    this.reads.push(name);
    if (this.gate && name.includes('/')) await this.gate;
    return super.get(name, range);
  }
}

const pointer = (store: MemoryStore) => new TextDecoder().decode(store.chunks.get(CURRENT)!);
const point = (store: MemoryStore, root: string) => store.swapPointer(CURRENT, new TextEncoder().encode(root));
const ids = async (index: Awaited<ReturnType<typeof openIndex>>, q: string) => (await search(index, q, { limit: 10 })).results.map((r) => `${r.id}:${r.paragraph}`);

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('index versions in a running isolate', () => {
  it('reads the pointer at most once a period and switches to the version it names', async () => {
    const { store, first, second } = await twoVersions();
    const time = clock();
    const loader = createIndexLoader(() => openIndex(store), { check: versionCheck(store, 1000, 2000), now: time.now });
    expect((await loader()).version).toBe(first);
    await point(store, second);
    time.advance(999);
    const pointerReads = store.reads.filter((n) => n === CURRENT).length;
    expect((await loader()).version).toBe(first);
    expect(store.reads.filter((n) => n === CURRENT).length).toBe(pointerReads);
    time.advance(1);
    expect((await loader()).version).toBe(second);
    expect(await ids(await loader(), 'Schuldenbremse')).toEqual(['haushalt:0']);
    expect(loader.loads).toBe(2);
    expect(loader.status()).toMatchObject({ version: second, switches: 1, lastError: null });
  });

  it('checks behind the answer within the period after next, and never answers from an older confirmation', async () => {
    const { store, first, second } = await twoVersions();
    const time = clock();
    const pending: Array<Promise<unknown>> = [];
    const loader = createIndexLoader(() => openIndex(store), { check: versionCheck(store, 1000, 2000), now: time.now, background: (w) => pending.push(w) });
    await loader();
    await point(store, second);
    time.advance(1500);
    // Confirmed 1.5 s ago: this answer may still come from it, the check runs behind it.
    expect((await loader()).version).toBe(first);
    expect(pending).toHaveLength(1);
    await Promise.all(pending);
    expect((await loader()).version).toBe(second);
    // Two periods without a request: the next one waits for the check.
    await point(store, first);
    time.advance(2000);
    expect((await loader()).version).toBe(first);
    expect(pending).toHaveLength(1);
  });

  it('reads nothing again for the segments both versions hold', async () => {
    const { store, second } = await twoVersions();
    const time = clock();
    const loader = createIndexLoader(() => openIndex(store), { check: versionCheck(store, 1000, 2000), now: time.now });
    await search(await loader(), 'Militärhilfe Bonn', { limit: 10 });
    await point(store, second);
    time.advance(1000);
    const next = await loader();
    expect(next.version).toBe(second);
    const [kept, added] = parseRoot(store.chunks.get(second)!).segments.map((s) => s.meta.id);
    store.reads.length = 0;
    const io = newIoStats();
    await next.ready(io);
    const { results } = await search(next, 'Militärhilfe Bonn', { limit: 10 });
    expect(results.map((r) => r.id).sort()).toEqual(['bonn', 'kiew']);
    // The new segment's dictionary is read; nothing of the segment read before the switch is.
    expect(store.reads.some((n) => n.startsWith(`${added}/`))).toBe(true);
    expect(store.reads.filter((n) => n.startsWith(`${kept}/`))).toEqual([]);
  });

  it('keeps serving the old version when the new one cannot be opened, and says why', async () => {
    const { store, first, second } = await twoVersions();
    const time = clock();
    const loader = createIndexLoader(() => openIndex(store), { check: versionCheck(store, 1000, 2000), now: time.now });
    await loader();
    store.chunks.delete(second);
    await point(store, second);
    time.advance(1000);
    const served = await loader();
    expect(served.version).toBe(first);
    expect(await ids(served, 'Militärhilfe')).toEqual(['kiew:0']);
    expect(loader.status().lastError).toMatch(/root .* is missing/);
    // The broken root is not read again at every check.
    const rootReads = () => store.reads.filter((n) => n === second).length;
    const before = rootReads();
    time.advance(1000);
    await loader();
    expect(rootReads()).toBe(before);
    expect(loader.status().lastError).toMatch(/missing/);
  });

  it('lets a query that started before a switch finish on its version: old or new, never a mix', async () => {
    const { store, second } = await twoVersions();
    const expectedOld = await ids(await openIndex(store), 'Bundestag Haushaltsausschuss');
    await point(store, second);
    const expectedNew = await ids(await openIndex(store), 'Bundestag Haushaltsausschuss');
    expect(expectedNew).not.toEqual(expectedOld);
    await point(store, parseFirst(store));

    const time = clock();
    const loader = createIndexLoader(() => openIndex(store), { check: versionCheck(store, 1000, 2000), now: time.now });
    const old = await loader();
    let release!: () => void;
    store.gate = new Promise((r) => (release = r));
    const running = ids(old, 'Bundestag Haushaltsausschuss');
    // Meanwhile the pointer moves on and another request opens the new version (its root is read; chunks wait).
    await point(store, second);
    time.advance(1000);
    const switching = loader();
    release();
    store.gate = null;
    expect((await switching).version).toBe(second);
    expect(await running).toEqual(expectedOld);
    expect(await ids(await loader(), 'Bundestag Haushaltsausschuss')).toEqual(expectedNew);
  });
});

/** The first root written to the store (the one that names one segment). */
function parseFirst(store: MemoryStore): string {
  return [...store.chunks.keys()].find((n) => n.startsWith('root-') && parseRoot(store.chunks.get(n)!).segments.length === 1)!;
}
