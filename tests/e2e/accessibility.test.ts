import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gotoPage, launchBrowser, waitFor } from './browser';

// axe-core in the page: no serious or critical violations in any state of the search page or the embedded box.
const base = inject('baseUrl');
const embedUrl = inject('embedUrl');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  // Only here: the page's CSP (script-src 'self') would refuse the injected axe script.
  context = await browser.newContext({ bypassCSP: true, locale: 'de-DE' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

async function seriousViolations(): Promise<Array<{ id: string; impact: string | null; help: string; targets: string[] }>> {
  await page.addScriptTag({ path: axePath });
  const violations = (await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  })) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
}

describe('accessibility (axe-core)', () => {
  it('the empty page', async () => {
    await gotoPage(page, base + '/');
    expect(await seriousViolations()).toEqual([]);
  });

  it('results with folded paragraphs opened', async () => {
    await gotoPage(page, base + '/?q=Ukraine');
    await page.locator('#results summary').first().click();
    expect(await seriousViolations()).toEqual([]);
  });

  it('suggestions open with an active option', async () => {
    await gotoPage(page, base + '/');
    await page.locator('#q').click();
    await page.keyboard.type('milit');
    await page.locator('#q-suggestions').waitFor({ state: 'visible' });
    await page.keyboard.press('ArrowDown');
    expect(await seriousViolations()).toEqual([]);
  });

  it('no results, with "Meinten Sie …?"', async () => {
    await gotoPage(page, base + '/');
    await page.locator('#q').fill('Ukrian');
    await waitFor(page, 'a correction', () => document.querySelector('#status .did-you-mean') !== null);
    expect(await seriousViolations()).toEqual([]);
  });

  it('results with facets, filters in force and the date range, newest first', async () => {
    await gotoPage(page, base + '/?q=Milit%C3%A4rhilfe%20tag%3ASPD%20date%3A2022..2024&sort=date');
    expect(await page.locator('#facets section.facet').count()).toBeGreaterThan(0);
    expect(await seriousViolations()).toEqual([]);
  });

  it('a second page loaded in place, on a phone', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await gotoPage(page, base + '/?q=Ukraine');
    await page.locator('#more a').click();
    await waitFor(page, 'the second page', () => document.querySelectorAll('#results > li').length === 20);
    expect(await seriousViolations()).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it('no results, with ways out', async () => {
    await gotoPage(page, base + '/?q=Taurus%20tag%3ALinke');
    expect(await page.locator('#alternatives li').count()).toBeGreaterThan(0);
    expect(await seriousViolations()).toEqual([]);
  });

  it('a paid article, marked Plus', async () => {
    await gotoPage(page, base + '/?q=Handlungsf%C3%A4higkeit%20id%3Abt-wp20-016-ID201600100');
    expect(await page.locator('.plus').count()).toBe(1);
    expect(await seriousViolations()).toEqual([]);
  });

  it('the embedded box with results', async () => {
    await gotoPage(page, embedUrl + '/');
    await page.locator('de-search input').fill('Ukraine');
    await waitFor(page, 'results', () => document.querySelector('de-search')!.shadowRoot!.querySelector('.result') !== null);
    expect(await seriousViolations()).toEqual([]);
  });
});
