import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Node-side tests. The Worker's own tests run inside workerd (vitest.workers.config.ts),
// the browser tests against `wrangler dev` (vitest.e2e.config.ts).
export default defineConfig({
  // The Worker's module exports its Durable Object class, whose base class only workerd has.
  resolve: { alias: { 'cloudflare:workers': fileURLToPath(new URL('./tests/cloudflare-workers-shim.ts', import.meta.url)) } },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/workerd/**', 'tests/e2e/**', 'node_modules/**'],
    // A guard against hangs, not a speed check: the longest tests take a quarter of it on a quiet 2-core machine.
    testTimeout: 60_000,
    // Vitest's default (one worker fewer than cores) runs a 2-core machine's suite, CI's among them, one file at a
    // time; the main process mostly waits, so two workers take about two thirds of the time there.
    maxWorkers: Math.max(Math.min(2, availableParallelism()), availableParallelism() - 1),
    globalSetup: ['tests/temp-dir.ts'],
  },
});
