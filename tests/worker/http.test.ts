import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { buildMemoryIndex } from '../../src/index/memory-index';
import type { SearchResponse } from '../../src/search';
import { createApp } from '../../src/worker/app';
import { DEFAULT_CONFIG, parseConfig } from '../../src/worker/config';
import { article } from '../fixtures';

const index = await buildMemoryIndex([article('nato', ['Die NATO will ausreichend Militärhilfe an Kiew senden.'])]);
const app = (config = DEFAULT_CONFIG, limited = false) =>
  createApp({
    index: async () => index,
    config,
    rateLimiter: () => ({ limit: async () => ({ success: !limited }) }),
  });

describe('HTTP caching', () => {
  it('sends an ETag and Cache-Control, and answers If-None-Match with 304', async () => {
    const first = await app().request('/api/search?q=NATO');
    const etag = first.headers.get('ETag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('Cache-Control')).toBe('public, max-age=300');
    const again = await app().request('/api/search?q=NATO', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await app().request('/api/search?q=Kiew', { headers: { 'If-None-Match': etag } });
    expect(other.status).toBe(200);
  });

  it('answers an invalid request with its 400, never a 304, whatever If-None-Match says', async () => {
    for (const [path, code] of [
      ['/api/search?q=', 'missing_query'],
      ['/api/search?q=NATO&limit=9999', 'invalid_limit'],
      ['/api/suggest?q=', 'missing_query'],
      ['/api/suggest?q=nat&limit=0', 'invalid_limit'],
    ]) {
      for (const ifNoneMatch of ['*', 'W/"x", *']) {
        const res = await app().request(path!, { headers: { 'If-None-Match': ifNoneMatch } });
        expect(res.status, `${path} ${ifNoneMatch}`).toBe(400);
        expect(((await res.json()) as any).error.code).toBe(code);
        expect(res.headers.get('Cache-Control')).toBe('no-store');
        expect(res.headers.get('ETag')).toBeNull();
      }
    }
  });

  it('still answers If-None-Match: * with 304 for a valid request, search and suggest', async () => {
    for (const path of ['/api/search?q=NATO', '/api/suggest?q=nat']) {
      const res = await app().request(path, { headers: { 'If-None-Match': '*' } });
      expect(res.status, path).toBe(304);
      expect(res.headers.get('ETag')).toMatch(/^"[\w-]+"$/);
      expect(res.headers.get('Cache-Control')).toBe('public, max-age=300');
    }
  });

  it('does not let errors be cached', async () => {
    const res = await app().request('/api/search?q=NATO&limit=abc');
    expect(res.status).toBe(400);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('reports the search time, its stages and what it read in Server-Timing', async () => {
    const res = await app().request('/api/search?q=NATO');
    const timing = res.headers.get('Server-Timing') ?? '';
    expect(timing).toMatch(/^search;dur=[\d.]+, plan;dur=[\d.]+, rank;dur=[\d.]+, show;dur=[\d.]+, io;dur=[\d.]+;desc="reads=\d+ bytes=\d+ waves=\d+"$/);
    // The header says what the body does.
    const { tookMs, stages } = (await res.json()) as SearchResponse;
    const dur = (name: string) => Number(new RegExp(`${name};dur=([\\d.]+)`).exec(timing)![1]);
    expect([dur('search'), dur('plan'), dur('rank'), dur('show')]).toEqual([tookMs, stages.planMs, stages.rankMs, stages.showMs]);
  });
});

describe('methods', () => {
  it('answers HEAD like GET without a body', async () => {
    const res = await app().request('/api/search?q=NATO', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
  it('answers OPTIONS with the allowed methods', async () => {
    const res = await app().request('/api/search', { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
  });
  // (TRACE cannot be sent through Node's Request; npm run fuzz sends it to workerd over a raw socket.)
  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'PROPFIND'])('refuses %s with a JSON 405 that lists the allowed methods', async (method) => {
    const res = await app().request('/api/search?q=NATO', { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
    expect(((await res.json()) as any).error.code).toBe('method_not_allowed');
  });
  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('refuses %s on the page with a JSON 405 that allows GET and HEAD', async (method) => {
    const res = await app().request('/?q=NATO', { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('Allow')).toBe('GET, HEAD');
    expect(((await res.json()) as any).error.code).toBe('method_not_allowed');
  });
  it('answers HEAD on the page like GET, without a body', async () => {
    const res = await app().request('/?q=NATO', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    expect(await res.text()).toBe('');
  });
  it('answers a path that is no API route with a JSON 404, whatever the method', async () => {
    for (const method of ['GET', 'POST', 'OPTIONS']) {
      const res = await app().request('/api/nothing', { method });
      expect(res.status).toBe(404);
      expect(((await res.json()) as any).error.code).toBe('not_found');
    }
  });
});

describe('CORS', () => {
  it('sends no CORS headers by default (same origin only)', async () => {
    const res = await app().request('/api/search?q=NATO', { headers: { Origin: 'https://elsewhere.example' } });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
  it('allows configured origins, and answers their preflight', async () => {
    const config = parseConfig({ ALLOWED_ORIGINS: 'https://news.example, https://blog.example' });
    const ok = await app(config).request('/api/search?q=NATO', { headers: { Origin: 'https://news.example' } });
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBe('https://news.example');
    const denied = await app(config).request('/api/search?q=NATO', { headers: { Origin: 'https://evil.example' } });
    expect(denied.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const preflight = await app(config).request('/api/search', {
      method: 'OPTIONS',
      headers: { Origin: 'https://blog.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('https://blog.example');
  });
});

describe('limits and headers', () => {
  it('answers 429 when the rate limiter says no', async () => {
    const res = await app(DEFAULT_CONFIG, true).request('/api/search?q=NATO');
    expect(res.status).toBe(429);
    expect(((await res.json()) as any).error.code).toBe('rate_limited');
  });
  it('sets security headers, with a CSP that allows no inline script', async () => {
    for (const path of ['/api/health', '/?q=NATO', '/api/nothing']) {
      const res = await app().request(path);
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('Content-Security-Policy')).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'",
      );
      // Other sites load the box's stylesheet without CORS; a same-origin resource policy would stop them.
      expect(res.headers.get('Cross-Origin-Resource-Policy')).toBeNull();
      expect(res.headers.get('Strict-Transport-Security')).toBeNull();
    }
  });
});

describe('parseConfig', () => {
  it('reads typed values from [vars] and falls back on nonsense', async () => {
    const config = parseConfig({ MAX_LIMIT: '20', DEFAULT_LIMIT: '50', CACHE_MAX_AGE: 'soon', INDEX_PATH: '../etc/passwd' });
    expect(config.limits.maxLimit).toBe(20);
    expect(config.limits.defaultLimit).toBe(20);
    expect(config.cacheMaxAge).toBe(DEFAULT_CONFIG.cacheMaxAge);
    expect(config.indexPath).toBe(DEFAULT_CONFIG.indexPath);
    expect(parseConfig({}).allowedOrigins).toEqual([]);
  });
  it('applies its limits to requests', async () => {
    const res = await app(parseConfig({ MAX_LIMIT: '5' })).request('/api/search?q=NATO&limit=6');
    expect(res.status).toBe(400);
  });
});
