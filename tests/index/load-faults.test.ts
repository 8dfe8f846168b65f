import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IndexLoadError, openIndexDir } from '../../src/cli/open-index-dir';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { MemoryStore, openIndex, writeIndex } from '../../src/index/memory-index';
import { CURRENT, INDEX_FORMAT_VERSION, rootName } from '../../src/index/root';
import { IndexUnavailableError } from '../../src/index/storage/byte-source';
import { search } from '../../src/search';
import { createApp } from '../../src/worker/app';
import { createIndexLoader } from '../../src/worker/index-loader';
import { article } from '../fixtures';

// A broken index is refused with a message that names it, says what is wrong
// and what to do — in the CLI (openIndexDir, or the query that finds a damaged
// chunk) and in the Worker (a 503, never an empty result list).
const ARTICLES = [article('a', ['Die NATO will ausreichend Militärhilfe an Kiew senden.', 'Brüssel, Außenminister.'])];
const good = new MemoryStore();
await writeIndex(good, ARTICLES, { compression: zlibCompression, chunkSize: 512 });
const rootFile = [...good.chunks.keys()].find((n) => n.startsWith('root-'))!;
const chunkOf = (file: string) => [...good.chunks.keys()].find((n) => n.endsWith(`/${file}.0`))!;
const dir = mkdtempSync(join(tmpdir(), 'load-faults-'));

