import { describe, expect, it } from 'vitest';
import { check } from '../../../tools/fuzz/check';
import { generateRequest, type FuzzRequest } from '../../../tools/fuzz/requests';
import type { RawResponse } from '../../../tools/fuzz/send';

const req: FuzzRequest = { n: 0, kind: 'index-leak', method: 'GET', target: '/index/CURRENT', headers: [] };
const res = (body: string): RawResponse => ({ status: 200, statusText: 'OK', headers: { 'x-content-type-options': 'nosniff' }, body, ms: 1 });
const ROOT_NAME = 'root-0123456789abcdef0123456789abcdef.json';

describe('the fuzz verdict on the index folder', () => {
  it('fails a body that is the CURRENT pointer or a root', () => {
    expect(check(req, res(`${ROOT_NAME}\n`)).reasons.join()).toMatch(/search index/);
    expect(check(req, res('{"format":"de-edge-search-index","version":4,"segments":[]}')).reasons.join()).toMatch(/search index/);
  });

  it('passes an answer that merely names the root, as /api/health does', () => {
    const health = JSON.stringify({ status: 'ok', index: { version: ROOT_NAME } });
    expect(check({ ...req, target: '/api/health' }, { ...res(health), headers: { 'x-content-type-options': 'nosniff', 'content-type': 'application/json' } }).ok).toBe(true);
  });

  it('asks for the index folder by several spellings', () => {
    const targets = new Set<string>();
    for (let n = 0; n < 5000; n++) {
      const r = generateRequest(1, n);
      if (r.kind === 'index-leak') targets.add(r.target);
    }
    expect([...targets].filter((t) => /index/i.test(t) && !t.includes('search-index')).length).toBeGreaterThan(10);
  });
});
