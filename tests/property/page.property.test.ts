import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { buildMemoryIndex } from '../../src/index/memory-index';
import { createApp } from '../../src/worker/app';
import { article } from '../fixtures';
import { pageProblems } from '../security/page-check';
import { hostileText, piece, runs } from './arbitraries';

const hostileUrl = fc.oneof(
  fc.constantFrom(
    'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', '\tjavascript:alert(1)', 'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/x', 'https://ok.example/"><script>alert(1)</script>',
    'https://ok.example/?a=1&b=<2>', "https://ok.example/'onmouseover='alert(1)", 'http://ok.example/\u0000',
  ),
  piece,
);

const hostileArticle = fc
  .record({
    title: hostileText(6),
    url: fc.option(hostileUrl, { nil: null }),
    source: fc.option(hostileText(3), { nil: null }),
    category: fc.option(hostileText(2), { nil: null }),
    date: fc.option(fc.oneof(fc.constantFrom('2024-11-13', '2024-11', '2024-13-45'), hostileText(2)), { nil: null }),
    tags: fc.array(hostileText(3), { maxLength: 3 }),
    paragraphs: fc.array(hostileText(25).map((t) => `Militärhilfe ${t} Kiew`), { minLength: 1, maxLength: 4 }),
  })
  .map((a) => article('a', a.paragraphs, a));

/** What a browser sends for a string: lone surrogates become U+FFFD before percent-encoding. */
function urlEncode(q: string): string {
  return encodeURIComponent(q.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

describe('results page and JSON API with hostile corpus text and queries', () => {
  it('renders no markup from corpus text or the query, and links only to http(s) or the page itself', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileArticle, { minLength: 1, maxLength: 3 }), hostileText(6), async (articles, query) => {
        const index = await buildMemoryIndex(articles.map((a, i) => ({ ...a, id: `a${i}` })));
        const app = createApp({ index: async () => index });
        for (const q of [`Militärhilfe ${query}`.slice(0, 500), 'Kiew', query.slice(0, 500) || 'x']) {
          const page = await app.request(`/?q=${urlEncode(q)}`);
          expect([200, 400]).toContain(page.status);
          const html = await page.text();
          expect(pageProblems(html)).toEqual([]);
          const api = await app.request(`/api/search?q=${urlEncode(q)}&group=true`);
          if (api.status === 200) {
            expect(api.headers.get('Content-Type')).toMatch(/^application\/json/);
            const body = (await api.json()) as { results: Array<{ snippet: string; more?: Array<{ snippet: string }> }> };
            for (const r of body.results) {
              for (const snippet of [r.snippet, ...(r.more ?? []).map((m) => m.snippet)]) {
                expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"']/);
              }
            }
          }
        }
      }),
      runs(40),
    );
  });

  it('the checker itself catches injected markup', async () => {
    const page = '<!DOCTYPE html><html><head><script type="module" src="/search.js"></script></head><body><p>x</p></body></html>';
    expect(pageProblems(page)).toEqual([]);
    expect(pageProblems(page.replace('<p>x</p>', '<p><img src=x onerror=alert(1)></p>'))).not.toEqual([]);
    expect(pageProblems(page.replace('<p>x</p>', '<p><a href="javascript:alert(1)">x</a></p>'))).not.toEqual([]);
    expect(pageProblems(page.replace('<p>x</p>', '<p title="a" onclick="b">x</p>'))).not.toEqual([]);
    expect(pageProblems(page.replace('<p>x</p>', '<script>alert(1)</script>'))).not.toEqual([]);
    expect(pageProblems(page.replace('<p>x</p>', '<p>1 < 2</p>'))).not.toEqual([]);
  });
});

describe('regressions found by these properties', () => {
  it('renders the page when a shown article has a tag with a lone surrogate (was a 500: encodeURIComponent threw)', async () => {
    const index = await buildMemoryIndex([article('a', ['Militärhilfe für Kiew'], { tags: ['\udc00\ud800 NATO', 'ok'] })]);
    const res = await createApp({ index: async () => index }).request('/?q=Militärhilfe');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/?q=tag%3A%22%EF%BF%BD%EF%BF%BD%20NATO%22"');
    expect(pageProblems(html)).toEqual([]);
  });
});
