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
  /** Most fetches the Worker had started and not yet read, in any of the requests: n at once, 1 one after another. */
  inFlight: number;
}

const WORKER = `export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get('n')), from = Number(url.searchParams.get('from')), files = Number(url.searchParams.get('files'));
    let open = 0, most = 0;
    const get = async (i) => {
      most = Math.max(most, ++open);
      const bytes = (await (await env.ASSETS.fetch(new Request('https://assets.local/c/' + ((from + i) % files)))).arrayBuffer()).byteLength;
      open--;
      return bytes;
    };
    let bytes = 0;
    if (url.searchParams.get('together') === '1') for (const b of await Promise.all(Array.from({ length: n }, (_, i) => get(i)))) bytes += b;
    else for (let i = 0; i < n; i++) bytes += await get(i);
    return Response.json({ bytes, most });
  },
};`;

export async function assetFetchCost(options: { chunkBytes: number; counts?: number[]; trials?: number; files?: number }): Promise<FetchCostRow[]> {
  if (!Number.isInteger(options.chunkBytes) || options.chunkBytes <= 0) throw new Error(`a file size in whole bytes, not ${options.chunkBytes}`);
  // 1 comes first: the other counts are measured against it.
  const counts = [1, ...(options.counts ?? [10, 30]).filter((n) => n !== 1)];
  const trials = options.trials ?? 21;
  const files = options.files ?? 512;
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
      // Each request starts where the last ended: a file comes round again only after `files` fetches (the
      // operating system's page cache holds them all, as it would hold a deployed index's hot chunks).
      let from = 0;
      const ask = async (n: number, together: boolean) => {
        const started = performance.now();
        const response = await mf.dispatchFetch(`http://localhost/?n=${n}&from=${from}&files=${files}&together=${together ? 1 : 0}`);
        const answer = (await response.json()) as { bytes: number; most: number };
        const ms = performance.now() - started;
        from = (from + n) % files;
        if (answer.bytes !== n * options.chunkBytes) throw new Error(`the probe Worker fetched ${answer.bytes} bytes, not ${n * options.chunkBytes}`);
        return { ms, most: answer.most };
      };
      for (let i = 0; i < 20; i++) await ask(10, true);
      // The ways of asking take turns, trial by trial, so that a slow moment of the machine falls on all of them.
      const ways = counts.flatMap((n) => [true, false].map((together) => ({ n, together, times: [] as number[], most: 0 })));
      for (let t = 0; t < trials; t++) {
        for (const way of ways) {
          const { ms, most } = await ask(way.n, way.together);
          way.times.push(ms);
          way.most = Math.max(way.most, most);
        }
      }
      const median = (times: number[]) => [...times].sort((a, b) => a - b)[times.length >> 1]!;
      return ways.map((way) => {
        const medianMs = median(way.times);
        const single = median(ways.find((w) => w.n === 1 && w.together === way.together)!.times);
        return { fetches: way.n, together: way.together, medianMs, marginalMs: way.n > 1 ? (medianMs - single) / (way.n - 1) : medianMs, inFlight: way.most };
      });
    } finally {
      await mf.dispose();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
