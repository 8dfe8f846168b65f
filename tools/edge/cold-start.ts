import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Miniflare } from 'miniflare';
import { serveIndexFrom } from '../index-files';
import { ASSETS_DIR } from '../../src/cli/paths';

export interface ColdStart {
  /** From a fresh isolate to the first answered query (the root and what the query needs fetched from assets). */
  firstAnswerMs: number;
  /** Median and p95 of the Worker's own `Server-Timing` search duration over warm queries (asked again after the warm-up). */
  warmMedianMs: number;
  warmP95Ms: number;
}

/**
 * The least requests a pass makes, to warm up and to measure. One pass over a
 * handful of queries leaves most of the engine's code unoptimised, which an
 * isolate serving a site leaves behind within its first requests; and a p95
 * of a handful of timings would be their maximum.
 */
const PASS_REQUESTS = 200;

/**
 * Runs the bundled Worker in workerd (Miniflare) with the index folder
 * `indexDir` among its static assets (where INDEX_PATH points), times the
 * first answered query, then the warm ones.
 */
export async function measureColdStart(entry: string, indexDir: string, queries: readonly string[]): Promise<ColdStart> {
  const assets = await mkdtemp(join(tmpdir(), 'edge-assets-'));
  // The page as `npm run build` left it (check:edge builds first), with this index.
  await cp(ASSETS_DIR, assets, { recursive: true });
  await serveIndexFrom(assets, indexDir);
  const mf = new Miniflare({
    modules: true,
    scriptPath: entry,
    modulesRoot: dirname(entry),
    script: await readFile(entry, 'utf8'),
    compatibilityDate: '2026-04-20',
    compatibilityFlags: ['nodejs_compat'],
    assets: { directory: assets, binding: 'ASSETS', routerConfig: { has_user_worker: true } },
  });
  try {
    await mf.ready;
    const url = (q: string) => `http://localhost/api/search?q=${encodeURIComponent(q)}`;
    const started = performance.now();
    const first = await mf.dispatchFetch(url(queries[0]!));
    await first.text();
    const firstAnswerMs = performance.now() - started;
    if (first.status !== 200) throw new Error(`the Worker answered ${first.status} to its first query`);
    // Passes to warm up (caches and JIT), then passes to measure, each at least PASS_REQUESTS requests however
    // few the queries; `&pass=` keeps HTTP caching out of it.
    const passes = Math.max(1, Math.ceil(PASS_REQUESTS / queries.length));
    const timings: number[] = [];
    for (let pass = 1; pass <= 2 * passes; pass++) {
      for (const q of queries) {
        const res = await mf.dispatchFetch(`${url(q)}&pass=${pass}`);
        await res.text();
        const dur = /search;dur=([\d.]+)/.exec(res.headers.get('Server-Timing') ?? '')?.[1];
        if (pass > passes && dur !== undefined) timings.push(Number(dur));
      }
    }
    timings.sort((a, b) => a - b);
    const at = (p: number) => timings[Math.min(timings.length - 1, Math.floor(p * timings.length))] ?? NaN;
    return { firstAnswerMs: Math.round(firstAnswerMs), warmMedianMs: at(0.5), warmP95Ms: at(0.95) };
  } finally {
    await mf.dispose();
    await rm(assets, { recursive: true, force: true });
  }
}
