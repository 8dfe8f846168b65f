import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { buildMemoryIndex } from '../../src/index/memory-index';
import { createApp } from '../../src/worker/app';
import { createIndexLoader } from '../../src/worker/index-loader';
import { MemoryStore, openIndex } from '../../src/index/memory-index';
import { rootName } from '../../src/index/root';
import { article } from '../fixtures';

const built = await buildMemoryIndex(
  [
    article('nato', ['Die NATO will ausreichend Militärhilfe an Kiew senden.', 'Ein <script>alert(1)</script> Test.'], {
      title: 'NATO',
    }),
  ],
  { compression: zlibCompression },
);
let loads = 0;
const app = createApp({
  index: createIndexLoader(async () => {
    loads++;
    return built;
  }),
});
const get = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as any };
};

describe('GET /api/search', () => {
  it('answers with ranked results in the documented shape', async () => {
    const { status, body } = await get('/api/search?q=Militärhilfe');
    expect(status).toBe(200);
    expect(body).toMatchObject({ query: 'Militärhilfe', total: 1 });
    expect(body.results[0]).toMatchObject({ id: 'nato', paragraph: 0, snippet: expect.stringContaining('<mark>Militärhilfe</mark>') });
  });

  it('loads the index once, not per request', async () => {
    await get('/api/search?q=NATO');
    await get('/api/search?q=Kiew');
    expect(loads).toBe(1);
  });

  it.each([
    ['/api/search', 'missing_query'],
    ['/api/search?q=', 'missing_query'],
    ['/api/search?q=%20%20', 'missing_query'],
    [`/api/search?q=${'a'.repeat(10_000)}`, 'query_too_long'],
    ['/api/search?q=NATO&limit=abc', 'invalid_limit'],
    ['/api/search?q=NATO&limit=100000', 'invalid_limit'],
    ['/api/search?q=NATO&limit=0', 'invalid_limit'],
    ['/api/search?q=NATO&offset=-1', 'invalid_offset'],
    ['/api/search?q=NATO&group=vielleicht', 'invalid_group'],
  ])('%s is a 400 with a JSON reason', async (path, code) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
  });

  it.each([
    ['/api/search?q=%ED%A0%80', 'q'],
    ['/api/search?q=%FF%FE', 'q'],
    ['/api/search?q=Milit%C3%A4rhilfe%20%E0%A4', 'q'],
    ['/api/search?q=NATO&limit=%C0%AF', 'limit'],
    ['/api/search?q=NATO&%FF=1', '%FF'],
    ['/api/suggest?q=%ED%A0%80', 'q'],
  ])('%s (escapes that are no UTF-8) is a 400 invalid_encoding, not a search for the escapes as text', async (path, param) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: 'invalid_encoding', message: `Parameter ${param} is not valid percent-encoded UTF-8.` });
    const conditional = await app.request(path, { headers: { 'If-None-Match': '*' } });
    expect(conditional.status).toBe(400);
  });

  it('decodes good escapes, and reads a % that starts no escape as a %', async () => {
    expect((await get('/api/search?q=Milit%C3%A4rhilfe%20%F0%9F%98%80')).body.total).toBe(1);
    for (const path of ['/api/search?q=NATO%20100%', '/api/search?q=NATO%20%zz', '/api/suggest?q=%25ED%25A0']) {
      expect((await get(path)).status, path).toBe(200);
    }
    expect((await get('/api/search?q=NATO%20%25ED')).body.query).toBe('NATO %ED');
  });

  it('escapes markup from the corpus in snippets', async () => {
    const { body } = await get('/api/search?q=%3Cscript%3ETest');
    expect(body.results[0].snippet).toContain('&lt;');
    expect(body.results[0].snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });
});

describe('other routes', () => {
  it('reports health with index facts', async () => {
    const { status, body } = await get('/api/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', index: { articles: 1, paragraphs: 2 } });
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const { status, body } = await get('/api/nothing');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });

  it('answers 503, not empty results, when the index cannot be loaded', async () => {
    // A store whose pointer names a root of some other format.
    const store = new MemoryStore();
    const root = new TextEncoder().encode('{"format":"something else"}');
    const name = await rootName(root);
    await store.put(name, root);
    await store.swapPointer('CURRENT', new TextEncoder().encode(name));
    const broken = createApp({ index: createIndexLoader(() => openIndex(store)) });
    const res = await broken.request('/api/search?q=NATO');
    expect(res.status).toBe(503);
    expect(((await res.json()) as any).error.code).toBe('index_unavailable');
  });
});

describe('GET /api/suggest', () => {
  it('completes the word being typed with the corpus spelling', async () => {
    const { status, body } = await get('/api/suggest?q=Die%20milit');
    expect(status).toBe(200);
    expect(body.suggestions[0]).toEqual({ term: 'Militärhilfe', count: 1 });
  });
  it('suggests no words of the text for a filter being typed', async () => {
    expect((await get('/api/suggest?q=NA')).body.suggestions.map((s: any) => s.term)).toEqual(['NATO']);
    const { status, body } = await get(`/api/suggest?q=${encodeURIComponent('tag:NA')}`);
    expect(status).toBe(200);
    expect(body.suggestions).toEqual([]);
  });
  it('needs a query', async () => {
    expect((await get('/api/suggest')).status).toBe(400);
  });
});

