import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';

/**
 * What the local asset server (Miniflare's, behind `env.ASSETS`) charges a
 * Worker per whole-file fetch: a Worker that fetches `n` files of the chunk
 * size, all at once (as a query's wave asks for its chunks) or one after
 * another. The marginal cost of a fetch, (time(n) − time(1)) ÷ (n − 1), says
 * whether a wave's fetches overlap: if they do, a wave costs about one
 * fetch; if the server takes them one at a time, a wave costs them all.
 * That is what a warm query in workerd pays on top of the engine's own work
 * (check:scale's "waiting for storage").
 */
export interface FetchCostRow {
  fetches: number;
  together: boolean;
  /** Median over `trials` requests, as Node sees them (Miniflare's dispatch included). */
  medianMs: number;
  /** (median − the median of one fetch asked the same way) ÷ (fetches − 1). */
  marginalMs: number;
}

const WORKER = `export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get('n')), from = Number(url.searchParams.get('from')), files = Number(url.searchParams.get('files'));
    const get = async (i) => (await (await env.ASSETS.fetch(new Request('https://assets.local/c/' + ((from + i) % files)))).arrayBuffer()).byteLength;
    let bytes = 0;
    if (url.searchParams.get('together') === '1') for (const b of await Promise.all(Array.from({ length: n }, (_, i) => get(i)))) bytes += b;
    else for (let i = 0; i < n; i++) bytes += await get(i);
    return new Response(String(bytes));
  },
};`;

export async function assetFetchCost(options: { chunkBytes: number; counts?: number[]; trials?: number; files?: number }): Promise<FetchCostRow[]> {
  // 1 comes first: the other counts are measured against it.
  const counts = [1, ...(options.counts ?? [10, 30]).filter((n) => n !== 1)];
  const trials = options.trials ?? 15;
  const files = options.files ?? 256;
  const dir = await mkdtemp(join(tmpdir(), 'asset-fetch-cost-'));
  try {
    await mkdir(join(dir, 'c'));
    const chunk = new Uint8Array(options.chunkBytes).map((_, i) => (i * 2654435761) >>> 24);
    for (let i = 0; i < files; i++) await writeFile(join(dir, 'c', String(i)), chunk);
    const mf = new Miniflare({
      name: 'fetch-cost',
      modules: true,
      script: WORKER,
      compatibilityDate: '2026-04-20',
      assets: { directory: dir, binding: 'ASSETS', routerConfig: { has_user_worker: true } },
    } as ConstructorParameters<typeof Miniflare>[0]);
    try {
      await mf.ready;
      // Each request starts where the last ended, so no file is fetched twice in a row (caches stay out of it).
      let from = 0;
      const ask = async (n: number, together: boolean) => {
        const started = performance.now();
        const response = await mf.dispatchFetch(`http://localhost/?n=${n}&from=${from}&files=${files}&together=${together ? 1 : 0}`);
        const body = await response.text();
        from = (from + n) % files;
        if (Number(body) !== n * options.chunkBytes) throw new Error(`the probe Worker fetched ${body} bytes, not ${n * options.chunkBytes}`);
        return performance.now() - started;
      };
      for (let i = 0; i < 20; i++) await ask(10, true);
      const medians = new Map<string, number>();
      for (const n of counts) {
        for (const together of [true, false]) {
          const times: number[] = [];
          for (let t = 0; t < trials; t++) times.push(await ask(n, together));
          times.sort((a, b) => a - b);
          medians.set(`${n}/${together}`, times[times.length >> 1]!);
        }
      }
      return counts.flatMap((n) =>
        [true, false].map((together) => {
          const medianMs = medians.get(`${n}/${together}`)!;
          const single = medians.get(`1/${together}`) ?? medianMs;
          return { fetches: n, together, medianMs, marginalMs: n > 1 ? (medianMs - single) / (n - 1) : medianMs };
        }),
      );
    } finally {
      await mf.dispose();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
