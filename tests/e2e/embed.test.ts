import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { gotoPage, launchBrowser, waitFor, watchForTrouble } from './browser';

// <de-search> on another website (another origin, strict CSP), as the README shows it.
const base = inject('baseUrl');
const embedUrl = inject('embedUrl');
const foreignEmbedUrl = inject('foreignEmbedUrl');
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
});

async function openSite(url: string): Promise<Page> {
  context = await browser.newContext({ locale: 'de-DE' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000); // fail with Playwright's message before the test's own timeout
  await gotoPage(page, url);
  return page;
}

/** Playwright's CSS locators pierce open shadow roots: `de-search input` finds the box's input. */
const inBox = (selector: string) => page.locator(`de-search ${selector}`);

describe('<de-search> embedded on another origin', () => {
  it('searches, renders marks, and is styled by its own stylesheet', async () => {
    await openSite(embedUrl + '/');
    const trouble = watchForTrouble(page);
    expect(new URL(embedUrl).origin).not.toBe(new URL(base).origin);
    const input = inBox('input');
    await input.waitFor({ state: 'visible' }); // shown once its stylesheet is in
    expect(await page.evaluate(() => document.querySelector('de-search')!.shadowRoot !== null)).toBe(true);
    expect(await inBox('button').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(29, 78, 216)');
    expect(await inBox('label').textContent()).toBe('Nachrichten durchsuchen');
    // The host page's own styles and markup are untouched.
    expect(await page.locator('h1').evaluate((h) => getComputedStyle(h).fontSize)).toBe('32px');

    await input.click();
    await page.keyboard.type('Militärhilfe Kiew');
    await waitFor(page, 'a marked result in the box', () =>
      document.querySelector('de-search')!.shadowRoot!.querySelector('.results mark')?.textContent === 'Militärhilfe',
    );
    expect(await inBox('.result-snippet').first().innerHTML()).toContain('ausreichend <mark>Militärhilfe</mark> an <mark>Kiew</mark>');
    expect(await inBox('h3.result-title').count()).toBe(10);
    // The count reads as on the page (src/render/results.ts): the box shows the first ten of all.
    expect(await inBox('.status').textContent()).toMatch(/^1–10 von \d+ Treffern \(/);
    // The page's order, facets and paging are not the box's.
    expect(await inBox('.facets, .sort, .more').count()).toBe(0);
    expect(page.url()).toBe(embedUrl + '/'); // the host page's address is left alone
    expect(trouble).toEqual({ dialogs: [], errors: [] });
  });

  it('offers suggestions as a combobox inside its shadow root', async () => {
    await openSite(embedUrl + '/');
    const input = inBox('input');
    await input.click();
    await page.keyboard.type('militärh');
    const listbox = inBox('[role=listbox]');
    await listbox.waitFor({ state: 'visible' });
    // The answer for "militärh" (an earlier prefix's may be shown first, while it is on its way).
    await waitFor(page, 'Militärhilfe first', () => document.querySelector('de-search')!.shadowRoot!.querySelector('[role=option] .term')?.textContent === 'Militärhilfe');
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    const active = await input.getAttribute('aria-activedescendant');
    const option = await page.evaluate((id) => document.querySelector('de-search')!.shadowRoot!.getElementById(id!)?.textContent ?? null, active);
    expect(option).toMatch(/^Militärhilfe/);
    await page.keyboard.press('Enter');
    expect(await input.inputValue()).toBe('Militärhilfe');
    await waitFor(page, 'results', () => document.querySelector('de-search')!.shadowRoot!.querySelector('.results mark') !== null);
  });

  it('tag links search inside the box instead of leaving the page', async () => {
    await openSite(embedUrl + '/');
    await inBox('input').fill('Militärhilfe');
    const tag = inBox('.result-tags a').first();
    await tag.waitFor();
    expect(await tag.getAttribute('href')).toMatch(new RegExp(`^${base}/\\?q=tag%3A`));
    await tag.click();
    await waitFor(page, 'the tag query', () =>
      (document.querySelector('de-search')!.shadowRoot!.querySelector('input') as HTMLInputElement).value.startsWith('tag:'),
    );
    await waitFor(page, 'its results', () => document.querySelector('de-search')!.shadowRoot!.querySelectorAll('.result').length > 0);
    expect(page.url()).toBe(embedUrl + '/');
  });

  it('when nothing is found, offers the ways out the page offers, and searches one in place', async () => {
    await openSite(embedUrl + '/');
    const trouble = watchForTrouble(page);
    await inBox('input').fill('Ukraine category:Sport');
    const way = inBox('.status .alternatives a').first();
    await way.waitFor();
    expect(await inBox('.status .alternatives').textContent()).toMatch(/^Stattdessen suchen: Ukraine \(ohne Rubrik: Sport · (mehr als )?[\d.]+ Treffer\)/);
    expect(await way.getAttribute('href')).toBe(`${base}/?q=Ukraine`);
    await way.click();
    await waitFor(page, 'the way out searched in the box', () =>
      (document.querySelector('de-search')!.shadowRoot!.querySelector('input') as HTMLInputElement).value === 'Ukraine',
    );
    await waitFor(page, 'its results', () => document.querySelector('de-search')!.shadowRoot!.querySelectorAll('.result').length > 0);
    expect(page.url()).toBe(embedUrl + '/');
    expect(trouble).toEqual({ dialogs: [], errors: [] });
  });

  it('an origin missing from ALLOWED_ORIGINS gets no answers', async () => {
    await openSite(foreignEmbedUrl + '/');
    await inBox('input').fill('Militärhilfe');
    await waitFor(page, 'the error', () =>
      document.querySelector('de-search')!.shadowRoot!.querySelector('.status')?.textContent === 'Die Suche ist gerade nicht erreichbar.',
    );
    expect(await inBox('.result').count()).toBe(0);
  });
});