describe('sort, facets and ways out (one parser for API, page and CLI)', async () => {
  const news = await buildMemoryIndex(
    [
      article('alt', ['Kiew bittet um Militärhilfe.'], { date: '2022-03-01', category: 'Politik', tags: ['SPD'] }),
      article('mitte', ['Militärhilfe für Kiew beschlossen, Militärhilfe wirkt.'], { date: '2023-06-15', category: 'Politik', tags: ['CDU/CSU'] }),
      article('neu', ['Kiew dankt.'], { date: '2024-11-13', category: 'Ausland', tags: ['SPD'] }),
      article('ohne', ['Militärhilfe ohne Datum.'], {}),
    ],
    { compression: zlibCompression },
  );
  const newsApp = createApp({ index: async () => news });
  const api = async (path: string) => {
    const res = await newsApp.request(path);
    return { status: res.status, body: (await res.json()) as any };
  };

  it('sort=date: newest first, undated last; relevance by score', async () => {
    const byDate = await api('/api/search?q=Militärhilfe%20Kiew&sort=date');
    expect(byDate.body.results.map((r: any) => r.id)).toEqual(['neu', 'mitte', 'alt', 'ohne']);
    const byScore = await api('/api/search?q=Militärhilfe%20Kiew&sort=relevance');
    expect(byScore.body.results[0].id).toBe('mitte');
  });

  it('facets=category,tag,year: counts over every match, not only the page', async () => {
    const { status, body } = await api('/api/search?q=Militärhilfe%20Kiew&limit=1&facets=category,tag,year');
    expect(status).toBe(200);
    expect(body.results).toHaveLength(1);
    expect(body.facets).toEqual({
      category: { values: [{ value: 'Politik', count: 2 }, { value: 'Ausland', count: 1 }], exact: true },
      tag: { values: [{ value: 'SPD', count: 2 }, { value: 'CDU/CSU', count: 1 }], exact: true },
      year: { values: [{ value: '2024', count: 1 }, { value: '2023', count: 1 }, { value: '2022', count: 1 }], exact: true },
    });
    expect((await api('/api/search?q=Kiew')).body.facets).toBeUndefined();
  });

  it('a search that finds nothing lists the queries that would, one filter or the rarest word left out', async () => {
    const { body } = await api('/api/search?q=Kiew%20tag:FDP');
    expect(body.total).toBe(0);
    expect(body.alternatives).toEqual([{ query: 'Kiew', removed: { kind: 'filter', field: 'tag', value: 'FDP' }, total: 3, totalExact: true }]);
    const phrase = await api('/api/search?q=%22Kiew%20bittet%20nicht%22%20Militärhilfe');
    expect(phrase.body.alternatives).toEqual([
      { query: 'Militärhilfe', removed: { kind: 'word', text: '"Kiew bittet nicht"' }, total: 3, totalExact: true },
    ]);
    expect((await api('/api/search?q=Kiew')).body.alternatives).toBeUndefined();
  });

  it.each([
    ['Kiew date:2024-13', 'date:2024-13', '"2024-13" is no date'],
    ['Kiew date:2024-02-30', 'date:2024-02-30', '"2024-02-30" is no date'],
    ['Kiew date:2023-02-29', 'date:2023-02-29', '"2023-02-29" is no date'],
    ['Kiew date:1900-02-29..', 'date:1900-02-29..', '"1900-02-29" is no date'],
    ['Kiew date:2024-04-31', 'date:2024-04-31', '"2024-04-31" is no date'],
    ['Kiew date:2024-00', 'date:2024-00', '"2024-00" is no date'],
    ['Kiew date:gestern', 'date:gestern', '"gestern" is no date'],
    ['Kiew date:2022..2023..2024', 'date:2022..2023..2024', 'one ".."'],
    ['Kiew date:2025..2021', 'date:2025..2021', 'ends before it starts'],
    ['Kiew date:2024-12..2024-11-30', 'date:2024-12..2024-11-30', 'ends before it starts'],
    ['Kiew tag:SPD -date:"2023-06-31"', 'date:"2023-06-31"', '"2023-06-31" is no date'],
  ])('q=%s is a 400 invalid_date that names the filter', async (q, named, reason) => {
    const { status, body } = await api(`/api/search?q=${encodeURIComponent(q)}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_date');
    expect(body.error.message).toContain(named);
    expect(body.error.message).toContain(reason);
  });

  it('searches the dates that exist, leap days and ranges by prefix included', async () => {
    const ids = async (q: string) => {
      const { status, body } = await api(`/api/search?q=${encodeURIComponent(q)}&sort=date`);
      expect(status, q).toBe(200);
      return body.results.map((r: any) => r.id);
    };
    expect(await ids('Kiew date:2022..2023')).toEqual(['mitte', 'alt']);
    expect(await ids('Kiew date:2023-06..2023')).toEqual(['mitte']);
    expect(await ids('Kiew date:2024-11-13')).toEqual(['neu']);
    expect(await ids('Kiew date:2024-02-29..')).toEqual(['neu']);
    expect(await ids('Kiew date:2000-02-29..2022-03-01')).toEqual(['alt']);
    expect(await ids('Kiew date:..')).toEqual(['neu', 'mitte', 'alt']);
  });

  it.each([
    ['sort=datum', 'invalid_sort'],
    ['sort=DATE', 'invalid_sort'],
    ['facets=category,autor', 'invalid_facets'],
    ['facets=year;tag', 'invalid_facets'],
  ])('%s is a 400 with a JSON reason', async (params, code) => {
    const { status, body } = await api(`/api/search?q=Kiew&${params}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
  });
});
