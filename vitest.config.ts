import { defineConfig } from 'vitest/config';

// Node-side tests. The Worker's own tests run inside workerd (vitest.workers.config.ts),
// the browser tests against `wrangler dev` (vitest.e2e.config.ts).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/workerd/**', 'tests/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
  },
});
