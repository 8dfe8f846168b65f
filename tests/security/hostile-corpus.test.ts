import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/corpus';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { buildMemoryIndex } from '../../src/index/memory-index';
import { createApp } from '../../src/worker/app';
import { createIndexLoader } from '../../src/worker/index-loader';
import { pageProblems } from './page-check';

// Hostile articles through the real build path: files on disk → readCorpus → buildIndex →
// serialise → load (as the Worker does) → search → the server-rendered page and the JSON API.
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><a href=javascript:alert(1)>x</a>",
  '</mark><script>alert(2)</script><mark>',
  '&lt;script&gt;alert(3)&lt;/script&gt;',
  '&#60;script&#62;alert(4)',
  '<!--',
  ']]><![CDATA[',
  '<style>body{display:none}</style>',
  '<iframe srcdoc="<script>alert(5)</script>">',
  '\u2028\u2029',
];
const ALL = PAYLOADS.join(' ');

const FILES: Record<string, string> = {
  'xss-markdown.md': [
    '---',
    `title: "Militärhilfe <script>alert('title')</script> \\" onmouseover=alert(1) x=\\""`,
    'date: 2024-11-13"><script>alert(1)</script>',
    'url: javascript:alert(document.cookie)',
    `source: <b onclick=alert(1)>Quelle</b>`,
    'category: "><img src=x onerror=alert(1)>',
    `tags: [NATO, "<script>alert('tag')</script>", 'a" onmouseover="alert(1)', x&amp;y]`,
    '---',
    '',
    `Die NATO will ausreichend Militärhilfe an Kiew senden. ${ALL}`,
    '',
    `Militärhilfe <a href="javascript:alert(1)">Link</a> und <mark>falsch</mark> markiert ${PAYLOADS[1]}.`,
    '',
  ].join('\n'),
  'xss-raw.txt': [
    `Militärhilfe für Kiew <script>alert("lead")</script> & mehr`,
    `NATO, <img src=x onerror=alert(1)>, "quote"`,
    `© AP <svg onload=alert(1)>Militärhilfe im Bild ${PAYLOADS[2]}`,
    `Militärhilfe: ${ALL}`,
  ].join('\n'),
  'xss-bulk.jsonl': [
    JSON.stringify({
      id: 'jsonl-1" onmouseover="alert(1)',
      title: '<script>alert("jsonl")</script> Militärhilfe',
      date: '2024-11-14',
      source: '<iframe src=javascript:alert(1)>',
      url: ' JaVaScRiPt:alert(1)',
      category: '<b>Politik</b>',
      paragraphs: [`Militärhilfe erreicht Kiew ${ALL}`, 'Militärhilfe "jeden Dollar" <b>fett</b>'],
    }),
    JSON.stringify({
      id: 'jsonl-2',
      title: 'Militärhilfe',
      date: null,
      source: null,
      url: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      category: null,
      tags: ['\udc00', '<script>'],
      paragraphs: ['Militärhilfe \ud800 Kiew 😀 <script>alert(6)</script>'],
    }),
    JSON.stringify({
      id: 'jsonl-3',
      title: 'Militärhilfe vbscript',
      url: 'vbscript:msgbox(1)',
      paragraphs: ['Militärhilfe mit //evil.example und https://ok.example/?a=<b>&c="d"'],
    }),
  ].join('\n'),
};

let dir: string;
let app: ReturnType<typeof createApp>;
let articleCount = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hostile-corpus-'));
  for (const [name, text] of Object.entries(FILES)) await writeFile(join(dir, name), text);
  const { articles, problems } = await readCorpus(dir);
  expect(problems).toEqual([]);
  articleCount = articles.length;
  const index = await buildMemoryIndex(articles, { compression: zlibCompression });
  app = createApp({ index: createIndexLoader(async () => index) });
  // Every article made it into the index.
  expect(index.describe().articles).toBe(articles.length);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const QUERIES = [
  'Militärhilfe',
  'Militärhilfe <script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'tag:"<script>alert(\'tag\')</script>"',
  'tag:NATO',
  '"jeden Dollar" <b>',
  'Militärhilfe </mark><script>',
  "'onmouseover=alert(1)",
  'javascript:alert(1)',
  'script alert',
];

