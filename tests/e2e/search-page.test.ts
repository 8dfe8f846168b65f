import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../../src/cli/paths';
import { launchBrowser, waitFor, watchForTrouble } from './browser';

const base = inject('baseUrl');
let browser: Browser;
/** Shared by most tests (a new page per test costs a second on a small machine); see openPage. */
let shared: BrowserContext;
let context: BrowserContext | null = null;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  shared = await browser.newContext({ locale: 'de-DE', viewport: { width: 1000, height: 800 } });
  page = await shared.newPage();
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
    page.setDefaultTimeout(15_000);
  } else {
    if (page.context() !== shared || page.isClosed()) page = await shared.newPage();
    page.setDefaultTimeout(15_000);
    page.removeAllListeners();
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.setViewportSize({ width: 1000, height: 800 });
  }
  await page.goto(base + path);
  return page;
}

const statusText = () => page.locator('#status').textContent();
const markTexts = () => page.locator('#results mark').allTextContents();
/** Marks in the best paragraph of the first result (further paragraphs, folded under it, may match by compound parts). */
const bestMarks = () => page.locator('#results li').first().locator('.result-snippet').first().locator('mark').allTextContents();

describe('search as you type', () => {
  it('finds the seed paragraph for Militärhilfe, marked, and keeps ?q= in the URL', async () => {
    await openPage('/');
    const trouble = watchForTrouble(page);
    await page.locator('#q').click();
    await page.keyboard.type('Militärhilfe');
    await waitFor(page, 'a marked result', () => document.querySelector('#results mark')?.textContent === 'Militärhilfe');
    const snippet = await page.locator('#results .result-snippet').first().innerHTML();
    expect(snippet).toContain('Die NATO will ausreichend <mark>Militärhilfe</mark> an Kiew senden');
    expect(await statusText()).toMatch(/^1 Treffer \(\d+(,\d\d?)? ms\)$/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('Militärhilfe');
    expect(await page.title()).toBe('Militärhilfe – Suche');
    expect(trouble).toEqual({ dialogs: [], errors: [] });
  });

  it('folds further paragraphs of the same article under the best one', async () => {
    await openPage('/');
    await page.locator('#q').fill('Ukraine');
    await waitFor(page, 'results with more paragraphs', () => document.querySelector('#results details.result-more') !== null);
    const details = page.locator('#results details.result-more').first();
    expect(await details.locator('summary').textContent()).toBe('3 weitere passende Absätze');
    expect(await details.getAttribute('open')).toBeNull();
    await details.locator('summary').click();
    expect(await details.getAttribute('open')).toBe('');
    const more = await details.locator('.result-snippet').allTextContents();
    expect(more).toHaveLength(3);
    expect(more[1]).toBe('"Dank der amerikanischen Führungsrolle hat die Ukraine gewonnen, weil Russland nicht gewonnen hat."');
    expect(await details.locator('mark').first().textContent()).toBe('Ukraine-Hilfen');
  });

  it.each(['Ukraine', 'Militärhilfe', 'tag:NATO', '"jeden Dollar"', 'Hilfe -Dollar'])(
    'renders the same markup as the server, to the character (%s)',
    async (q) => {
      await openPage(`/?q=${encodeURIComponent(q)}`);
      const server = await page.locator('#results').innerHTML();
      expect(server).toContain('<li class="result">');
      if (q === 'Ukraine') expect(server).toContain('<details class="result-more">');
      // Typing the same query again makes the script render the results itself.
      await page.evaluate(() => ((document.querySelector('#results li') as any).serverRendered = true));
      await page.locator('#q').fill(q);
      await waitFor(page, 'a client rendering', () => {
        const li = document.querySelector('#results li') as any;
        return li && !li.serverRendered;
      });
      expect(await page.locator('#results').innerHTML()).toBe(server);
    },
  );

  it('keeps server-rendered results until the first keystroke', async () => {
    let apiCalls = 0;
    await openPage('/');
    page.on('request', (r) => r.url().includes('/api/') && apiCalls++);
    await page.goto(`${base}/?q=Militärhilfe`);
    await waitFor(page, 'the combobox', () => document.getElementById('q')?.getAttribute('role') === 'combobox');
    await page.waitForTimeout(400);
    expect(apiCalls).toBe(0);
    expect(await bestMarks()).toEqual(['Militärhilfe']);
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
    expect(await bestMarks()).toEqual(['Militärhilfe']);
    // Nothing of the stale "Ukraine" answer is left: no mark on Ukraine anywhere.
    expect(await markTexts()).not.toContain('Ukraine');
    expect(await statusText()).toMatch(/^1 Treffer/);
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
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await openPage('/');
    const trouble = watchForTrouble(page);
    await page.locator('#q').fill(evil);
    await waitFor(page, 'the no-results message', () => document.getElementById('status')?.textContent?.startsWith('Keine Treffer') === true);
    await page.waitForTimeout(500);
    expect(await statusText()).toBe(`Keine Treffer für „${evil}“.`);
    expect(await page.locator('main img, main script, body > script').count()).toBe(0);
    expect(trouble.dialogs).toEqual([]);

    // The server-rendered page escapes it as well.
    await page.goto(`${base}/?q=${encodeURIComponent(evil)}`);
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
    await listbox.waitFor({ state: 'visible' });
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    const options = listbox.locator('[role=option]');
    expect(await options.count()).toBeGreaterThanOrEqual(2);
    const terms = await listbox.locator('[role=option] .term').allTextContents();
    expect(terms).toContain('Militärhilfe');
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
    expect(await bestMarks()).toEqual(['Militärhilfe']);
    expect(await page.locator('#results .result-snippet').first().innerHTML()).toContain('ausreichend <mark>Militärhilfe</mark> an Kiew');
    expect(await statusText()).toMatch(/^1 Treffer/);
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
      for (let i = 0; i < 12; i++) {
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
    expect(await page.locator('#results li.result').count()).toBe(1);
  });
});

describe('on a phone', () => {
  it('fits the screen and has touch targets of at least 44px', async () => {
    await openPage('/?q=Ukraine', { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('input, button, summary, #results a')]
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

describe('screenshot', () => {
  it('of the results for Militärhilfe (docs/screenshot.png)', async () => {
    await openPage('/');
    await page.setViewportSize({ width: 900, height: 440 });
    await page.locator('#q').click();
    await page.keyboard.type('Militärhilfe');
    await waitFor(page, 'results', () => document.querySelector('#results mark') !== null);
    await page.locator('#q').blur();
    await page.evaluate(() => document.fonts.ready);
    const png = await page.screenshot();
    expect(png.length).toBeGreaterThan(10_000);
    // Written when missing or asked for (it shows a timing, so it differs from run to run).
    const file = join(ROOT, 'docs/screenshot.png');
    if (!existsSync(file) || process.env.UPDATE_SCREENSHOT) await writeFile(file, png);
  });
});
