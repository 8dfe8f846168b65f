import { defineConfig } from 'vitest/config';

// Browser tests: the real Worker (`wrangler dev`) driven by Chromium through
// playwright-core. The global setup builds, starts and stops the Worker.
// Run with `npx vitest run --config vitest.e2e.config.ts` (part of `npm test`).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    // Room for one retried navigation (browser.ts gotoPage) within a test.
    testTimeout: 45_000,
    hookTimeout: 120_000,
    // One file at a time: a browser per file is plenty for small machines (and CI).
    fileParallelism: false,
    teardownTimeout: 30_000,
  },
});
