import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { MemoryStore } from '../../src/index/memory-index';
import { LiveIndex } from '../../src/live/live-index';
import { storePointer } from '../../src/live/pointer';
import { MemoryLog, WriterCore } from '../../src/live/writer';
import { createApp } from '../../src/worker/app';
import { DEFAULT_CONFIG } from '../../src/worker/config';
import { createIndexLoader, openIndex, versionCheck } from '../../src/worker/index-loader';
import { MemoryGarbage } from './memory-garbage';

const TOKEN = 'test-token-0123456789abcdef0123456789abcdef';

async function liveApp(options: { token?: string; origins?: string[] } = {}) {
  const store = new MemoryStore();
  const live = await LiveIndex.open(store, storePointer(store), new MemoryGarbage(), { compression: zlibCompression, chunkSize: 4096 });
  const writer = new WriterCore(new MemoryLog(), live);
  const app = createApp({
    config: { ...DEFAULT_CONFIG, allowedOrigins: options.origins ?? [] },
    index: createIndexLoader(() => openIndex(store), { check: versionCheck(store, 0, 0) }),
    adminToken: () => ('token' in options ? options.token : TOKEN),
    writer: () => writer,
  });
  const call = (method: string, path: string, body?: string, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }) =>
    app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const found = async (q: string) => ((await (await app.request(`/api/search?q=${encodeURIComponent(q)}`)).json()) as any).results.map((r: any) => `${r.id}/${r.paragraph}`);
  return { app, call, found, writer, store };
}

const articleJson = (id: string, paragraphs: string[], extra: object = {}) => JSON.stringify({ id, title: id, paragraphs, ...extra });

describe('write API (in Node, through app.request)', () => {
  it('puts an article searchable at once with wait=true, corrects it and deletes it', async () => {
    const { call, found, app } = await liveApp();
    let res = await call('PUT', '/api/admin/articles/art-1?wait=true', articleJson('art-1', ['Die Seilbahn am Hochgrat fährt wieder.']));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 'art-1', published: true });
    expect(await found('Seilbahn')).toEqual(['art-1/0']);
    res = await call('PUT', '/api/admin/articles/art-1?wait=true', JSON.stringify({ paragraphs: ['Korrektur: Die Gondel am Hochgrat steht still.'] }));
    expect(res.status).toBe(200);
    expect(await found('Seilbahn')).toEqual([]);
    expect(await found('Gondel')).toEqual(['art-1/0']);
    res = await call('DELETE', '/api/admin/articles/art-1?wait=true');
    expect(res.status).toBe(200);
    expect(await found('Gondel')).toEqual([]);
    const suggestions = (await (await app.request('/api/suggest?q=gond')).json()) as any;
    expect(suggestions.suggestions).toEqual([]);
  });

  it('acknowledges a write without wait as 202 and publishes it at the next flush', async () => {
    const { call, found, writer } = await liveApp();
    const res = await call('PUT', '/api/admin/articles/a2', articleJson('a2', ['Hagelschaden im Allgäu.']));
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ id: 'a2', seq: 1, published: false });
    expect((await writer.status()).pending).toBe(1);
    await writer.flush();
    expect(await found('Hagelschaden')).toEqual(['a2/0']);
  });

  it('stores the good lines of a bulk, names each bad line with its reason, and writes nothing of a bad line', async () => {
    const { call, found } = await liveApp();
    const body = [
      articleJson('b1', ['Erster guter Artikel über Windkraft.']),
      '{"id": "b2", "paragraphs": [',
      articleJson('b3', ['Zweiter guter Artikel über Windkraft.']),
      JSON.stringify({ id: 'b4', paragraphs: 'kein Array' }),
      JSON.stringify({ id: 'b5 mit Leerzeichen', paragraphs: ['x'] }),
      '',
      JSON.stringify({ id: 'b6', paragraphs: ['Windkraft'], date: 'gestern' }),
    ].join('\n');
    const res = await call('POST', '/api/admin/articles?wait=true', body);
    expect(res.status).toBe(200);
    const json = (await res.json()) as any;
    expect(json).toMatchObject({ stored: 2, rejected: 4, published: true });
    expect(json.results.map((r: any) => [r.line, r.ok, r.error?.code ?? null])).toEqual([
      [1, true, null],
      [2, false, 'invalid_json'],
      [3, true, null],
      [4, false, 'invalid_article'],
      [5, false, 'invalid_id'],
      [7, false, 'invalid_date'],
    ]);
    expect((await found('Windkraft')).sort()).toEqual(['b1/0', 'b3/0']);
  });

  it('deletes by filter (licence expiry) and refuses a filter that is missing or could widen', async () => {
    const { call, found } = await liveApp();
    const lines = [
      articleJson('f1', ['Agentur Wetterbericht eins.'], { source: 'dpa', date: '2024-01-05' }),
      articleJson('f2', ['Agentur Wetterbericht zwei.'], { source: 'dpa', date: '2024-09-05' }),
      articleJson('f3', ['Eigener Wetterbericht.'], { source: 'Redaktion', date: '2024-01-05' }),
    ];
    await call('POST', '/api/admin/articles?wait=true', lines.join('\n'));
    const refused = [
      ...['', '?filter=', '?filter=Wetter', '?filter=date:2024-1x', '?filter=tag:x'],
      // A day that does not exist, a range the wrong way round, an excluded filter, an escape that is no UTF-8.
      ...['date:2024-02-30', 'source:dpa date:2024-06..2024-01', '-source:Redaktion date:..2024-06'].map((f) => `?filter=${encodeURIComponent(f)}`),
      '?filter=source:%ED%A0%80',
    ];
    for (const bad of refused) {
      const res = await call('DELETE', `/api/admin/articles${bad}`);
      expect(res.status, bad).toBe(400);
    }
    expect((await found('Wetterbericht')).sort()).toEqual(['f1/0', 'f2/0', 'f3/0']);
    const res = await call('DELETE', `/api/admin/articles?wait=true&filter=${encodeURIComponent('source:DPA date:..2024-06')}`);
    expect(res.status).toBe(200);
    expect((await found('Wetterbericht')).sort()).toEqual(['f2/0', 'f3/0']);
  });
});

