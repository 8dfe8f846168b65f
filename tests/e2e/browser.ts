import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, errors, type Browser, type Page, type Request } from 'playwright-core';
import { ROOT } from '../../src/cli/paths';

/** Debian's Chromium, headless and quiet: no background traffic, no updates, no sandbox (root in CI). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Waits until `predicate` (run in the page) is true; fails with `what` after `timeout` ms. */
export async function waitFor(page: Page, what: string, predicate: () => unknown, timeout = 10_000): Promise<void> {
  try {
    await page.waitForFunction(predicate, undefined, { timeout, polling: 50 });
  } catch {
    throw new Error(`timed out waiting for: ${what}`);
  }
}

/** Collects dialogs (alert, confirm, …) and uncaught page errors, to assert there were none. */
export function watchForTrouble(page: Page): { dialogs: string[]; errors: string[] } {
  const trouble = { dialogs: [] as string[], errors: [] as string[] };
  page.on('dialog', (dialog) => {
    trouble.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => trouble.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.errors.push(message.text());
  });
  return trouble;
}

/** What wrangler logs while the browser tests run (global-setup.ts writes it). */
export const WRANGLER_LOG = join(ROOT, 'build/e2e-wrangler.log');

/**
 * `page.goto(url)`, waiting for the load event. A navigation that does not
 * load in time is tried once more: a loaded machine has stalled the local
 * server stack (wrangler's proxy in front of workerd) on one request in a
 * whole suite, failing whichever test happened to navigate. The stall is not
 * hidden: stderr gets the requests still unanswered and the last lines
 * wrangler logged (an answer it logged late is the proxy's stall, none at
 * all the Worker's). A second timeout fails the test.
 */
export async function gotoPage(page: Page, url: string): Promise<void> {
  const unanswered = new Set<Request>();
  const started = (r: Request) => unanswered.add(r);
  const ended = (r: Request) => unanswered.delete(r);
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    await page.goto(url);
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error;
    const pending = [...unanswered].map((r) => r.url()).join(', ') || 'none';
    const log = existsSync(WRANGLER_LOG) ? readFileSync(WRANGLER_LOG, 'utf8').trimEnd().split('\n').slice(-8).join('\n') : '(no log)';
    console.warn(`loading ${url} timed out; unanswered: ${pending}; trying once more. wrangler logged last:\n${log}`);
    // Away from the stalled navigation first: a second one to the same address is aborted while it hangs.
    await page.goto('about:blank');
    await page.goto(url);
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
  }
}
