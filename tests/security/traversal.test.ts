import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { MemoryStore, writeIndex } from '../../src/index/memory-index';
import type { Env } from '../../src/worker/env';
import worker from '../../src/worker/index';
import { isIndexPath } from '../../src/worker/index-path';
import { article } from '../fixtures';

/**
 * The Worker as deployed (src/worker/index.ts), in front of a stand-in for
 * Workers Static Assets that behaves like Cloudflare's asset server
 * (workers-shared asset-worker, as bundled in miniflare): it decodes each
 * path segment (decodeURIComponent) and collapses repeated slashes; when
 * that canonical path names a file but differs from the path asked for, it
 * answers 307 to the canonical path instead of serving; lookups are by exact
 * path (no `..` resolution, case-sensitive).
 *
 * No file of the index folder may ever come out, whatever the path looks like.
 */
const store = new MemoryStore();
await writeIndex(store, [article('nato', ['Die NATO will ausreichend Militärhilfe an Kiew senden.'])], { compression: zlibCompression, chunkSize: 4096 });
const INDEX_FILES = [...store.chunks].map(([name, bytes]) => [`/index/${name}`, bytes] as const);
/** A chunk of stored paragraphs: what a leak would give away. */
const DOCS = INDEX_FILES.find(([name]) => /\/docs\.0$/.test(name))![0].slice(1);
const FILES = new Map<string, BodyInit>([
  ...INDEX_FILES.map(([name, bytes]) => [name, bytes as unknown as BodyInit] as const),
  ['/index.html', '<!doctype html><title>Suche</title>'],
  ['/search.js', 'export {};'],
  ['/search.css', 'body{}'],
]);

const served: string[] = [];

function decodePath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/')
    .replace(/\/+/g, '/');
}

function encodePath(pathname: string): string {
  return pathname.split('/').map(encodeURIComponent).join('/');
}

const ASSETS = {
  async fetch(input: RequestInfo | URL): Promise<Response> {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const decoded = decodePath(url.pathname);
    const file = FILES.get(decoded) ?? (decoded === '/' ? FILES.get('/index.html') : undefined);
    if (file === undefined) return new Response('not found', { status: 404 });
    if (encodePath(decoded) !== url.pathname) return new Response(null, { status: 307, headers: { Location: encodePath(decoded) + url.search } });
    served.push(decoded);
    return new Response(file, { status: 200 });
  },
  connect() {
    throw new Error('not used');
  },
} as unknown as Fetcher;

const env: Env = { ASSETS };
const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;

/** Follows the asset server's redirects (as a browser would), up to 5. */
async function fetchFollowing(path: string, method = 'GET'): Promise<{ status: number; bytes: Uint8Array; hops: string[] }> {
  const hops: string[] = [];
  let url = `https://search.example${path}`;
  for (let i = 0; i < 5; i++) {
    const res = await worker.fetch(new Request(url, { method }), env, ctx);
    const bytes = new Uint8Array(await res.arrayBuffer());
    hops.push(`${res.status} ${new URL(url).pathname}`);
    if (res.status < 300 || res.status >= 400 || !res.headers.get('Location')) return { status: res.status, bytes, hops };
    url = new URL(res.headers.get('Location')!, url).href;
  }
  throw new Error(`redirect loop: ${hops.join(' → ')}`);
}

/** Whether a response gave away any file of the index (a chunk, the root, the pointer). */
function containsIndex(bytes: Uint8Array): boolean {
  // Files too short to be told apart from any response (a one-byte bitmap) are covered by the others.
  return INDEX_FILES.some(([, file]) => {
    if (file.length < 16) return false;
    const head = file.subarray(0, 32);
    outer: for (let i = 0; i + head.length <= bytes.length; i++) {
      for (let j = 0; j < head.length; j++) if (bytes[i + j] !== head[j]) continue outer;
      return true;
    }
    return false;
  });
}

