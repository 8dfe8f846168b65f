import { describe, expect, inject, it } from 'vitest';
import { check } from '../../tools/fuzz/check';
import { generateRequest, requestBytes, type FuzzRequest } from '../../tools/fuzz/requests';
import { formatSummary, runFuzz } from '../../tools/fuzz/run';
import { sendRaw, type RawResponse } from '../../tools/fuzz/send';

// A bounded run of `npm run fuzz` against the Worker that the global setup
// started with `wrangler dev` (workerd, 127.0.0.1). The full run is 20,000
// requests: `npm run fuzz`.
const url = new URL(inject('baseUrl'));
const host = url.hostname;
const port = Number(url.port);
const send = (raw: string, method = 'GET') => sendRaw(host, port, Buffer.from(raw, 'latin1'), method);
const health = async () => (await send('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')).status;

describe('the verdict', () => {
  const req = (over: Partial<FuzzRequest> = {}): FuzzRequest => ({ n: 0, kind: 'test', method: 'GET', target: '/api/search?q=x', headers: [], ...over });
  const res = (over: Partial<RawResponse> = {}): RawResponse => ({
    status: 200,
    statusText: 'OK',
    headers: { 'x-content-type-options': 'nosniff', 'content-type': 'application/json' },
    body: '{"results":[]}',
    ms: 1,
    ...over,
  });

  it('passes documented answers and fails 5xx, stack traces, the index and broken JSON', () => {
    expect(check(req(), res()).ok).toBe(true);
    expect(check(req(), res({ status: 400, body: '{"error":{"code":"missing_query","message":"…"}}' })).ok).toBe(true);
    expect(check(req(), res({ status: 500, body: '{"error":{"code":"internal_error","message":"…"}}' })).ok).toBe(false);
    expect(check(req(), res({ body: '{"x":"TypeError: boom\\n    at fetch (index.js:1:2)"}' })).reasons.join()).toMatch(/stack frame|Error: /);
    expect(check(req(), res({ body: 'DESRCHIX....', headers: { 'x-content-type-options': 'nosniff' } })).reasons.join()).toMatch(/index/);
    expect(check(req(), res({ body: '{"results": [' })).reasons.join()).toMatch(/not valid JSON/);
    expect(check(req(), res({ status: 404, body: '{"oops":1}' })).reasons.join()).toMatch(/without \{"error"/);
    expect(check(req(), res({ status: 302, headers: { location: '//evil.example/' }, body: '' })).ok).toBe(false);
  });

  it('accepts the runtime refusing broken HTTP, but not well-formed requests', () => {
    const runtime500 = res({ status: 500, headers: {}, body: 'Internal Server Error' });
    expect(check(req({ malformed: true, method: 'CONNECT' }), runtime500).ok).toBe(true);
    expect(check(req(), runtime500).ok).toBe(false);
    expect(check(req({ malformed: true }), res({ status: 500, headers: {}, body: 'TypeError: x\n    at async Object.fetch (file:///x.js:1:2)' })).ok).toBe(false);
    expect(check(req(), res({ status: 431, headers: {}, body: 'ERROR: header too large.' })).ok).toBe(true);
    expect(check(req(), res({ status: null, headers: {}, body: '', error: 'ECONNRESET' })).ok).toBe(false);
    expect(check(req({ oversized: true }), res({ status: null, headers: {}, body: '', error: 'ECONNRESET' })).ok).toBe(true);
  });

  it('is deterministic: a seed and a number give the same bytes', () => {
    for (const n of [0, 7, 1234]) expect(requestBytes(generateRequest(42, n))).toEqual(requestBytes(generateRequest(42, n)));
    expect(requestBytes(generateRequest(42, 7))).not.toEqual(requestBytes(generateRequest(43, 7)));
  });
});

describe('fuzzing the running Worker', () => {
  it('answers 2,000 generated requests without a 5xx, a stack trace or the index', async () => {
    const summary = await runFuzz({ host, port, seed: 2026, count: 2000, concurrency: 8 });
    const report = formatSummary(summary);
    expect(summary.failures, report).toEqual([]);
    // The run reached the Worker's answers of every kind, not only the runtime's refusals.
    for (const status of ['200', '304', '400', '404', '405']) expect(summary.byOutcome[status], `${status} in\n${report}`).toBeGreaterThan(0);
    expect(Object.keys(summary.byKind).length).toBeGreaterThanOrEqual(10);
  }, 120_000);

  it('keeps answering after a request body nobody reads (it used to stop the local server)', async () => {
    const body = 'x'.repeat(300_000);
    for (const [method, path] of [['POST', '/search.js'], ['POST', '/api/search?q=NATO'], ['DELETE', '/api/suggest?q=mil']]) {
      const res = await send(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n${body}`, method);
      expect(res.status).toBe(405);
      expect(await health()).toBe(200);
    }
  }, 60_000);

  it('never serves the index, however its name is spelled', async () => {
    for (const path of ['/index/CURRENT', '/%69ndex/CURRENT', '/index%2FCURRENT', '/%2findex/CURRENT', '//index/CURRENT', '/x/../index/CURRENT', '/index/']) {
      const res = await send(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(res.body, path).not.toMatch(/root-[0-9a-f]{32}|de-edge-search-index/);
      expect([404, 307], path).toContain(res.status);
    }
  });
});
