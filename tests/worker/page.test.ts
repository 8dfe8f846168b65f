import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/build/node-compression';
import { buildMemoryIndex } from '../../src/index/memory-index';
import { createApp } from '../../src/worker/app';
import { article } from '../fixtures';

const index = await buildMemoryIndex([
  article('nato', ['Die NATO will ausreichend Militärhilfe an Kiew senden.', 'Ein <script>alert(1)</script> Text.'], {
    title: 'NATO & Kiew',
    url: 'javascript:alert(1)',
  }),
  article('ok', ['Militärhilfe erreicht Kiew.'], { title: 'Hilfe', url: 'https://example.org/a?b=1&c=2' }),
]);
const app = createApp({ index: async () => index });
const page = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, html: await res.text(), type: res.headers.get('Content-Type') };
};

describe('GET / (no JavaScript needed)', () => {
  it('shows the search form', async () => {
    const { status, html, type } = await page('/');
    expect(status).toBe(200);
    expect(type).toContain('text/html');
    expect(html).toContain('<html lang="de">');
    expect(html).toMatch(/<form role="search" action="\/" method="get">/);
  });

  it('renders results on the server with marks', async () => {
    const { html } = await page('/?q=Militärhilfe');
    expect(html).toContain('ausreichend <mark>Militärhilfe</mark> an Kiew');
    expect(html).toContain('2 Treffer');
    expect(html).toContain('value="Militärhilfe"');
  });

  it('escapes corpus text and the query; links only http(s) URLs', async () => {
    const { html } = await page('/?q=%3Cscript%3ETest%3C%2Fscript%3E%20Text');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;<mark>script</mark>&gt;');
    expect(html).toContain('value="&lt;script&gt;Test&lt;/script&gt; Text"');
    const links = await page('/?q=Kiew');
    expect(links.html).not.toContain('javascript:');
    expect(links.html).toContain('href="https://example.org/a?b=1&amp;c=2"');
    expect(links.html).toContain('NATO &amp; Kiew');
  });

  it('says so when nothing is found', async () => {
    expect((await page('/?q=Quantenphysik')).html).toContain('Keine Treffer für „Quantenphysik“.');
  });

  it('explains a bad query in the page with status 400', async () => {
    const { status, html } = await page(`/?q=${'a'.repeat(600)}`);
    expect(status).toBe(400);
    expect(html).toContain('Die Suchanfrage ist zu lang.');
  });
});

describe('GET / result markup (the browser builds the same: tests/e2e/search-page.test.ts)', () => {
  const app = createApp({
    index: async () =>
      await buildMemoryIndex([
        article(
          'gipfel',
          ['Kiew erhält Militärhilfe.', 'Die <b>Hilfe</b> für Kiew & "Partner" wächst.', 'Kiew dankt.'],
          { title: 'Gipfel', date: '2024-11-13', source: 'Agentur', tags: ['NATO', 'Mark Rutte'] },
        ),
      ]),
  });
  const html = async (q: string) => (await app.request(`/?q=${encodeURIComponent(q)}`)).text();

  it('folds further paragraphs of an article under <details>, escaped, with marks', async () => {
    const page = await html('Kiew');
    expect(page).toContain('<details class="result-more"><summary>2 weitere passende Absätze</summary>');
    expect(page).toContain('Die &lt;b&gt;Hilfe&lt;/b&gt; für <mark>Kiew</mark> &amp; &quot;Partner&quot; wächst.');
    expect(page).not.toContain('<b>');
  });

  it('shows date and source, and tags as search links', async () => {
    const page = await html('Militärhilfe');
    expect(page).toContain('<p class="result-meta"><time datetime="2024-11-13">13. November 2024</time> · Agentur</p>');
    expect(page).toContain('<ul class="result-tags" aria-label="Schlagwörter">');
    expect(page).toContain('<a href="/?q=tag%3ANATO" data-query="tag:NATO">NATO</a>');
    expect(page).toContain('<a href="/?q=tag%3A%22Mark%20Rutte%22" data-query="tag:&quot;Mark Rutte&quot;">Mark Rutte</a>');
    expect(page).toMatch(/1 Treffer \(\d+(,\d\d?)? ms\)/);
  });
});
