import { abortAllDurableObjects, env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Env } from '../../../src/worker/env';

// The Worker with live updates (vitest.workers.config.ts, project workerd-live): the index in Miniflare's R2 under
// live/, written through the IndexWriter Durable Object (SQLite storage), flushed 50 ms after a write, and checked
// by the search isolate every 100 ms. Tests share one index, so each uses words and ids of its own.
const TOKEN = 'workerd-test-token-0123456789abcdef0123456789';
let client = 0;
const call = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
  SELF.fetch(`http://localhost${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'CF-Connecting-IP': `192.0.2.${++client % 250}`, ...headers },
    ...(body !== undefined ? { body } : {}),
  });
const json = async (res: Response) => (await res.json()) as any;
const articleJson = (id: string, paragraphs: string[], extra: object = {}) => JSON.stringify({ id, title: id, paragraphs, ...extra });
const search = async (q: string) => json(await SELF.fetch(`http://localhost/api/search?q=${encodeURIComponent(q)}&limit=100`, { headers: { 'CF-Connecting-IP': `192.0.2.${++client % 250}` } }));
/** What a query finds (or the error code, such as index_unavailable before the first flush created the index). */
const found = async (q: string): Promise<string[]> => {
  const body = await search(q);
  return body.results ? body.results.map((r: any) => `${r.id}/${r.paragraph}`).sort() : [body.error.code];
};
const WRITER = (env as unknown as Env).WRITER!;
const writer = () => WRITER.get(WRITER.idFromName('index:live/'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `q` finds what `expected` says (the writer flushes by alarm; the isolate checks every 100 ms). */
async function eventually(q: string, expected: string[], ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const got = await found(q);
    if (JSON.stringify(got) === JSON.stringify(expected) || Date.now() > until) return expect(got).toEqual(expected);
    await sleep(50);
  }
}

describe('live updates in workerd (Durable Object writer, R2 index)', () => {
  it('makes a written article searchable within the flush and check periods, and a deleted one disappear', async () => {
    const put = await call('PUT', '/api/admin/articles/wd-1', articleJson('wd-1', ['Die Fähre nach Helgoland fällt aus.']));
    expect(put.status).toBe(202);
    expect(await json(put)).toMatchObject({ id: 'wd-1', published: false });
    await eventually('Helgoland', ['wd-1/0']);
    const etag = (await SELF.fetch('http://localhost/api/search?q=Helgoland', { headers: { 'CF-Connecting-IP': '192.0.2.251' } })).headers.get('ETag');
    expect((await call('DELETE', '/api/admin/articles/wd-1')).status).toBe(202);
    await eventually('Helgoland', []);
    const after = await SELF.fetch('http://localhost/api/search?q=Helgoland', { headers: { 'CF-Connecting-IP': '192.0.2.252', 'If-None-Match': etag! } });
    // The ETag names the index version: a client's cached answer with the deleted article is not confirmed.
    expect(after.status).toBe(200);
    expect(after.headers.get('Cache-Control')).toBe('public, max-age=0');
    const suggest = await json(await SELF.fetch('http://localhost/api/suggest?q=helgol', { headers: { 'CF-Connecting-IP': '192.0.2.253' } }));
    expect(suggest.suggestions).toEqual([]);
  });

  it('serialises concurrent writers to one id: the last acknowledged version wins, never two side by side', async () => {
    const versions = Array.from({ length: 12 }, (_, v) => articleJson('wd-same', Array.from({ length: 1 + (v % 3) }, (_, p) => `Gleichzeitig Version${v} Absatz${p} Leuchtturm.`)));
    const answers = await Promise.all(versions.map((body) => call('PUT', '/api/admin/articles/wd-same', body).then(json)));
    const last = answers.reduce((a, b) => (a.seq > b.seq ? a : b));
    const v = answers.indexOf(last);
    const done = await call('PUT', `/api/admin/articles/wd-probe?wait=true`, articleJson('wd-probe', ['Sonde.']));
    expect(done.status).toBe(200);
    expect(await found('Leuchtturm')).toEqual(Array.from({ length: 1 + (v % 3) }, (_, p) => `wd-same/${p}`));
    expect((await search('Leuchtturm')).results.every((r: any) => r.text.includes(`Version${v} `))).toBe(true);
  });

  it('deletes then re-adds an id (in one flush and across flushes)', async () => {
    await call('PUT', '/api/admin/articles/wd-re', articleJson('wd-re', ['Erste Fassung Wattenmeer.']));
    await call('DELETE', '/api/admin/articles/wd-re');
    await call('PUT', '/api/admin/articles/wd-re?wait=true', articleJson('wd-re', ['Neue Fassung Wattenmeer.']));
    expect(await found('Wattenmeer')).toEqual(['wd-re/0']);
    expect((await search('Wattenmeer')).results[0].text).toBe('Neue Fassung Wattenmeer.');
    await call('DELETE', '/api/admin/articles/wd-re?wait=true');
    expect(await found('Wattenmeer')).toEqual([]);
    await call('PUT', '/api/admin/articles/wd-re?wait=true', articleJson('wd-re', ['Dritte Fassung Wattenmeer.']));
    expect((await search('Wattenmeer')).results.map((r: any) => r.text)).toEqual(['Dritte Fassung Wattenmeer.']);
  });

  it('stores the good lines of a bulk and names the bad ones', async () => {
    const body = [articleJson('wd-b1', ['Bulk Seehund eins.']), '{nope', articleJson('wd-b2', ['Bulk Seehund zwei.']), JSON.stringify({ id: 'wd-b3' })].join('\n');
    const res = await call('POST', '/api/admin/articles?wait=true', body);
    expect(res.status).toBe(200);
    const answer = await json(res);
    expect(answer.results.map((r: any) => [r.line, r.ok])).toEqual([
      [1, true],
      [2, false],
      [3, true],
      [4, false],
    ]);
    expect(await found('Seehund')).toEqual(['wd-b1/0', 'wd-b2/0']);
  });

  it('loses and duplicates no acknowledged write when the writer is killed mid-flush or mid-compaction', async () => {
    const acked = new Map<string, string>();
    for (let round = 0; round < 6; round++) {
      const lines = Array.from({ length: 15 }, (_, k) => {
        const id = `wd-k${(round * 15 + k) % 40}`;
        const text = `Absturz${round} Kormoran ${id} Fassung ${round}.`;
        acked.set(id, text);
        return JSON.stringify({ id, paragraphs: [text] });
      });
      const res = await call('POST', '/api/admin/articles', lines.join('\n'));
      expect(res.status).toBe(202);
      // Kill the writer a little later each round: before, during or after its flush (or the compaction below).
      const flushing = writer().waitFor((await json(res)).results.at(-1).seq).catch(() => null);
      if (round % 2 === 1) void writer().compact({ full: true, expunge: true }).catch(() => null);
      await sleep(round * 7);
      await abortAllDurableObjects();
      await flushing;
    }
    const status = await writer().waitFor(0);
    expect(status.pending).toBe(0);
    await writer().compact({ full: true, expunge: true });
    await call('PUT', '/api/admin/articles/wd-k-probe?wait=true', articleJson('wd-k-probe', ['Sonde zwei.']));
    const results = (await search('Kormoran')).results;
    expect(results.map((r: any) => r.id).sort()).toEqual([...acked.keys()].sort());
    for (const r of results) expect(r.text).toBe(acked.get(r.id));
  });
});

describe('write API security in workerd', () => {
  it('refuses no token, a wrong token and a token in the URL, with JSON and without CORS', async () => {
    const none = await SELF.fetch('http://localhost/api/admin/articles/x', { method: 'PUT', body: '{}', headers: { 'CF-Connecting-IP': '192.0.2.254', Origin: 'https://news.example' } });
    expect(none.status).toBe(401);
    expect(none.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect((await json(none)).error.code).toBe('unauthorized');
    const wrong = await call('PUT', '/api/admin/articles/x', '{}', { Authorization: 'Bearer not-the-token-0123456789abcdef0123456789' });
    expect(wrong.status).toBe(403);
    await wrong.arrayBuffer();
    const inUrl = await call('DELETE', `/api/admin/articles/x?token=${TOKEN}`);
    expect(inUrl.status).toBe(400);
    expect(await inUrl.text()).not.toContain(TOKEN);
  });

  it('refuses a body over the limit with 413 before storing anything', async () => {
    const res = await call('PUT', '/api/admin/articles/wd-big', JSON.stringify({ paragraphs: ['Riesig '.repeat(200_000)] }));
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe('body_too_large');
    await call('PUT', '/api/admin/articles/wd-probe3?wait=true', articleJson('wd-probe3', ['Sonde drei.']));
    expect(await found('Riesig')).toEqual([]);
  });
});