/** A copy of the good index with some files changed (null: removed). */
function variant(changes: Record<string, Uint8Array | string | null>): MemoryStore {
  const store = new MemoryStore(new Map(good.chunks));
  for (const [name, content] of Object.entries(changes)) {
    if (content === null) store.chunks.delete(name);
    else store.chunks.set(name, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  return store;
}

/** A root with some change, stored under its own hash and named by the pointer. */
async function withRoot(edit: (root: Record<string, unknown>) => void): Promise<MemoryStore> {
  const root = JSON.parse(new TextDecoder().decode(good.chunks.get(rootFile)!));
  edit(root);
  const bytes = new TextEncoder().encode(JSON.stringify(root));
  const name = await rootName(bytes);
  return variant({ [name]: bytes, [CURRENT]: name });
}

const flip = (bytes: Uint8Array, at: number) => {
  const b = bytes.slice();
  b[at]! ^= 0xff;
  return b;
};

/** Stores that cannot even be opened, and what the refusal must say. */
const UNOPENABLE: Array<[string, () => Promise<MemoryStore>, RegExp]> = [
  ['without a pointer', async () => variant({ [CURRENT]: null }), /no CURRENT pointer/],
  ['whose pointer names no root', async () => variant({ [CURRENT]: 'index.html' }), /names no root/],
  ['whose root is missing', async () => variant({ [rootFile]: null }), /root .* is missing/],
  ['whose root was changed after it was named', async () => variant({ [rootFile]: flip(good.chunks.get(rootFile)!, 40) }), /damaged \(hash mismatch\)/],
  ['whose root is not JSON', async () => {
    const bytes = new TextEncoder().encode('<html>404</html>');
    const name = await rootName(bytes);
    return variant({ [name]: bytes, [CURRENT]: name });
  }, /not valid JSON/],
  ['of another format version', () => withRoot((r) => (r.version = 3)), /format version 3, this program reads version \d+/],
  ['of the format before segments counted short lengths', () => withRoot((r) => {
    r.version = 4;
    delete (r.segments as Array<{ meta: Record<string, unknown> }>)[0]!.meta.shortLengths;
  }), new RegExp(`format version 4, this program reads version ${INDEX_FORMAT_VERSION}: rebuild the index`)],
  ['of the format before stored blocks had a preset dictionary', () => withRoot((r) => {
    r.version = 5;
    delete (r.segments as Array<{ meta: Record<string, unknown> }>)[0]!.meta.docDictionary;
  }), new RegExp(`format version 5, this program reads version ${INDEX_FORMAT_VERSION}: rebuild the index`)],
  ['of the format before postings columns were patched and segments named their fields with positions', () => withRoot((r) => {
    r.version = 6;
    delete (r.segments as Array<{ meta: Record<string, unknown> }>)[0]!.meta.positional;
  }), new RegExp(`format version 6, this program reads version ${INDEX_FORMAT_VERSION}: rebuild the index`)],
  ['whose segment names no fields with positions', () => withRoot((r) => delete (r.segments as Array<{ meta: Record<string, unknown> }>)[0]!.meta.positional), /incomplete/],
  ['whose segment names no stored-text dictionary', () => withRoot((r) => delete (r.segments as Array<{ meta: Record<string, unknown> }>)[0]!.meta.docDictionary), /incomplete/],
  ['whose segment counts no short lengths', () => withRoot((r) => delete (r.segments as Array<{ meta: Record<string, unknown> }>)[0]!.meta.shortLengths), /incomplete/],
  ['whose root lists a segment only in part', () => withRoot((r) => delete (r.segments as Array<{ meta: Record<string, unknown> }>)[0]!.meta.dict), /incomplete/],
];

/** Stores that open, but hold a damaged or missing chunk a query must read. */
const DAMAGED: Array<[string, () => MemoryStore]> = [
  ['a postings or dictionary chunk flipped', () => variant({ [chunkOf('terms')]: flip(good.chunks.get(chunkOf('terms'))!, 30) })],
  ['a stored-paragraph chunk flipped', () => variant({ [chunkOf('docs')]: flip(good.chunks.get(chunkOf('docs'))!, 10) })],
  ['a chunk missing', () => variant({ [chunkOf('terms')]: null })],
  ['a chunk cut short', () => variant({ [chunkOf('docs')]: good.chunks.get(chunkOf('docs'))!.subarray(0, 5) })],
];

/** Writes a store's files into a folder, as build:index would have. */
function toDir(store: MemoryStore, name: string): string {
  const out = join(dir, name);
  for (const [file, bytes] of store.chunks) {
    const path = join(out, file);
    rmSync(path, { force: true });
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, bytes);
  }
  return out;
}

describe('openIndexDir and queries refuse a broken index, naming it and what to do', () => {
  it('opens and searches a good index (the control)', async () => {
    const index = await openIndexDir(toDir(good, 'good'));
    expect((await search(index, 'Militärhilfe')).total).toBe(1);
    await index.close();
  });

  it.each(UNOPENABLE)('refuses an index %s', async (name, make, reason) => {
    const path = toDir(await make(), name.replace(/\W+/g, '-'));
    const error = await openIndexDir(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexLoadError);
    const message = (error as Error).message;
    expect(message.startsWith(`${path}: `)).toBe(true);
    expect(message).toMatch(reason);
    expect(message).toMatch(/npm run build:index/);
  });

  it.each(DAMAGED)('a query that reads %s fails with IndexUnavailableError, never a wrong answer', async (_name, make) => {
    const index = await openIndex(make());
    await expect(search(index, 'Militärhilfe Brüssel')).rejects.toThrow(IndexUnavailableError);
  });

  it('refuses a missing folder with how to build it', async () => {
    await expect(openIndexDir(join(dir, 'none'))).rejects.toThrow(/^No index at .*none\. Build it with `npm run build:index`\.$/);
  });

  it('refuses an index file of the earlier format (a file, not a folder)', async () => {
    const file = join(dir, 'search-index.bin');
    writeFileSync(file, 'DESRCHIX');
    await expect(openIndexDir(file)).rejects.toThrow(/is not an index folder.*npm run build:index/);
  });

  it('checks the files a query reads on the disk too: a flipped byte in a chunk file is refused', async () => {
    const path = toDir(good, 'flipped');
    const docs = readdirSync(join(path, chunkOf('docs').split('/')[0]!)).find((f) => f.startsWith('docs.'))!;
    const file = join(path, chunkOf('docs').split('/')[0]!, docs);
    writeFileSync(file, flip(readFileSync(file), 3));
    const index = await openIndexDir(path);
    await expect(search(index, 'Militärhilfe')).rejects.toThrow(/damaged .*checksum mismatch/);
    await index.close();
  });
});

describe('the Worker with an index it cannot read', () => {
  // The loader logs why for the operator; keep the test output readable.
  beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => undefined));

  const brokenApp = (store: () => Promise<MemoryStore> | MemoryStore) => createApp({ index: createIndexLoader(async () => openIndex(await store())) });
  const cases: Array<[string, () => Promise<MemoryStore> | MemoryStore]> = [...UNOPENABLE.map(([n, m]) => [n, m] as [string, () => Promise<MemoryStore>]), ...DAMAGED];

  it.each(cases)('answers 503 index_unavailable, never empty results, for an index %s', async (_, make) => {
    const app = brokenApp(make);
    for (const path of ['/api/search?q=Militärhilfe', '/api/search?q=Militärhilfe&group=true']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await res.json()) as { error: { code: string; message: string }; results?: unknown };
      expect(body.error.code).toBe('index_unavailable');
      expect(body.results).toBeUndefined();
      // The client learns that search is down, not the internals of why.
      expect(JSON.stringify(body)).not.toMatch(/checksum|truncated|version|chunk|at .*\.ts/);
    }
  });

  it('does not serve the search page as "no results" either', async () => {
    const res = await brokenApp(() => variant({ [CURRENT]: null })).request('/?q=NATO');
    expect(res.status).toBe(503);
    expect(await res.text()).not.toMatch(/keine Treffer|Keine Ergebnisse/i);
  });

  it('tries again on the next request, and serves once the index is good', async () => {
    let calls = 0;
    const app = brokenApp(() => (++calls === 1 ? variant({ [CURRENT]: null }) : good));
    expect((await app.request('/api/search?q=NATO')).status).toBe(503);
    const res = await app.request('/api/search?q=NATO');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(1);
    expect(calls).toBe(2);
  });
});
