import { describe, expect, it } from 'vitest';
import type { IndexReader } from '../../src/index/index-reader';
import { buildMemoryIndex } from '../../src/index/memory-index';
import type { CacheLike } from '../../src/index/storage/cache-store';
import { createApp } from '../../src/worker/app';
import { DEFAULT_CONFIG, parseConfig } from '../../src/worker/config';
import { HttpError } from '../../src/worker/errors';
import { article } from '../fixtures';

/** The Cache API as a Map of URL → body and headers; counts lookups and can fail. */
class MapCache implements CacheLike {
  readonly entries = new Map<string, { body: Uint8Array; headers: Headers }>();
  lookups = 0;
  failing = false;
  async match(request: Request): Promise<Response | undefined> {
    this.lookups++;
    if (this.failing) throw new Error('cache unavailable');
    const e = this.entries.get(request.url);
    return e ? new Response(e.body.slice(), { headers: e.headers }) : undefined;
  }
  async put(request: Request, response: Response): Promise<void> {
    if (this.failing) throw new Error('cache unavailable');
    const body = new Uint8Array(await response.arrayBuffer());
    this.entries.set(request.url, { body, headers: new Headers(response.headers) });
  }
}

const older = await buildMemoryIndex([article('nato', ['Die NATO will ausreichend Militärhilfe an Kiew senden.'])]);
const newer = await buildMemoryIndex([
  article('nato', ['Die NATO will ausreichend Militärhilfe an Kiew senden.']),
  article('bonn', ['Die NATO tagte in Bonn.']),
]);

function setup(config = DEFAULT_CONFIG, options: { cache?: MapCache; deployment?: string; index?: () => Promise<IndexReader> } = {}) {
  const cache = options.cache ?? new MapCache();
  const pending: Array<Promise<unknown>> = [];
  let current: IndexReader = older;
  let searches = 0;
  const app = createApp({
    index: options.index ?? (async () => current),
    config,
    answerCache: { cache: () => cache, background: (work) => void pending.push(work) },
    ...(options.deployment === undefined ? {} : { deployment: options.deployment }),
  });
  const get = async (path: string, headers: Record<string, string> = {}, method = 'GET') => {
    const res = await app.request(path, { headers, method });
    // The route says how long its search took; an answer from the cache never reached it.
    if (/search;dur=/.test(res.headers.get('Server-Timing') ?? '')) searches++;
    await Promise.all(pending.splice(0));
    return res;
  };
  return { cache, get, searches: () => searches, switchTo: (index: IndexReader) => (current = index) };
}

