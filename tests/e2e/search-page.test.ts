import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../../src/cli/paths';
import { gotoPage, launchBrowser, waitFor, watchForTrouble } from './browser';

const base = inject('baseUrl');
let browser: Browser;
/** Shared by most tests (a new page per test costs a second on a small machine); see openPage. */
let shared: BrowserContext;
let sharedPage: Page;
let context: BrowserContext | null = null;
/** The page the current test drives: the shared one, or one in a context of the test's own. */
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  shared = await browser.newContext({ locale: 'de-DE', viewport: { width: 1000, height: 800 } });
  page = sharedPage = await shared.newPage();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
  context = null;
});

/** Opens `path` in the shared page, or in a context of its own when options are given. */
async function openPage(path = '/', options?: Parameters<Browser['newContext']>[0]): Promise<Page> {
  if (options) {
    context = await browser.newContext({ locale: 'de-DE', ...options });
    page = await context.newPage();
  } else {
    if (sharedPage.isClosed()) sharedPage = await shared.newPage();
    page = sharedPage;
    page.removeAllListeners();
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.setViewportSize({ width: 1000, height: 800 });
  }
  page.setDefaultTimeout(15_000);
  await gotoPage(page, base + path);
  return page;
}

const statusText = () => page.locator('#status').textContent();
const markTexts = () => page.locator('#results mark').allTextContents();
/** Marks in the best paragraph of the first result (further paragraphs, folded under it, may match by compound parts). */
const bestMarks = () => page.locator('#results li').first().locator('.result-snippet').first().locator('mark').allTextContents();

/** The best result answers `Militärhilfe`: it marks the word, and nothing but its forms and its compound part (`Hilfe`). */
async function expectMilitaerhilfeMarks(): Promise<void> {
  const marks = await bestMarks();
  expect(marks).toContain('Militärhilfe');
  for (const mark of marks) expect(mark).toMatch(/hilfen?$/i);
}

