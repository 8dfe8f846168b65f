import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, waitFor } from './browser';

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
    await page.goto(base + '/');
    expect(await seriousViolations()).toEqual([]);
  });

  it('results with folded paragraphs opened', async () => {
    await page.goto(base + '/?q=Ukraine');
    await page.locator('#results summary').first().click();
    expect(await seriousViolations()).toEqual([]);
  });

  it('suggestions open with an active option', async () => {
    await page.goto(base + '/');
    await page.locator('#q').click();
    await page.keyboard.type('milit');
    await page.locator('#q-suggestions').waitFor({ state: 'visible' });
    await page.keyboard.press('ArrowDown');
    expect(await seriousViolations()).toEqual([]);
  });

  it('no results, with "Meinten Sie …?"', async () => {
    await page.goto(base + '/');
    await page.locator('#q').fill('Ukrian');
    await waitFor(page, 'a correction', () => document.querySelector('#status .did-you-mean') !== null);
    expect(await seriousViolations()).toEqual([]);
  });

  it('the embedded box with results', async () => {
    await page.goto(embedUrl + '/');
    await page.locator('de-search input').fill('Ukraine');
    await waitFor(page, 'results', () => document.querySelector('de-search')!.shadowRoot!.querySelector('.result') !== null);
    expect(await seriousViolations()).toEqual([]);
  });
});
