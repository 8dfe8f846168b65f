import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectFast } from '../timing';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { buildMemoryIndex } from '../../src/index/memory-index';
import { createApp } from '../../src/worker/app';
import { DEFAULT_CONFIG, parseConfig } from '../../src/worker/config';
import { countTerms, DEFAULT_LIMITS } from '../../src/worker/params';
import { article } from '../fixtures';

const index = await buildMemoryIndex([article('nato', ['Die NATO will ausreichend Militärhilfe an Kiew senden.'], { title: 'NATO' })]);
const appWith = (vars: Record<string, string> = {}) => createApp({ index: async () => index, config: parseConfig(vars) });
const app = appWith();
const words = (n: number) => Array.from({ length: n }, (_, i) => `wort${i}`).join(' ');
const get = async (a: ReturnType<typeof createApp>, path: string) => {
  const res = await a.request(path);
  return { status: res.status, type: res.headers.get('Content-Type') ?? '', body: await res.text() };
};

/** `[vars]` of wrangler.toml as the Worker gets them (all strings). */
function wranglerVars(): Record<string, string> {
  const toml = readFileSync(new URL('../../wrangler.toml', import.meta.url), 'utf8');
  const section = toml.slice(toml.indexOf('[vars]'), toml.indexOf('\n[', toml.indexOf('[vars]') + 1) >>> 0 || undefined);
  return Object.fromEntries([...section.matchAll(/^([A-Z_]+) = "([^"]*)"$/gm)].map((m) => [m[1]!, m[2]!]));
}

describe('terms per query (MAX_TERMS)', () => {
  it('defaults to 32, set in wrangler.toml [vars] like the other limits', async () => {
    expect(DEFAULT_LIMITS.maxTerms).toBe(32);
    const vars = wranglerVars();
    expect(vars.MAX_TERMS).toBe('32');
    expect(parseConfig(vars).limits).toEqual(DEFAULT_CONFIG.limits);
  });

  it('answers 33 words with HTTP 400 too_many_terms and a JSON reason; 32 are fine', async () => {
    const over = await get(app, `/api/search?q=${encodeURIComponent(words(33))}`);
    expect(over.status).toBe(400);
    expect(over.type).toMatch(/^application\/json/);
    expect(JSON.parse(over.body).error).toEqual({ code: 'too_many_terms', message: expect.stringContaining('32') });
    expect((await get(app, `/api/search?q=${encodeURIComponent(words(32))}`)).status).toBe(200);
  });

  it('counts every word of a phrase and every filter, not operators or a lone dash', async () => {
    expect(countTerms('Ukraine Militärhilfe')).toBe(2);
    expect(countTerms('"jeden einzelnen Dollar" Kiew')).toBe(4);
    expect(countTerms('Kiew OR Moskau AND NOT Minsk - -Russland')).toBe(4);
    expect(countTerms('tag:NATO date:2024-11..2024-12 Kiew')).toBe(3);
    expect(countTerms('  ,,, ... "" -- ')).toBe(0);
    expect(countTerms('😀 𝐀𝐁 Straße')).toBe(2);
    // Punctuation does not make one word of many: the analyzer splits them.
    expect(countTerms('Regierung,Bundestag;Ukraine.Kiew/NATO')).toBe(5);
  });

  it('counts as one filter only a field the parser knows; the words of any other `x:` count', async () => {
    expect(countTerms('TAG:NATO Category:Politik source:dpa id:a1 date:2024..')).toBe(5);
    expect(countTerms('tag:"Mark Rutte" -tag:SPD Kiew')).toBe(3);
    // The parser drops a filter without a value; `tag:` in a phrase is words of the phrase.
    expect(countTerms('tag: "tag:NATO Kiew"')).toBe(3);
    // An unknown field is a plain word for the parser, which the analyzer splits at the colon and commas.
    expect(countTerms('zz:ukraine,russland,nato')).toBe(4);
    expect(countTerms('-zz:"a b" x:y')).toBe(5);
  });

  it('answers a query hidden behind an unknown field with 400 too_many_terms, as the same words with hyphens', async () => {
    const list = Array.from({ length: 45 }, (_, i) => `wort${i}`);
    for (const q of [`zz:${list.join(',')}`, `zz:${list.join('-')}`, list.join('-'), `tag:NATO ${list.join(',')}`]) {
      const res = await get(app, `/api/search?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(400);
      expect(JSON.parse(res.body).error.code).toBe('too_many_terms');
    }
    // A known field's value is one filter, however long: 31 words and one filter are fine.
    expect((await get(app, `/api/search?q=${encodeURIComponent(`tag:${list.slice(0, 20).join(',')} ${words(31)}`)}`)).status).toBe(200);
    expect((await get(app, `/api/search?q=${encodeURIComponent(`zz:${list.slice(0, 30).join(',')}`)}`)).status).toBe(200);
  });

  it('is configurable: MAX_TERMS from [vars], a bad value falls back to the default', async () => {
    const three = appWith({ MAX_TERMS: '3' });
    expect((await get(three, '/api/search?q=a%20b%20c')).status).toBe(200);
    const over = await get(three, '/api/search?q=a%20b%20%22c%20d%22');
    expect(over.status).toBe(400);
    expect(JSON.parse(over.body).error.code).toBe('too_many_terms');
    expect(parseConfig({ MAX_TERMS: 'many' }).limits.maxTerms).toBe(32);
    expect(parseConfig({ MAX_TERMS: '0' }).limits.maxTerms).toBe(32);
  });

  it('the page says so in German, with a 400', async () => {
    const page = await get(app, `/?q=${encodeURIComponent(words(40))}`);
    expect(page.status).toBe(400);
    expect(page.body).toContain('Die Suchanfrage hat zu viele Wörter.');
  });

  it('does not limit suggestions, which only look at the last word', async () => {
    expect((await get(app, `/api/suggest?q=${encodeURIComponent(`${words(40)} milit`)}`)).status).toBe(200);
  });

  it('counts a 100k-character query in linear time', async () => {
    expect(expectFast(() => countTerms('a "b '.repeat(20_000)), 1000)).toBe(40_000);
    expect(expectFast(() => countTerms('"'.repeat(100_000)), 1000)).toBe(0);
  });
});

describe('query length, result window', () => {
  it.each([
    [`/api/search?q=${'a'.repeat(501)}`, 'query_too_long'],
    [`/api/suggest?q=${'a'.repeat(501)}`, 'query_too_long'],
    ['/api/search?q=NATO&limit=101', 'invalid_limit'],
    ['/api/search?q=NATO&limit=0', 'invalid_limit'],
    ['/api/search?q=NATO&limit=1e2', 'invalid_limit'],
    ['/api/search?q=NATO&limit=0x10', 'invalid_limit'],
    [`/api/search?q=NATO&limit=${'9'.repeat(100_000)}`, 'invalid_limit'],
    ['/api/search?q=NATO&offset=1001', 'invalid_offset'],
    ['/api/search?q=NATO&offset=-0', 'invalid_offset'],
    ['/api/search?q=NATO&recency=3651', 'invalid_recency'],
    ['/api/suggest?q=milit&limit=21', 'invalid_limit'],
  ])('%s is a 400 %s', async (path, code) => {
    const res = await get(app, path);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe(code);
  });

  it('accepts the bounds themselves', async () => {
    for (const path of [`/api/search?q=${'a'.repeat(500)}`, '/api/search?q=NATO&limit=100&offset=1000', '/api/search?q=NATO&limit=1&offset=0']) {
      expect((await get(app, path)).status).toBe(200);
    }
  });

  it('counts the query length in UTF-16 units after decoding, so encoding tricks do not stretch it', async () => {
    expect((await get(app, `/api/search?q=${'%61'.repeat(501)}`)).status).toBe(400);
    expect((await get(app, `/api/search?q=${encodeURIComponent('😀'.repeat(251))}`)).status).toBe(400);
  });

  it('lower limits from [vars] apply', async () => {
    const strict = appWith({ MAX_QUERY_LENGTH: '10', MAX_LIMIT: '5', MAX_OFFSET: '20' });
    expect(JSON.parse((await get(strict, `/api/search?q=${'a'.repeat(11)}`)).body).error.code).toBe('query_too_long');
    expect(JSON.parse((await get(strict, '/api/search?q=NATO&limit=6')).body).error.code).toBe('invalid_limit');
    expect(JSON.parse((await get(strict, '/api/search?q=NATO&offset=21')).body).error.code).toBe('invalid_offset');
  });
});