describe('search as you type', () => {
  it('finds the seed paragraph for Militärhilfe, marked, and keeps ?q= in the URL', async () => {
    await openPage('/');
    const trouble = watchForTrouble(page);
    await page.locator('#q').click();
    await page.keyboard.type('Militärhilfe');
    await waitFor(page, 'a marked result', () => document.querySelector('#results mark')?.textContent === 'Militärhilfe');
    const snippets = await page.locator('#results .result-snippet').evaluateAll((ps) => ps.map((p) => p.innerHTML));
    expect(snippets.some((s) => s.includes('Die NATO will ausreichend <mark>Militärhilfe</mark> an Kiew senden'))).toBe(true);
    expect(await statusText()).toMatch(/^1–10 von \d+ Treffern \(\d+(,\d\d?)? ms\)$/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('Militärhilfe');
    expect(await page.title()).toBe('Militärhilfe – Suche');
    expect(trouble).toEqual({ dialogs: [], errors: [] });
  });

  it('folds further paragraphs of the same article under the best one', async () => {
    await openPage('/');
    await page.locator('#q').fill('Ukraine id:nato-ukraine-militaerhilfe-2024-11');
    await waitFor(page, 'results with more paragraphs', () => document.querySelector('#results details.result-more') !== null);
    const details = page.locator('#results details.result-more').first();
    expect(await details.locator('summary').textContent()).toBe('3 weitere passende Absätze');
    expect(await details.getAttribute('open')).toBeNull();
    await details.locator('summary').click();
    expect(await details.getAttribute('open')).toBe('');
    const more = await details.locator('.result-snippet').allTextContents();
    expect(more).toHaveLength(3);
    for (const text of more) expect(text).toMatch(/Ukraine/);
    expect(await details.locator('mark').allTextContents()).toContain('Ukraine');
  });

  it.each(['Ukraine', 'Militärhilfe', 'tag:NATO', '"jeden Dollar"', 'Hilfe -Dollar', 'Kyjiw tag:SPD date:2022', 'Taurus tag:Linke'])(
    'renders the same markup as the server, results and controls, to the character (%s)',
    async (q) => {
      // Everything the script renders itself: results, order, filters in force, ways out, facets, next page.
      const regions = () =>
        page.evaluate(() => ['results', 'sort', 'to-facets', 'filters', 'alternatives', 'facets', 'more'].map((id) => document.getElementById(id)!.outerHTML));
      // The server's rendering, untouched by the script.
      await openPage(`/?q=${encodeURIComponent(q)}`, { javaScriptEnabled: false });
      const server = await regions();
      if (q === 'Taurus tag:Linke') expect(server[4]).toContain('ohne Schlagwort: Linke');
      else expect(server[0]).toContain('<li class="result">');
      if (q === 'Ukraine') expect(server[0]).toContain('<details class="result-more">');
      if (q === 'Ukraine') expect(server[5]).toContain('<section class="facet"><h2>Jahr</h2>');
      // The script's, for the same query typed.
      await context!.close();
      context = null;
      await openPage('/');
      await page.locator('#q').fill(q);
      await waitFor(page, 'a client rendering', () => document.getElementById('sort')!.children.length > 0);
      await waitFor(page, 'no search under way', () => !document.getElementById('results')!.hasAttribute('aria-busy'));
      expect(await regions()).toEqual(server);
    },
  );

  it('keeps server-rendered results until the first keystroke', async () => {
    let apiCalls = 0;
    await openPage('/');
    page.on('request', (r) => r.url().includes('/api/') && apiCalls++);
    await gotoPage(page, `${base}/?q=Militärhilfe`);
    await waitFor(page, 'the combobox', () => document.getElementById('q')?.getAttribute('role') === 'combobox');
    await page.waitForTimeout(400);
    expect(apiCalls).toBe(0);
    await expectMilitaerhilfeMarks();
    expect(await page.locator('#q').inputValue()).toBe('Militärhilfe');
  });

  it('discards stale answers: the final results match the final query', async () => {
    await openPage('/');
    // Answers for the first query arrive late, after those for the second.
    await page.route('**/api/search?*', async (route) => {
      if (new URL(route.request().url()).searchParams.get('q') === 'Ukraine') await new Promise((r) => setTimeout(r, 1200));
      await route.continue().catch(() => undefined); // the page may have aborted it meanwhile
    });
    const input = page.locator('#q');
    await input.click();
    await page.keyboard.type('Ukraine');
    await page.waitForTimeout(400); // the debounced request for "Ukraine" is under way
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Militärhilfe', { delay: 15 }); // fast typing over it: one request at the end
    await waitFor(page, 'results for Militärhilfe', () => document.querySelector('#results mark')?.textContent === 'Militärhilfe');
    await page.waitForTimeout(1500); // the late answer for "Ukraine" has come and gone
    await expectMilitaerhilfeMarks();
    // Nothing of the stale "Ukraine" answer is left: no mark on Ukraine anywhere.
    expect(await markTexts()).not.toContain('Ukraine');
    expect(await statusText()).toMatch(/Treffer/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('Militärhilfe');
  });

  it('offers "Meinten Sie …?" only when the correction finds something', async () => {
    await openPage('/');
    await page.locator('#q').fill('Ukrian');
    await waitFor(page, 'a correction', () => document.querySelector('#status .did-you-mean a') !== null);
    expect(await statusText()).toBe('Keine Treffer für „Ukrian“. Meinten Sie: Ukraine?');
    await page.locator('#status .did-you-mean a').click();
    await waitFor(page, 'results for the correction', () => document.querySelectorAll('#results li.result').length > 0);
    expect(await page.locator('#q').inputValue()).toBe('Ukraine');
    expect(new URL(page.url()).searchParams.get('q')).toBe('Ukraine');

    // Short words get no typo tolerance from the engine; the correction still finds them.
    await page.locator('#q').fill('NATO Kiw');
    await waitFor(page, 'results for NATO', () => document.querySelectorAll('#results li.result').length > 0);
    await page.locator('#q').fill('Kiw');
    await waitFor(page, 'a correction', () => document.querySelector('#status .did-you-mean a') !== null);
    expect(await statusText()).toBe('Keine Treffer für „Kiw“. Meinten Sie: Kiew?');

    await page.locator('#q').fill('Quantenphysik');
    await waitFor(page, 'no results', () => document.getElementById('status')?.textContent?.startsWith('Keine Treffer') === true);
    await page.waitForTimeout(800);
    expect(await statusText()).toBe('Keine Treffer für „Quantenphysik“.');
  });

  it('renders a <script> query as text: no dialog, no injected element', async () => {
    // With a filter that matches nothing, so the status line repeats the query.
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script> id:nichts';
    await openPage('/');
    const trouble = watchForTrouble(page);
    await page.locator('#q').fill(evil);
    await waitFor(page, 'the no-results message', () => document.getElementById('status')?.textContent?.startsWith('Keine Treffer') === true);
    await page.waitForTimeout(500);
    expect(await statusText()).toBe(`Keine Treffer für „${evil}“.`);
    expect(await page.locator('main img, main script, body > script').count()).toBe(0);
    expect(trouble.dialogs).toEqual([]);

    // The server-rendered page escapes it as well.
    await gotoPage(page, `${base}/?q=${encodeURIComponent(evil)}`);
    await page.waitForTimeout(500);
    expect(await statusText()).toBe(`Keine Treffer für „${evil}“.`);
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(trouble.dialogs).toEqual([]);
  });
});

describe('suggestions (WAI-ARIA combobox)', () => {
  it('arrow keys move aria-activedescendant; Enter picks', async () => {
    await openPage('/');
    const input = page.locator('#q');
    expect(await input.getAttribute('role')).toBe('combobox');
    expect(await input.getAttribute('aria-autocomplete')).toBe('list');
    expect(await input.getAttribute('aria-controls')).toBe('q-suggestions');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    await input.click();
    await page.keyboard.type('milit');
    const listbox = page.locator('#q-suggestions[role=listbox]');
    // The answer for "milit" (an earlier prefix's may be shown first, while it is on its way).
    await waitFor(page, 'Militärhilfe among the suggestions', () => [...document.querySelectorAll('#q-suggestions:not([hidden]) [role=option] .term')].some((t) => t.textContent === 'Militärhilfe'));
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    const options = listbox.locator('[role=option]');
    expect(await options.count()).toBeGreaterThanOrEqual(2);
    const terms = await listbox.locator('[role=option] .term').allTextContents();
    expect(await input.getAttribute('aria-activedescendant')).toBeNull();

    await page.keyboard.press('ArrowDown');
    const first = await options.nth(0).getAttribute('id');
    expect(await input.getAttribute('aria-activedescendant')).toBe(first);
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBe(await options.nth(1).getAttribute('id'));
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('false');
    await page.keyboard.press('ArrowUp');
    expect(await input.getAttribute('aria-activedescendant')).toBe(first);

    await page.keyboard.press('Enter');
    expect(await input.inputValue()).toBe(terms[0]);
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    expect(await listbox.isHidden()).toBe(true);
    expect(await input.getAttribute('aria-activedescendant')).toBeNull();
    await waitFor(page, 'results for the picked word', () => document.querySelector('#results mark') !== null);
    expect(new URL(page.url()).searchParams.get('q')).toBe(terms[0]);
    expect(page.url()).toContain('/?q='); // picked, not submitted to another page
  });

  it('Escape closes the list and keeps what was typed', async () => {
    await openPage('/');
    const input = page.locator('#q');
    await input.click();
    await page.keyboard.type('milit');
    await page.locator('#q-suggestions').waitFor({ state: 'visible' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    expect(await page.locator('#q-suggestions').isHidden()).toBe(true);
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    expect(await input.getAttribute('aria-activedescendant')).toBeNull();
    expect(await input.inputValue()).toBe('milit');
    // ArrowDown opens it again.
    await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-expanded')).toBe('true');
  });

  it('while the answer for what is typed is on its way, lists only the suggestions that continue it', async () => {
    await openPage('/');
    // Only "milit" is answered at once; every longer prefix's answer comes late.
    await page.route('**/api/suggest?*', async (route) => {
      if ((new URL(route.request().url()).searchParams.get('q') ?? '').length > 5) await new Promise((r) => setTimeout(r, 2000));
      await route.continue().catch(() => undefined);
    });
    const input = page.locator('#q');
    await input.click();
    await page.keyboard.type('milit');
    const terms = () => page.evaluate(() => [...document.querySelectorAll('#q-suggestions:not([hidden]) [role=option] .term')].map((t) => t.textContent ?? ''));
    await waitFor(page, 'suggestions for milit, some of them Militärh… and some not', () => {
      const terms = [...document.querySelectorAll('#q-suggestions:not([hidden]) [role=option] .term')].map((t) => t.textContent ?? '');
      return terms.some((t) => /^militärh/i.test(t)) && terms.some((t) => !/^militärh/i.test(t));
    });
    await page.keyboard.type('ärh');
    const meanwhile = await terms();
    expect(meanwhile.length).toBeGreaterThan(0);
    expect(meanwhile.filter((t) => !/^militärh/i.test(t))).toEqual([]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    // A suggestion was picked, and it continued "militärh".
    expect(await input.inputValue()).toBe(meanwhile[0]);
  });

  it('picking a suggestion for an excluded word keeps its minus', async () => {
    for (const typed of ['Ukraine -Milit', 'Ukraine --Milit']) {
      await openPage('/');
      const input = page.locator('#q');
      await input.click();
      await page.keyboard.type(typed);
      await page.locator('#q-suggestions').waitFor({ state: 'visible' });
      const term = await page.locator('#q-suggestions [role=option] .term').first().textContent();
      expect(term, typed).toMatch(/^milit/i);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await input.inputValue(), typed).toBe(`${typed.replace(/Milit$/, '')}${term}`);
    }
  });

  it('asks for no suggestions while a filter is typed', async () => {
    await openPage('/');
    const asked: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/suggest') asked.push(new URL(request.url()).searchParams.get('q') ?? '');
    });
    await page.locator('#q').click();
    // The box asks for suggestions right after it sends the search (same debounce): once that answered, it would have asked.
    const searched = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/search' && new URL(res.url()).searchParams.get('q') === 'tag:NA');
    await page.keyboard.type('tag:NA');
    await searched;
    // (A pause while typing may let it ask for `ta` or `tag`: words, rightly completed.)
    expect(asked.filter((q) => q.includes(':'))).toEqual([]);
    expect(await page.locator('#q-suggestions').isHidden()).toBe(true);
  });

  it('a click on an option picks it', async () => {
    await openPage('/');
    await page.locator('#q').click();
    await page.keyboard.type('Ukr');
    await page.locator('#q-suggestions').waitFor({ state: 'visible' });
    const option = page.locator('#q-suggestions [role=option]').first();
    const term = await option.locator('.term').textContent();
    await option.click();
    expect(await page.locator('#q').inputValue()).toBe(term);
    expect(await page.locator('#q-suggestions').isHidden()).toBe(true);
    await waitFor(page, 'results', () => document.querySelector('#results mark') !== null);
  });
});

describe('without JavaScript', () => {
  it('the form submits and the server renders the results', async () => {
    await openPage('/', { javaScriptEnabled: false });
    expect(await page.locator('#q').getAttribute('role')).toBeNull(); // not enhanced
    await page.locator('#q').fill('Militärhilfe');
    await Promise.all([page.waitForURL(/\?q=/), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('Militärhilfe');
    await expectMilitaerhilfeMarks();
    expect(await statusText()).toMatch(/^1–10 von \d+ Treffern/);
  });
});

describe('keyboard only', () => {
  it('Tab to the input, type, Tab into the results, follow a link', async () => {
    await openPage('/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('Ukraine');
    await waitFor(page, 'results', () => document.querySelector('#results details') !== null);

    const tabTo = async (what: string, test: () => boolean) => {
      // The order (two links) and the link to the facets come before the results; the facets follow them.
      for (let i = 0; i < 16; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(test)) return;
      }
      throw new Error(`Tab never reached ${what}`);
    };
    await tabTo('the folded paragraphs', () => document.activeElement?.tagName === 'SUMMARY');
    expect(await page.locator('#q').getAttribute('aria-expanded')).toBe('false'); // leaving the input closed the list
    await page.keyboard.press('Enter');
    expect(await page.locator('#results details').first().getAttribute('open')).toBe('');

    await tabTo('a link in the results', () => document.activeElement?.tagName === 'A' && document.activeElement.closest('#results') !== null);
    const focused = await page.evaluate(() => {
      const a = document.activeElement as HTMLAnchorElement;
      const style = getComputedStyle(a);
      return { text: a.textContent, href: a.getAttribute('href'), outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(focused.outline).not.toBe('none'); // a visible focus ring
    expect(focused.width).toBeGreaterThanOrEqual(2);
    await Promise.all([page.waitForURL(/tag%3A/), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).searchParams.get('q')).toMatch(/^tag:/);
    expect(await page.locator('#results li.result').count()).toBeGreaterThan(0);
  });
});

describe('on a phone', () => {
  it('fits the screen and has touch targets of at least 44px', async () => {
    await openPage('/?q=Ukraine', { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('input:not([type=hidden]), button, summary, #results a, #sort a, #to-facets, #facets a, #more a')]
        .map((e) => ({ what: `${e.tagName} ${e.textContent?.trim()}`, height: e.getBoundingClientRect().height }))
        .filter((t) => t.height < 44),
    );
    expect(small).toEqual([]);
    await page.locator('#q').fill('');
    await page.locator('#q').tap();
    await page.keyboard.type('milit');
    await page.locator('#q-suggestions').waitFor({ state: 'visible' });
    const heights = await page.locator('#q-suggestions [role=option]').evaluateAll((os) => os.map((o) => o.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
  });
});

describe('order, facets, date range and pages', () => {
  /** The dates of the results shown, as their <time datetime> says. */
  const dates = () => page.locator('#results .result-meta time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')!));
  const total = async () => Number(/von ([\d.]+) Treffern|^([\d.]+) Treffer/.exec((await statusText()) ?? '')!.slice(1).find(Boolean)!.replace(/\./g, ''));

  it('"Neueste zuerst" sorts by date, in the address; the back button returns to relevance', async () => {
    await openPage('/?q=Militärhilfe');
    const byRelevance = await dates();
    await Promise.all([page.waitForURL(/sort=date/), page.locator('#sort a', { hasText: 'Neueste zuerst' }).click()]);
    const byDate = await dates();
    expect(byDate).toEqual([...byDate].sort().reverse());
    expect(byDate).not.toEqual(byRelevance);
    expect(await page.locator('#sort a[aria-current=true]').textContent()).toBe('Neueste zuerst');
    // Typing a new query keeps the order.
    await page.locator('#q').fill('Taurus');
    await waitFor(page, 'results for Taurus', () => [...document.querySelectorAll('#results mark')].some((m) => m.textContent!.startsWith('Taurus')));
    const taurus = await dates();
    expect(taurus).toEqual([...taurus].sort().reverse());
    expect(new URL(page.url()).searchParams.get('sort')).toBe('date');
    // Typing replaced the address of the sorted page (as it does for every query); back is the page before sorting.
    await page.goBack();
    expect(new URL(page.url()).searchParams.get('q')).toBe('Militärhilfe');
    expect(new URL(page.url()).searchParams.get('sort')).toBeNull();
    expect(await page.locator('#sort a[aria-current=true]').textContent()).toBe('Relevanz');
  });

  it('a facet value shows its count, and following it filters to exactly that many; the filter is removed as easily', async () => {
    await openPage('/?q=Militärhilfe');
    const year = page.locator('#facets section.facet', { hasText: 'Jahr' }).locator('a').first();
    const [label, count] = await year.evaluate((a) => [a.firstChild!.textContent!, a.querySelector('.count')!.textContent!]);
    await Promise.all([page.waitForURL(/date%3A/), year.click()]);
    expect(new URL(page.url()).searchParams.get('q')).toBe(`Militärhilfe date:${label}`);
    expect(await total()).toBe(Number(count));
    expect((await dates()).every((d) => d.startsWith(label))).toBe(true);
    expect(await page.locator('#filters a').textContent()).toBe(`Jahr: ${label} entfernen`);
    expect(await page.locator('#facets a[aria-current=true]').first().textContent()).toBe(`${label}${count}`);
    // A second facet narrows further; each filter in force can be removed on its own.
    const party = page.locator('#facets section.facet', { hasText: 'Schlagwort' }).locator('a:not([aria-current])').first();
    const partyCount = Number(await party.locator('.count').textContent());
    await Promise.all([page.waitForURL(/tag%3A/), party.click()]);
    expect(await total()).toBe(partyCount);
    expect(await page.locator('#filters li').count()).toBe(2);
    await Promise.all([page.waitForURL((url) => !url.search.includes('date%3A')), page.locator('#filters a', { hasText: 'Jahr' }).click()]);
    expect(new URL(page.url()).searchParams.get('q')).toMatch(/^Militärhilfe tag:/);
    await page.goBack();
    expect(new URL(page.url()).searchParams.get('q')).toMatch(/date:/);
  });

  it('the date range form filters by date, is kept in the address, and shows the range in force', async () => {
    await openPage('/?q=Militärhilfe&sort=date');
    await page.locator('#from').fill('2023-01-01');
    await page.locator('#to').fill('2023-06-30');
    await Promise.all([page.waitForURL(/date%3A2023-01-01..2023-06-30/), page.locator('.date-range button').click()]);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('date');
    const shown = await dates();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((d) => d >= '2023-01-01' && d <= '2023-06-30')).toBe(true);
    expect(await page.locator('#filters a').textContent()).toBe('Zeitraum: 1. Januar 2023 – 30. Juni 2023 entfernen');
    expect(await page.locator('#from').inputValue()).toBe('2023-01-01');
  });

  it('"Weitere Treffer" loads the next page in place with JavaScript', async () => {
    await openPage('/?q=Ukraine');
    const all = await total();
    await page.evaluate(() => ((window as any).samePage = true));
    await page.locator('#more a').click();
    await waitFor(page, 'the second page', () => document.querySelectorAll('#results > li').length === 20);
    expect(await page.evaluate(() => (window as any).samePage)).toBe(true);
    expect(await statusText()).toMatch(new RegExp(`^1–20 von ${all.toLocaleString('de-DE')} Treffern`));
    expect(await page.locator('#more a').getAttribute('href')).toBe('/?q=Ukraine&offset=20');
    // The focus moves to the first new result.
    expect(await page.evaluate(() => document.activeElement?.closest('#results > li') === document.querySelectorAll('#results > li')[10])).toBe(true);
  });

  it('and is a plain link to the next page without it', async () => {
    await openPage('/?q=Ukraine', { javaScriptEnabled: false });
    const all = await total();
    const first = await page.locator('#results .result-title').first().textContent();
    await Promise.all([page.waitForURL(/offset=10/), page.locator('#more a').click()]);
    expect(await statusText()).toMatch(new RegExp(`^11–20 von ${all.toLocaleString('de-DE')} Treffern`));
    expect(await page.locator('#results > li').count()).toBe(10);
    expect(await page.locator('#results .result-title').first().textContent()).not.toBe(first);
  });

  it('facets and the date range work without JavaScript too', async () => {
    await openPage('/?q=Militärhilfe', { javaScriptEnabled: false });
    await Promise.all([page.waitForURL(/sort=date/), page.locator('#sort a', { hasText: 'Neueste zuerst' }).click()]);
    await Promise.all([page.waitForURL(/tag%3A/), page.locator('#facets section.facet', { hasText: 'Schlagwort' }).locator('a').first().click()]);
    await page.locator('#from').fill('2024-01-01');
    await Promise.all([page.waitForURL(/date%3A2024-01-01../), page.locator('.date-range button').click()]);
    expect(new URL(page.url()).searchParams.get('q')).toMatch(/^Militärhilfe tag:\S+ date:2024-01-01..$/);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('date');
    expect((await dates()).every((d) => d >= '2024-01-01')).toBe(true);
  });
});

describe('synonyms, paid articles and dead ends', () => {
  it('finds another spelling and marks it: Kyjiw finds Kiew', async () => {
    await openPage('/');
    await page.locator('#q').fill('Kyjiw Militärhilfe');
    await waitFor(page, 'a result marked Kiew', () => [...document.querySelectorAll('#results mark')].some((m) => m.textContent === 'Kiew'));
    const seed = page.locator('#results > li', { hasText: 'Die NATO will ausreichend' }).first();
    expect(await seed.locator('.result-snippet').first().innerHTML()).toContain('<mark>Militärhilfe</mark> an <mark>Kiew</mark>');
  });

  it('marks a paid article "Plus" and shows only its free text', async () => {
    await openPage(`/?q=${encodeURIComponent('Handlungsfähigkeit id:bt-wp20-016-ID201600100')}`);
    const result = page.locator('#results > li').first();
    expect(await result.locator('.result-title .plus').textContent()).toBe('Plus');
    expect(await result.locator('.result-snippet').first().textContent()).toBe('Der passende Absatz steht im Plus-Teil des Artikels.');
    expect(await page.locator('main').textContent()).not.toContain('Handlungsfähigkeit gewonnen');
    await page.locator('#q').fill('Deeskalation id:bt-wp20-016-ID201600100');
    await waitFor(page, 'the free lead', () => document.querySelector('#results mark')?.textContent === 'Deeskalation');
    expect(await page.locator('#results .result-title .plus').count()).toBe(1);
  });

  it('a search that finds nothing offers the query without a filter, and without its rarest word', async () => {
    await openPage(`/?q=${encodeURIComponent('Taurus tag:Linke')}`);
    expect(await statusText()).toBe('Keine Treffer für „Taurus tag:Linke“.');
    const way = page.locator('#alternatives li').first();
    expect(await way.textContent()).toMatch(/^Taurusohne Schlagwort: Linke · \d+ Treffer$/);
    await Promise.all([page.waitForURL(/\?q=Taurus$/), way.locator('a').click()]);
    expect(await page.locator('#results > li').count()).toBeGreaterThan(0);

    await page.locator('#q').fill('"Taurus im Gepäck" Militärhilfe');
    await waitFor(page, 'a way out', () => document.querySelector('#alternatives li') !== null);
    expect(await page.locator('#alternatives li').first().textContent()).toMatch(/^Militärhilfeohne „Taurus im Gepäck“ · \d+ Treffer$/);
  });
});

describe('screenshots (docs/), from the demo corpus', () => {
  // Written when missing or asked for (UPDATE_SCREENSHOT=1): they show a timing, so they differ from run to run.
  const save = async (name: string, png: Buffer) => {
    expect(png.length).toBeGreaterThan(10_000);
    const file = join(ROOT, 'docs', name);
    if (!existsSync(file) || process.env.UPDATE_SCREENSHOT) await writeFile(file, png);
  };

  it('on a desktop: results with facets beside them (docs/screenshot.png, in the README)', async () => {
    // Once before, so the timing shown is a warm isolate's, not the first query's.
    await fetch(`${base}/?q=Kyjiw%20Milit%C3%A4rhilfe`).then((r) => r.text());
    await openPage('/?q=Kyjiw%20Milit%C3%A4rhilfe', { viewport: { width: 1200, height: 860 } });
    await page.locator('#facets').waitFor();
    await page.evaluate(() => document.fonts.ready);
    await save('screenshot.png', await page.screenshot());
  });

  it('on a phone: the facets and the date range after the results (docs/screenshot-phone.png)', async () => {
    await openPage('/?q=Kyjiw%20Milit%C3%A4rhilfe%20tag%3ASPD', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await page.locator('#to-facets').tap();
    await page.evaluate(() => document.fonts.ready);
    await save('screenshot-phone.png', await page.screenshot());
  });
});