describe('hostile corpus articles through readCorpus → index → search → page', () => {
  it('reads every hostile article (nothing is dropped on the way)', async () => {
    expect(articleCount).toBe(5);
  });

  it.each(QUERIES)('the page for %j has no markup from the corpus or the query', async (q) => {
    for (const path of [`/?q=${encodeURIComponent(q)}`, `/?q=${encodeURIComponent(q)}&limit=100`]) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(pageProblems(html)).toEqual([]);
      expect(html).not.toMatch(/<script>alert|<img|<svg|<iframe|<style/i); // (as text they are escaped: &lt;img …)
      expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
    }
  });

  it('shows the hostile text as text: escaped, and marked where it matched', async () => {
    const html = await (await app.request(`/?q=${encodeURIComponent('script alert')}`)).text();
    expect(html).toContain('&lt;<mark>script</mark>&gt;<mark>alert</mark>(1)&lt;/<mark>script</mark>&gt;');
    // An entity in the corpus stays an entity as text (escaped again), it is never decoded into markup.
    const api = (await (await app.request('/api/search?q=alert&limit=100')).json()) as any;
    const withEntity = api.results.find((r: any) => r.text.includes('&lt;script&gt;alert(3)'));
    expect(withEntity).toBeDefined();
    const tags = await (await app.request(`/?q=${encodeURIComponent('tag:NATO')}`)).text();
    expect(tags).toContain('x&amp;amp;y');
  });

  it('links only http(s) article URLs: javascript:, data:, vbscript: and protocol-relative URLs are no links', async () => {
    const html = await (await app.request('/?q=Militärhilfe&limit=100')).text();
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^(https?:\/\/|\/(?!\/)|#facets$)/);
    expect(html).not.toMatch(/evil\.example"|href="\/\//);
  });
});

describe('hostile corpus articles through the JSON API', () => {
  it.each(QUERIES)('%j: JSON with escaped snippets, offsets that rebuild the text, raw fields left for clients to escape', async (q) => {
    for (const group of ['false', 'true']) {
      const res = await app.request(`/api/search?q=${encodeURIComponent(q)}&group=${group}&limit=100`);
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      const body = (await res.json()) as any;
      expect(body.query).toBe(q);
      for (const r of body.results) {
        for (const snippet of [r.snippet, ...(r.more ?? []).map((m: any) => m.snippet)]) {
          expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"']/);
        }
        for (const shown of [r, ...(r.more ?? [])]) {
          for (const [s, e] of shown.highlights) expect(0 <= s && s < e && e <= shown.text.length).toBe(true);
          const [from, to] = shown.snippetRange;
          expect(0 <= from && from <= to && to <= shown.text.length).toBe(true);
        }
      }
    }
  });

  it('error answers are JSON that does not echo the hostile input as HTML', async () => {
    const res = await app.request(`/api/search?q=${encodeURIComponent('<script>alert(1)</script>')}&limit=<script>`);
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(await res.text()).not.toContain('<script>');
    const missing = await app.request('/api/<script>alert(1)</script>');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('Content-Type')).toMatch(/^application\/json/);
  });

  it('the page answers malformed percent-encoding and NUL bytes without a 500', async () => {
    for (const q of ['%ED%A0%80', '%FF%FE', '%', '%E0%A4%A', 'Milit%C3%A4rhilfe%00', '%3Cscript%3E%00']) {
      const page = await app.request(`/?q=${q}`);
      expect(page.status).toBeLessThan(500);
      expect(pageProblems(await page.text())).toEqual([]);
      const api = await app.request(`/api/search?q=${q}`);
      expect(api.status).toBeLessThan(500);
    }
  });
});