/** Spellings of a path into the index folder, for `file` (e.g. `index/CURRENT`). */
const spellings = (file: string): string[] => {
  const rest = file.slice('index/'.length);
  return [
    `/${file}`,
    `/${file}/`,
    `/${file}?download=1`,
    `/${file}#x`,
    `//${file}`,
    `///${file}`,
    `/%2F${file}`,
    `/%2f${file}`,
    `/%2F%2F${file}`,
    `/%69ndex/${rest}`,
    `/index%2F${rest}`,
    `/index%2f${rest}`,
    `/%2e/${file}`,
    `/./${file}`,
    `/%2e%2e/${file}`,
    `/..%2F${file}`,
    `/x/..%2F${file}`,
    `/x%2F..%2F${file}`,
    `/x/%2e%2e/${file}`,
    `/x/%2E%2E%2F${file}`,
    `/api/../${file}`,
    `/api/%2e%2e/${file}`,
    `/%252e%252e/${file}`,
    `/%252F${file}`,
    `/\\${file}`,
    `/%5C${file}`,
    `/index\\${rest}`,
    `/index%5C${rest}`,
    `/${file}%00`,
    `/${file}%3F`,
    `/${file};`,
    `/${file.toUpperCase()}`,
    `/${file}%20`,
  ];
};
const TRICKS = [...spellings('index/CURRENT'), ...spellings(DOCS)];

describe('no file of the index is ever served, however the path is spelt', () => {
  it('the stand-in asset server does serve the index to a direct fetch (so the checks below can fail)', async () => {
    const direct = await ASSETS.fetch(new Request(`https://assets.local/${DOCS}`));
    expect(containsIndex(new Uint8Array(await direct.arrayBuffer()))).toBe(true);
    const encoded = await ASSETS.fetch(new Request(`https://assets.local/%2F${DOCS}`));
    expect(encoded.status).toBe(307);
  });

  it.each(TRICKS)('%s', async (path) => {
    for (const method of ['GET', 'HEAD']) {
      const { status, bytes, hops } = await fetchFollowing(path, method);
      expect(containsIndex(bytes), hops.join(' → ')).toBe(false);
      expect(status, hops.join(' → ')).not.toBe(200);
    }
  });

  it('while the page, its assets and the API keep working (the index is loaded internally)', async () => {
    expect((await fetchFollowing('/search.js')).status).toBe(200);
    expect((await fetchFollowing('/api/search?q=Militärhilfe')).status).toBe(200);
    expect((await fetchFollowing('/?q=Militärhilfe')).status).toBe(200);
    expect(served).toContain('/index/CURRENT'); // read by the Worker itself, for searching
    expect(served).toContain(`/${DOCS}`);
  });

  it('no parameter names a file: q, limit and the rest are never paths', async () => {
    for (const q of ['../index/CURRENT', '/index/CURRENT', `/${DOCS}`, '%2e%2e%2findex%2fCURRENT', 'file:///etc/passwd']) {
      for (const path of [`/api/search?q=${encodeURIComponent(q)}`, `/api/suggest?q=${encodeURIComponent(q)}`, `/?q=${encodeURIComponent(q)}`]) {
        const { bytes } = await fetchFollowing(path);
        expect(containsIndex(bytes)).toBe(false);
      }
    }
  });
});

describe('isIndexPath: the Worker refuses the index folder itself, not trusting the asset server to redirect', () => {
  it.each([
    '/index/CURRENT',
    '/index/root-0.json',
    '/index/0123456789abcdef/docs.0',
    '//index/CURRENT',
    '/%2Findex/CURRENT',
    '/index%2FCURRENT',
    '/%5Cindex/CURRENT',
    '/index%5CCURRENT',
    '/..%2Findex/CURRENT',
    '/x/..%2F..%2Findex/CURRENT',
    '/%69ndex/CURRENT',
    '/%zz',
    '/a%3F%2F..%2Findex/CURRENT',
    '/a%23%2F..%2Findex/CURRENT',
    '/./index/CURRENT',
  ])('%s is the index (or no asset at all)', (path) => {
    expect(isIndexPath(path, '/index/')).toBe(true);
  });

  it.each(['/', '/search.js', '/index.html', '/indexes', '/x/index/CURRENT', '/api/search'])('%s is not', (path) => {
    expect(isIndexPath(path, '/index/')).toBe(false);
  });
});