describe('write API security', () => {
  it('does not exist without a token configured, or with one too short to be safe (404)', async () => {
    for (const token of [undefined, '', 'short']) {
      const { call } = await liveApp({ token });
      const res = await call('PUT', '/api/admin/articles/x', articleJson('x', ['y']));
      expect(res.status).toBe(404);
      expect(((await res.json()) as any).error.code).toBe('not_found');
    }
  });

  it('answers no token with 401, a wrong one with 403, a token in the query string with 400, and never echoes it', async () => {
    const { call } = await liveApp();
    const cases: Array<[string, Record<string, string>, number, string]> = [
      ['/api/admin/articles/x', {}, 401, 'unauthorized'],
      ['/api/admin/articles/x', { Authorization: 'Basic abc' }, 401, 'unauthorized'],
      ['/api/admin/articles/x', { Authorization: `Bearer ${TOKEN}x` }, 403, 'forbidden'],
      ['/api/admin/articles/x', { Authorization: `Bearer ${TOKEN.slice(0, -1)}` }, 403, 'forbidden'],
      [`/api/admin/articles/x?token=${TOKEN}`, {}, 400, 'token_in_url'],
      [`/api/admin/articles/x?access_token=${TOKEN}`, { Authorization: `Bearer ${TOKEN}` }, 400, 'token_in_url'],
    ];
    for (const [path, headers, status, code] of cases) {
      const res = await call('PUT', path, articleJson('x', ['y']), headers);
      expect(res.status, path).toBe(status);
      const text = await res.text();
      expect(JSON.parse(text).error.code).toBe(code);
      expect(text).not.toContain(TOKEN.slice(8, 30));
      expect(res.headers.get('Cache-Control')).toBe('no-store');
    }
    const missing = await call('PUT', '/api/admin/articles/x', articleJson('x', ['y']), {});
    expect(missing.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
  });

  it('never answers CORS for the write API, even when every origin may search', async () => {
    const { app } = await liveApp({ origins: ['*'] });
    const preflight = await app.request('/api/admin/articles/x', { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'PUT' } });
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const put = await app.request('/api/admin/articles/x', { method: 'PUT', headers: { Origin: 'https://evil.example', Authorization: `Bearer ${TOKEN}` }, body: articleJson('x', ['y']) });
    expect(put.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const search = await app.request('/api/search?q=y', { headers: { Origin: 'https://evil.example' } });
    expect(search.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });

  it('refuses oversized bodies, articles and fields with 413 and a code', async () => {
    const { call } = await liveApp();
    const cases: Array<[string, string, string, string]> = [
      ['PUT', '/api/admin/articles/big', JSON.stringify({ paragraphs: ['x'.repeat((1 << 20) + 10)] }), 'body_too_large'],
      ['PUT', '/api/admin/articles/many', JSON.stringify({ paragraphs: Array.from({ length: 1001 }, () => 'x') }), 'too_many_paragraphs'],
      ['PUT', '/api/admin/articles/long', JSON.stringify({ paragraphs: ['x'.repeat(20_001)] }), 'paragraph_too_long'],
      ['PUT', '/api/admin/articles/title', JSON.stringify({ title: 't'.repeat(2001), paragraphs: ['x'] }), 'field_too_long'],
      ['POST', '/api/admin/articles', Array.from({ length: 1001 }, (_, i) => articleJson(`m${i}`, ['x'])).join('\n'), 'too_many_articles'],
      ['POST', '/api/admin/articles', 'x'.repeat((8 << 20) + 1), 'body_too_large'],
    ];
    for (const [method, path, body, code] of cases) {
      const res = await call(method, path, body);
      expect(res.status, code).toBe(413);
      expect(((await res.json()) as any).error.code).toBe(code);
    }
  });

  it('answers hostile JSON with 400 and a reason: deep nesting, __proto__ keys, wrong types', async () => {
    const { call } = await liveApp();
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const cases: Array<[string, string]> = [
      [deep, 'invalid_article'],
      [`{"paragraphs": ${deep}}`, 'invalid_article'],
      ['{"__proto__": {"polluted": true}, "paragraphs": ["x"]}', 'unknown_field'],
      ['{"constructor": {"prototype": {"polluted": true}}, "paragraphs": ["x"]}', 'unknown_field'],
      ['{"paragraphs": ["x"], "tags": [{"__proto__": 1}]}', 'invalid_article'],
      ['{"paragraphs": ["x"], "id": "other"}', 'id_mismatch'],
      ['{"paragraphs": []}', 'invalid_article'],
      ['not json', 'invalid_json'],
      ['"a string"', 'invalid_article'],
    ];
    for (const [body, code] of cases) {
      const res = await call('PUT', '/api/admin/articles/h', body);
      expect(res.status, code).toBe(400);
      expect(((await res.json()) as any).error.code, body.slice(0, 40)).toBe(code);
    }
    expect(({} as any).polluted).toBeUndefined();
    const badId = await call('PUT', `/api/admin/articles/${'i'.repeat(201)}`, articleJson('x', ['y']));
    expect(((await badId.json()) as any).error.code).toBe('invalid_id');
  });
});
