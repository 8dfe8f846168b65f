import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// Tests that run inside workerd, against the Worker as wrangler.toml describes it
// (static assets included: run `npm run build:index` first; `npm test` does).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            // One allowed origin, so the CORS cases can be tested; the shipped default is same-origin only.
            // A Rate Limiting binding (commented out in wrangler.toml, which needs an account for it), so
            // 429s are tested against workerd's own limiter: 10 requests a minute per client address.
            miniflare: {
              bindings: { ALLOWED_ORIGINS: 'https://news.example' },
              ratelimits: { RATE_LIMITER: { simple: { limit: 10, period: 60 } } },
            },
          }),
        ],
        test: { name: 'workerd', include: ['tests/workerd/*.test.ts'], testTimeout: 30_000 },
      },
      {
        // Live updates: the index in (Miniflare's) R2, written through the IndexWriter Durable Object, with the
        // write API's token set; short flush and check periods so that tests wait little.
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                INDEX_SOURCE: 'r2',
                INDEX_PREFIX: 'live/',
                ADMIN_TOKEN: 'workerd-test-token-0123456789abcdef0123456789',
                LIVE_FLUSH_MS: '50',
                VERSION_CHECK_MS: '100',
                LIVE_GRACE_MS: '60000',
              },
            },
          }),
        ],
        test: { name: 'workerd-live', include: ['tests/workerd/live/*.test.ts'], testTimeout: 60_000 },
      },
      {
        // The live soak, on an index of its own (its ranking is compared with a build of exactly what it wrote).
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                INDEX_SOURCE: 'r2',
                INDEX_PREFIX: 'soak/',
                ADMIN_TOKEN: 'workerd-test-token-0123456789abcdef0123456789',
                LIVE_FLUSH_MS: '50',
                VERSION_CHECK_MS: '100',
                LIVE_GRACE_MS: '60000',
              },
            },
          }),
        ],
        test: { name: 'workerd-live-soak', include: ['tests/workerd/live-soak/*.test.ts'], testTimeout: 60_000 },
      },
      {
        // The same Worker pointed at an index that is not there: what a broken deployment answers.
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' }, miniflare: { bindings: { INDEX_PATH: '/missing-index/' } } })],
        test: { name: 'workerd-without-index', include: ['tests/workerd/without-index/*.test.ts'], testTimeout: 30_000 },
      },
      {
        // The same Worker reading its index from R2 (Miniflare's, in memory) behind the Cache API, checking
        // for a new version every 100 ms; the tests copy the built index into the bucket first.
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: { r2Buckets: ['INDEX'], bindings: { INDEX_SOURCE: 'r2', INDEX_PREFIX: 'index/', VERSION_CHECK_MS: '100' } },
          }),
        ],
        test: { name: 'workerd-storage', include: ['tests/workerd/storage/*.test.ts'], testTimeout: 30_000 },
      },
    ],
  },
});
