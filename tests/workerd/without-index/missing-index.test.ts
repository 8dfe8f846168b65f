import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

// vitest.workers.config.ts runs this file against the Worker with INDEX_PATH naming a folder that does not exist.
describe('a Worker whose index cannot be loaded, in workerd', () => {
  it('answers searches with 503 index_unavailable, never an empty result list', async () => {
    const res = await SELF.fetch('http://localhost/api/search?q=NATO');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string }; results?: unknown };
    expect(body.error.code).toBe('index_unavailable');
    expect(body.results).toBeUndefined();
  });

  it('reports the same on /api/health, not ok with an empty index', async () => {
    const health = await SELF.fetch('http://localhost/api/health');
    expect(health.status).toBe(503);
    expect(((await health.json()) as { error: { code: string } }).error.code).toBe('index_unavailable');
  });

  it('still serves the page and its assets', async () => {
    const script = await SELF.fetch('http://localhost/search.js');
    expect(script.status).toBe(200);
    await script.arrayBuffer();
    const page = await SELF.fetch('http://localhost/');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    await page.arrayBuffer();
  });
});
