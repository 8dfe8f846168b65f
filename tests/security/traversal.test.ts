import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build';
import { serializeIndex } from '../../src/index/serialize';
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
 * The index file must never come out, whatever the path looks like.
 */
const INDEX_BYTES = serializeIndex(buildIndex([article('nato', ['Die NATO will ausreichend Militärhilfe an Kiew senden.'])]));
const FILES = new Map<string, BodyInit>([
  ['/search-index.bin', INDEX_BYTES as unknown as BodyInit],
  ['/search-index.bin.1', 'SECOND PART OF THE INDEX'],
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

function containsIndex(bytes: Uint8Array): boolean {
  const head = INDEX_BYTES.subarray(0, 32);
  outer: for (let i = 0; i + head.length <= bytes.length; i++) {
    for (let j = 0; j < head.length; j++) if (bytes[i + j] !== head[j]) continue outer;
    return true;
  }
  return new TextDecoder().decode(bytes).includes('SECOND PART OF THE INDEX');
}

const TRICKS = [
  '/search-index.bin',
  '/search-index.bin.1',
  '/search-index.bin/',
  '/search-index.bin?download=1',
  '/search-index.bin#x',
  '//search-index.bin',
  '///search-index.bin',
  '/%2Fsearch-index.bin',
  '/%2fsearch-index.bin',
  '/%2F%2Fsearch-index.bin',
  '/%73earch-index.bin',
  '/search-index%2Ebin',
  '/search-index%2ebin%2E1',
  '/%2e/search-index.bin',
  '/./search-index.bin',
  '/%2e%2e/search-index.bin',
  '/..%2Fsearch-index.bin',
  '/x/..%2Fsearch-index.bin',
  '/x%2F..%2Fsearch-index.bin',
  '/x/%2e%2e/search-index.bin',
  '/x/%2E%2E%2Fsearch-index.bin',
  '/api/../search-index.bin',
  '/api/%2e%2e/search-index.bin',
  '/%252e%252e/search-index.bin',
  '/%252Fsearch-index.bin',
  '/\\search-index.bin',
  '/%5Csearch-index.bin',
  '/search-index.bin%00',
  '/search-index.bin%3F',
  '/search-index.bin;',
  '/SEARCH-INDEX.BIN',
  '/search-index.bin%20',
];

describe('the index file is never served, however the path is spelt', () => {
  it('the stand-in asset server does serve the index to a direct fetch (so the checks below can fail)', async () => {
    const direct = await ASSETS.fetch(new Request('https://assets.local/search-index.bin'));
    expect(containsIndex(new Uint8Array(await direct.arrayBuffer()))).toBe(true);
    const encoded = await ASSETS.fetch(new Request('https://assets.local/%2Fsearch-index.bin'));
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
    expect(served).toContain('/search-index.bin'); // fetched by the Worker itself, for searching
  });

  it('no parameter names a file: q, limit and the rest are never paths', async () => {
    for (const q of ['../search-index.bin', '/search-index.bin', '%2e%2e%2fsearch-index.bin', 'file:///etc/passwd']) {
      for (const path of [`/api/search?q=${encodeURIComponent(q)}`, `/api/suggest?q=${encodeURIComponent(q)}`, `/?q=${encodeURIComponent(q)}`]) {
        const { bytes } = await fetchFollowing(path);
        expect(containsIndex(bytes)).toBe(false);
      }
    }
  });
});

describe('isIndexPath: the Worker refuses the index itself, not trusting the asset server to redirect', () => {
  it.each([
    '/search-index.bin',
    '/search-index.bin.1',
    '//search-index.bin',
    '/%2Fsearch-index.bin',
    '/%2fsearch-index.bin',
    '/%5Csearch-index.bin',
    '/..%2Fsearch-index.bin',
    '/x/..%2F..%2Fsearch-index.bin',
    '/%73earch-index.bin',
    '/%zz',
    '/a%3F%2F..%2Fsearch-index.bin',
    '/a%23%2F..%2Fsearch-index.bin',
    '/./search-index.bin',
  ])('%s is the index (or no asset at all)', (path) => {
    expect(isIndexPath(path, '/search-index.bin')).toBe(true);
  });

  it.each(['/', '/search.js', '/search-index', '/x/search-index.bin', '/api/search'])('%s is not', (path) => {
    expect(isIndexPath(path, '/search-index.bin')).toBe(false);
  });
});
