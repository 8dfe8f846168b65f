import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// Tests that run inside workerd, against the Worker as wrangler.toml describes it
// (static assets included: run `npm run build:index` first; `npm test` does).
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      // One allowed origin, so the CORS cases can be tested; the shipped default is same-origin only.
      miniflare: { bindings: { ALLOWED_ORIGINS: 'https://news.example' } },
    }),
  ],
  test: {
    include: ['tests/workerd/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
