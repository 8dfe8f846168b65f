import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

// The Worker as deployed: wrangler.toml, index from static assets, inside workerd.
// vitest.workers.config.ts sets ALLOWED_ORIGINS=https://news.example for the CORS cases, and a
// rate limit of 10 requests a minute per client, so each request here comes from a client of its own
// (as Cloudflare's edge says in CF-Connecting-IP) unless a test sets one.
let client = 0;
const get = (path: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  if (!headers.has('CF-Connecting-IP')) headers.set('CF-Connecting-IP', `198.51.100.${++client % 250}`);
  return SELF.fetch(`http://localhost${path}`, { ...init, headers });
};
const json = async (res: Response) => (await res.json()) as any;

describe('search API in workerd', () => {
  it('answers a German query with the seed paragraph first', async () => {
    // The demo corpus has speeches on military aid too; Kiew and NATO with it are the seed's.
    const res = await get('/api/search?q=Militärhilfe%20Kiew%20NATO');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.results[0].snippet).toContain('<mark>Militärhilfe</mark>');
    expect(body.results[0].text).toContain('ausreichend Militärhilfe');
    expect(res.headers.get('Server-Timing')).toMatch(/^search;dur=/);
    expect(res.headers.get('Cache-Control')).toMatch(/max-age=/);
  });

  it('answers If-None-Match with 304', async () => {
    const first = await get('/api/search?q=NATO');
    await first.arrayBuffer();
    const etag = first.headers.get('ETag')!;
    const second = await get('/api/search?q=NATO', { headers: { 'If-None-Match': etag } });
    expect(second.status).toBe(304);
  });

  it('answers a query asked again from the Cache API, as the search answered it', async () => {
    const first = await get('/api/search?q=Bundestag%20Haushalt&limit=3');
    expect(first.headers.get('Server-Timing')).toMatch(/^search;dur=.*cache;desc="miss"$/);
    const body = await json(first);
    // The cache write runs after the answer (waitUntil); ask until it has landed.
    let again = await get('/api/search?q=Bundestag%20Haushalt&limit=3');
    for (let i = 0; i < 50 && !/desc="hit"/.test(again.headers.get('Server-Timing') ?? ''); i++) {
      await again.arrayBuffer();
      await new Promise((r) => setTimeout(r, 20));
      again = await get('/api/search?q=Bundestag%20Haushalt&limit=3');
    }
    expect(again.headers.get('Server-Timing')).toMatch(/^cache;dur=[\d.]+;desc="hit"$/);
    expect(again.headers.get('ETag')).toBe(first.headers.get('ETag'));
    expect(await json(again)).toEqual(body);
    const health = await json(await get('/api/health'));
    expect(health.isolate.answers.hits).toBeGreaterThan(0);
  });

  it('suggests completions', async () => {
    const body = await json(await get('/api/suggest?q=milit'));
    expect(body.suggestions.map((s: any) => s.term)).toContain('Militärhilfe');
  });

  it.each([
    ['/api/search', 'missing_query'],
    ['/api/search?q=x&limit=abc', 'invalid_limit'],
    ['/api/search?q=x&limit=100000', 'invalid_limit'],
    [`/api/search?q=${'x'.repeat(10_000)}`, 'query_too_long'],
    ['/api/suggest', 'missing_query'],
  ])('%s is a 400 with a JSON reason', async (path, code) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe(code);
  });

  it('answers unknown API routes with a JSON 404, and POST with 405', async () => {
    const missing = await get('/api/unknown');
    expect(missing.status).toBe(404);
    expect((await json(missing)).error.code).toBe('not_found');
    const post = await get('/api/search?q=x', { method: 'POST' });
    expect(post.status).toBe(405);
    await post.arrayBuffer();
  });

  it('handles HEAD and OPTIONS, and CORS preflight for allowed origins', async () => {
    const head = await get('/api/search?q=NATO', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const preflight = await get('/api/search', {
      method: 'OPTIONS',
      headers: { Origin: 'https://news.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('https://news.example');
    const other = await get('/api/search?q=NATO', { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
    await other.arrayBuffer();
  });

  it('answers a client over its rate with 429 and a JSON reason, other clients still get answers', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await get(`/api/search?q=NATO&n=${i}`, { headers: { 'CF-Connecting-IP': '203.0.113.7' } });
      statuses.push(res.status);
      if (res.status === 429) expect((await json(res)).error.code).toBe('rate_limited');
      else await res.arrayBuffer();
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const other = await get('/api/search?q=NATO');
    expect(other.status).toBe(200);
    await other.arrayBuffer();
  });

  it('reports health with the index size', async () => {
    const res = await get('/api/health');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.index.paragraphs).toBeGreaterThan(0);
  });

  it('loads the index once per isolate, not per request', async () => {
    for (let i = 0; i < 3; i++) await (await get(`/api/search?q=Kiew${i}`)).arrayBuffer();
    const body = await json(await get('/api/health'));
    expect(body.status).toBe('ok');
    expect(body.isolate.indexLoads).toBe(1);
  });
});

describe('page and assets in workerd', () => {
  it('renders results on the server, with security headers', async () => {
    const page = await get('/?q=Militärhilfe');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(page.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await page.text()).toContain('<mark>Militärhilfe</mark>');
  });

  it('refuses other methods on the page with 405 and Allow (not the assets\' empty 404)', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await get('/', { method, ...(method === 'POST' ? { body: 'q=NATO', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } } : {}) });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('Allow'), method).toBe('GET, HEAD');
      expect((await json(res)).error.code, method).toBe('method_not_allowed');
    }
    const head = await get('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    await head.arrayBuffer();
  });

  it('serves the script and keeps the index folder private', async () => {
    const script = await get('/search.js');
    expect(script.status).toBe(200);
    await script.arrayBuffer();
    for (const path of ['/index/CURRENT', '/index%2FCURRENT', '//index/CURRENT']) {
      const index = await get(path);
      expect(index.status, path).toBe(404);
      expect(await index.text(), path).not.toMatch(/root-[0-9a-f]{32}/);
    }
  });
});

describe('write API without a token configured', () => {
  it('does not exist: 404 as any unknown route', async () => {
    const res = await get('/api/admin/articles/x', { method: 'PUT', body: '{"paragraphs":["x"]}', headers: { Authorization: 'Bearer whatever-whatever-whatever-whatever' } });
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('not_found');
  });
});
