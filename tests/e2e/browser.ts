import { chromium, type Browser, type Page } from 'playwright-core';

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
