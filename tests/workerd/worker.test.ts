import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

// The Worker as deployed: index from static assets, inside workerd.
describe('the Worker in workerd', () => {
  it('answers a German query with the seed paragraph first', async () => {
    const res = await SELF.fetch('http://localhost/api/search?q=Militärhilfe');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.total).toBeGreaterThan(0);
    expect(body.results[0].snippet).toContain('<mark>Militärhilfe</mark>');
    expect(body.results[0].text).toContain('ausreichend Militärhilfe');
  });

  it('reports health', async () => {
    const res = await SELF.fetch('http://localhost/api/health');
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).status).toBe('ok');
  });

  it('answers bad input with 400 and a JSON reason', async () => {
    for (const path of ['/api/search', '/api/search?q=x&limit=abc', `/api/search?q=${'x'.repeat(10_000)}`]) {
      const res = await SELF.fetch(`http://localhost${path}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error.code).toMatch(/^[a-z_]+$/);
    }
  });

  it('serves the search page and keeps the index file private', async () => {
    const page = await SELF.fetch('http://localhost/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form role="search"');
    const index = await SELF.fetch('http://localhost/search-index.bin');
    expect(index.status).toBe(404);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await SELF.fetch('http://localhost/api/unknown');
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe('not_found');
  });
});
