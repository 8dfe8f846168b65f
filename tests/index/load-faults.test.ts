import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadIndexFile } from '../../src/cli/load-index-file';
import { buildIndex } from '../../src/index/build';
import { IndexLoadError, loadIndex, serializeIndex } from '../../src/index/serialize';
import { writeIndexFiles } from '../../src/index/write-index';
import { search } from '../../src/search';
import { createApp } from '../../src/worker/app';
import { createIndexLoader, fetchIndexAsset } from '../../src/worker/index-loader';
import { article } from '../fixtures';

// A broken index is refused with a message that names the file, says what is
// wrong and what to do — in the CLI (loadIndexFile) and in the Worker (a 503,
// never an empty result list).
const index = buildIndex([article('a', ['Die NATO will ausreichend Militärhilfe an Kiew senden.', 'Brüssel, Außenminister.'])]);
const bytes = serializeIndex(index);
const dir = mkdtempSync(join(tmpdir(), 'load-faults-'));

/** The index with another format version in its header (of the same number of digits, so nothing else moves). */
function otherVersion(): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  const patched = text.replace(/"version":(\d+)/, (_, v: string) => `"version":${'9'.repeat(v.length) === v ? '8'.repeat(v.length) : '9'.repeat(v.length)}`);
  expect(patched).not.toBe(text);
  return Buffer.from(patched, 'latin1');
}

const flip = (at: number) => {
  const b = bytes.slice();
  b[at]! ^= 0xff;
  return b;
};

const BROKEN: Array<[string, Uint8Array, RegExp]> = [
  ['empty', new Uint8Array(0), /empty/],
  ['truncated in its header', bytes.subarray(0, 20), /truncated/],
  ['truncated in its sections', bytes.subarray(0, bytes.length - 64), /truncated/],
  ['corrupted in a section', flip(bytes.length - 20), /corrupted \(checksum mismatch\)/],
  ['corrupted in its header', flip(14), /header is corrupted|not valid|corrupted/],
  ['not an index', new TextEncoder().encode('<html>404 Not Found</html>'), /not an index file/],
  ['of another format version', otherVersion(), /format version (9+|8+), this program reads version \d+/],
];

describe('loadIndexFile refuses a broken index file, naming it and what to do', () => {
  it('loads a good file (the control)', async () => {
    const path = join(dir, 'good.bin');
    writeFileSync(path, bytes);
    expect(search(await loadIndexFile(path), 'Militärhilfe').total).toBe(1);
  });

  it.each(BROKEN)('refuses a file that is %s', async (name, content, reason) => {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.bin`);
    writeFileSync(path, content);
    const error = await loadIndexFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexLoadError);
    const message = (error as Error).message;
    expect(message.startsWith(`${path}: `)).toBe(true);
    expect(message).toMatch(reason);
    expect(message).toMatch(/npm run build:index/);
    // The same bytes in memory (the Worker's path) are refused the same way.
    expect(() => loadIndex(content)).toThrow(IndexLoadError);
  });

  it('refuses a missing file with how to build it', async () => {
    await expect(loadIndexFile(join(dir, 'none.bin'))).rejects.toThrow(/^No index at .*none\.bin\. Build it with `npm run build:index`\.$/);
  });

  it('refuses a path that cannot be read as a file, saying why', async () => {
    const folder = join(dir, 'a-folder.bin');
    mkdirSync(folder);
    const error = await loadIndexFile(folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexLoadError);
    expect((error as Error).message).toMatch(/a-folder\.bin: cannot read the index \(EISDIR\)/);
  });

  it('refuses an index in parts when a part is missing or from another build', async () => {
    const big = serializeIndex(buildIndex(Array.from({ length: 40 }, (_, i) => article(`a${i}`, [`Absatz ${i} über die NATO und Kiew, Militärhilfe Nummer ${i}.`]))));
    const path = join(dir, 'parts', 'index.bin');
    mkdirSync(join(dir, 'parts'));
    const files = await writeIndexFiles(path, big, 4096);
    expect(files.length).toBeGreaterThan(2);
    expect((await loadIndexFile(path)).meta.articles).toBe(40);

    const part1 = readFileSync(files[1]!);
    rmSync(files[1]!);
    await expect(loadIndexFile(path)).rejects.toThrow(/index\.bin: its part .*index\.bin\.1 is missing, so the index is incomplete\. Rebuild it with `npm run build:index`/);

    const other = Buffer.from(part1);
    other[200]! ^= 0xff;
    writeFileSync(files[1]!, other);
    await expect(loadIndexFile(path)).rejects.toThrow(/index\.bin: The index file is unusable: section \w+ is corrupted \(checksum mismatch\)\. Rebuild it/);

    writeFileSync(files[1]!, part1);
    writeFileSync(files.at(-1)!, Buffer.concat([readFileSync(files.at(-1)!), Buffer.alloc(8)]));
    await expect(loadIndexFile(path)).rejects.toThrow(/index\.bin: The index file is unusable: part \d+ has an unexpected size .*npm run build:index/);
  });
});

describe('the Worker with an index it cannot load', () => {
  // The loader logs why for the operator; keep the test output readable.
  beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => undefined));

  const brokenApp = (fetchBytes: () => Promise<Uint8Array>) => createApp({ index: createIndexLoader(fetchBytes) });

  it.each(BROKEN)('answers 503 index_unavailable, never empty results, for an index that is %s', async (_, content) => {
    const app = brokenApp(async () => content);
    for (const path of ['/api/search?q=NATO', '/api/suggest?q=mil', '/api/health', '/api/search?q=NATO&group=true']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await res.json()) as { error: { code: string; message: string }; results?: unknown };
      expect(body.error.code).toBe('index_unavailable');
      expect(body.results).toBeUndefined();
      // The client learns that search is down, not the internals of why.
      expect(JSON.stringify(body)).not.toMatch(/checksum|truncated|version|at .*\.ts/);
    }
  });

  it('does not serve the search page as "no results" either', async () => {
    const res = await brokenApp(async () => new Uint8Array(0)).request('/?q=NATO');
    expect(res.status).toBe(503);
    expect(await res.text()).not.toMatch(/keine Treffer|Keine Ergebnisse/i);
  });

  it('tries again on the next request, and serves once the index is good', async () => {
    let calls = 0;
    const app = brokenApp(async () => (++calls === 1 ? bytes.subarray(0, 100) : bytes));
    expect((await app.request('/api/search?q=NATO')).status).toBe(503);
    const res = await app.request('/api/search?q=NATO');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(1);
    expect(calls).toBe(2);
  });

  it('answers 503 when the index asset or one of its parts is missing', async () => {
    const assets = (files: Record<string, Uint8Array>) =>
      ({
        fetch: async (request: Request) => {
          const file = files[new URL(request.url).pathname];
          return file ? new Response(new Uint8Array(file)) : new Response('Not Found', { status: 404 });
        },
      }) as unknown as Fetcher;
    const missing = createApp({ index: createIndexLoader(fetchIndexAsset(assets({}), '/search-index.bin')) });
    expect((await missing.request('/api/search?q=NATO')).status).toBe(503);

    const big = serializeIndex(buildIndex(Array.from({ length: 40 }, (_, i) => article(`a${i}`, [`Absatz ${i} über die NATO.`]))));
    // Only the first part of an index stored in parts: the rest is missing.
    const partial = createApp({ index: createIndexLoader(fetchIndexAsset(assets({ '/search-index.bin': big.subarray(0, 4096) }), '/search-index.bin')) });
    const res = await partial.request('/api/search?q=NATO');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('index_unavailable');
  });
});