describe('the answer cache', () => {
  it('answers a query asked again from the cache, with the same body and HTTP headers, and says so', async () => {
    const { cache, get } = setup();
    const first = await get('/api/search?q=NATO&limit=5');
    expect(first.status).toBe(200);
    expect(first.headers.get('Server-Timing')).toMatch(/search;dur=.*cache;desc="miss"/);
    expect(cache.entries.size).toBe(1);
    expect([...cache.entries.values()][0]!.headers.get('Cache-Control')).toBe(`public, max-age=${DEFAULT_CONFIG.answerCacheSeconds}`);
    const again = await get('/api/search?q=NATO&limit=5');
    expect(again.status).toBe(200);
    expect(again.headers.get('Server-Timing')).toMatch(/^cache;dur=[\d.]+;desc="hit"$/);
    expect(again.headers.get('Content-Type')).toBe(first.headers.get('Content-Type'));
    expect(again.headers.get('ETag')).toBe(first.headers.get('ETag'));
    expect(again.headers.get('Cache-Control')).toBe(first.headers.get('Cache-Control'));
    expect(await again.json()).toEqual(await first.json());
  });

  it('searches instead of answering from the cache: another URL, a new index version, Cache-Control: no-cache', async () => {
    const { get, searches, switchTo } = setup();
    await get('/api/search?q=NATO');
    await get('/api/search?q=NATO');
    expect(searches()).toBe(1);
    await get('/api/search?q=NATO&limit=3');
    expect(searches()).toBe(2);
    // Asked for no cached answer (a hard reload): searched, and the fresh answer is kept.
    await get('/api/search?q=NATO', { 'Cache-Control': 'no-cache' });
    expect(searches()).toBe(3);
    await get('/api/search?q=NATO');
    expect(searches()).toBe(3);
    // A new version of the index: its answers are its own.
    switchTo(newer);
    const fresh = (await (await get('/api/search?q=NATO')).json()) as { total: number };
    expect(searches()).toBe(4);
    expect(fresh.total).toBe(2);
  });

  it('serves no answer of another deployment (code or settings) over the same index, nor its ETag', async () => {
    const cache = new MapCache();
    const before = setup(DEFAULT_CONFIG, { cache, deployment: 'v1' });
    const first = await before.get('/api/search?q=NATO');
    expect((await before.get('/api/search?q=NATO')).headers.get('Server-Timing')).toMatch(/desc="hit"/);
    const after = setup(parseConfig({ DEFAULT_LIMIT: '1' }), { cache, deployment: 'v2' });
    const fresh = await after.get('/api/search?q=NATO', { 'If-None-Match': first.headers.get('ETag')! });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('Server-Timing')).toMatch(/cache;desc="miss"/);
    expect(fresh.headers.get('ETag')).not.toBe(first.headers.get('ETag'));
  });

  it('searches when the kept entry was cut short or cannot be read', async () => {
    const { cache, get, searches } = setup();
    const first = (await (await get('/api/search?q=NATO')).json()) as { results: unknown[] };
    const [url, entry] = [...cache.entries][0]!;
    cache.entries.set(url, { body: entry.body.slice(0, 20), headers: entry.headers });
    const again = await get('/api/search?q=NATO');
    expect(searches()).toBe(2);
    expect(((await again.json()) as { results: unknown[] }).results).toEqual(first.results);
    // A body that fails while it is read.
    cache.match = async () => new Response(new ReadableStream({ pull: (controller) => controller.error(new Error('cut')) }), { headers: entry.headers });
    expect((await get('/api/search?q=NATO')).status).toBe(200);
    expect(searches()).toBe(3);
  });

  it('answers every part of one request from one index version, even when the index switches during it', async () => {
    let calls = 0;
    const { cache, get } = setup(DEFAULT_CONFIG, { index: async () => (calls++ === 0 ? older : newer) });
    const res = await get('/api/search?q=NATO');
    expect(((await res.json()) as { total: number }).total).toBe(1);
    expect(res.headers.get('ETag')).toContain(older.version.replace(/^root-|\.json$/g, '').slice(0, 16));
    expect([...cache.entries.keys()][0]).toContain(encodeURIComponent(older.version));
  });

  it('keeps only 200s, leaves HEAD and conditional requests alone, and answers when the cache fails', async () => {
    const { cache, get } = setup();
    expect((await get('/api/search?q=')).status).toBe(400);
    expect((await get('/api/search?q=NATO&limit=9999')).status).toBe(400);
    expect(cache.entries.size).toBe(0);
    // Requests the route refuses are not looked up either.
    expect(cache.lookups).toBe(0);
    const first = await get('/api/search?q=NATO');
    const lookups = cache.lookups;
    expect((await get('/api/search?q=NATO', { 'If-None-Match': first.headers.get('ETag')! })).status).toBe(304);
    expect((await get('/api/search?q=NATO', {}, 'HEAD')).status).toBe(200);
    expect(cache.lookups).toBe(lookups);
    cache.failing = true;
    const res = await get('/api/search?q=Kiew');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(1);
  });

  it('leaves the page without a search to the page: it answers while the index cannot be opened', async () => {
    const { cache, get } = setup(DEFAULT_CONFIG, {
      index: async () => {
        throw new HttpError(503, 'index_unavailable', 'The search index could not be loaded.');
      },
    });
    const landing = await get('/');
    expect(landing.status).toBe(200);
    expect(landing.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect((await get('/?q=')).status).toBe(200);
    expect((await get('/api/search?q=NATO')).status).toBe(503);
    expect(cache.lookups).toBe(0);
  });

  it('caches suggestions and the search page too, and is off when configured to keep answers for 0 seconds', async () => {
    const on = setup();
    await on.get('/api/suggest?q=mil');
    expect((await on.get('/api/suggest?q=mil')).headers.get('Server-Timing')).toMatch(/desc="hit"/);
    const page = await on.get('/?q=Milit%C3%A4rhilfe');
    const html = await page.text();
    expect(html).toContain('<mark>Militärhilfe</mark>');
    const pageAgain = await on.get('/?q=Milit%C3%A4rhilfe');
    expect(pageAgain.headers.get('Server-Timing')).toMatch(/desc="hit"/);
    expect(pageAgain.headers.get('Content-Type')).toBe(page.headers.get('Content-Type'));
    // The page's security headers are added on the way out, to answers from the cache as to others.
    expect(pageAgain.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect(await pageAgain.text()).toBe(html);
    const off = setup(parseConfig({ ANSWER_CACHE_SECONDS: '0' }));
    await off.get('/api/search?q=NATO');
    await off.get('/api/search?q=NATO');
    expect(off.searches()).toBe(2);
    expect(off.cache.lookups).toBe(0);
  });
});
