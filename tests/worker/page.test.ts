import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
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

  it('starts every page, error pages included, with the doctype (else browsers use quirks mode)', async () => {
    for (const path of ['/', '/?q=Militärhilfe', '/?q=Quantenphysik', `/?q=${'a'.repeat(600)}`, '/?q=Kiew&sort=date&offset=1']) {
      const { status, html, type } = await page(path);
      expect([200, 400]).toContain(status);
      expect(type).toContain('text/html');
      expect(html.startsWith('<!DOCTYPE html><html lang="de">'), `${path}: ${html.slice(0, 40)}`).toBe(true);
    }
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

describe('GET / with order, facets, date range and pages', async () => {
  const articles = Array.from({ length: 12 }, (_, i) =>
    article(`rede-${i}`, [`Rede ${i} über Kiew.`, `Mehr über Kiew und Militärhilfe ${i}.`], {
      date: `${2022 + (i % 3)}-0${1 + (i % 9)}-15`,
      tags: [i % 2 ? 'SPD' : 'FDP'],
      ...(i === 11 ? { access: 'paid' as const, free: [0] } : {}),
    }),
  );
  const app = createApp({ index: async () => await buildMemoryIndex(articles) });
  const get = (path: string) => app.request(path);

  it('links to the next page while there are more; the count says which results are shown', async () => {
    const first = await (await get('/?q=Kiew')).text();
    expect(first).toContain('1–10 von 12 Treffern');
    expect(first).toContain('<p id="more" class="more" data-limit="10" data-max-offset="1000"><a href="/?q=Kiew&amp;offset=10" data-offset="10">Weitere Treffer</a></p>');
    const second = await (await get('/?q=Kiew&offset=10')).text();
    expect(second).toContain('11–12 von 12 Treffern');
    expect(second).toContain('<p id="more" class="more" data-limit="10" data-max-offset="1000" hidden=""></p>');
  });

  it('sorts newest first with sort=date, and keeps the order in the form, the facets and the next page', async () => {
    const page = await (await get('/?q=Kiew&sort=date')).text();
    const dates = [...page.matchAll(/<time datetime="([\d-]+)">/g)].map((m) => m[1]);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(page).toContain('<input type="hidden" name="sort" value="date"/>');
    expect(page).toContain('<a href="/?q=Kiew&amp;sort=date" aria-current="true">Neueste zuerst</a>');
    expect(page).toContain('href="/?q=Kiew%20tag%3ASPD&amp;sort=date">SPD<span class="count">6</span></a>');
    expect(page).toContain('href="/?q=Kiew&amp;sort=date&amp;offset=10"');
  });

  it('turns the date range form into the query date filter, at the address of that query', async () => {
    const res = await get('/?q=Kiew%20date%3A2022&sort=date&from=2023-01-01&to=2023-12-31');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/?q=Kiew%20date%3A2023-01-01..2023-12-31&sort=date');
    const filtered = await (await get(res.headers.get('Location')!)).text();
    expect(filtered).toContain('Zeitraum: 1. Januar 2023 – 31. Dezember 2023<span class="remove"> entfernen</span>');
    expect(filtered).toContain('<input id="from" name="from" type="date" value="2023-01-01"/>');
    expect(filtered).toContain('4 Treffer');
    const cleared = await get('/?q=Kiew%20date%3A2022&from=&to=');
    expect(cleared.headers.get('Location')).toBe('/?q=Kiew');
    const bad = await get('/?q=Kiew&from=gestern');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Bitte ein Datum wie 2024-11-13 angeben.');
  });

  it('says so when the address has escapes that are no UTF-8, and shows them as they came', async () => {
    const res = await get('/?q=%ED%A0%80');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Die Adresse der Suche ist fehlerhaft kodiert.');
    expect(html).toContain('value="%ED%A0%80"');
    expect(html).not.toContain('Treffer');
  });

  it('shows the date message, not a redirect or an empty result, for a date that does not exist or a reversed range', async () => {
    for (const path of [
      '/?from=2024-13-45&q=NATO',
      '/?q=Kiew&from=2023-02-29',
      '/?q=Kiew&to=2024-04-31',
      '/?q=Kiew&from=2025-01-01&to=2021-12-31',
      `/?q=${encodeURIComponent('Kiew date:2024-02-30')}`,
      `/?q=${encodeURIComponent('Kiew date:2024-13')}`,
      `/?q=${encodeURIComponent('Kiew date:2025..2021')}`,
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('Location')).toBeNull();
      expect(await res.text()).toContain('Bitte ein Datum wie 2024-11-13 angeben.');
    }
    const leap = await get('/?q=Kiew&from=2024-02-29&to=2024-12-31');
    expect(leap.status).toBe(303);
    expect(leap.headers.get('Location')).toBe('/?q=Kiew%20date%3A2024-02-29..2024-12-31');
  });

  it('marks a paid article "Plus" and shows only its free text', async () => {
    const page = await (await get('/?q=Militärhilfe%2011')).text();
    expect(page).toContain('rede-11<span class="plus">Plus</span></h2>');
    expect(page).toContain('<p class="result-snippet withheld">Der passende Absatz steht im Plus-Teil des Artikels.</p>');
    expect(page).not.toContain('Mehr über Kiew und Militärhilfe 11.');
  });

  it('offers the query without a filter when nothing is found, and answers a bad order with a 400 page', async () => {
    const page = await (await get('/?q=Kiew%20tag%3ACSU')).text();
    expect(page).toContain('<a href="/?q=Kiew">Kiew</a><span class="alternative-note">ohne Schlagwort: CSU · 12 Treffer</span>');
    const bad = await get('/?q=Kiew&sort=datum');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Diese Sortierung gibt es nicht.');
  });
});
