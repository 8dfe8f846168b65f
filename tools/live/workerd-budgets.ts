import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Miniflare } from 'miniflare';
import WebSocket from 'ws';
import type { Article } from '../../src/corpus/article';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { MemoryStore, writeIndex } from '../../src/index/memory-index';
import { ASSETS_DIR } from '../../src/cli/paths';

const TOKEN = 'check-live-token-0123456789abcdef0123456789abcdef';
const PREFIX = 'index/';

export interface WorkerdFigures {
  writeP50Ms: number;
  writeP95Ms: number;
  /** Writes with ?wait=true: answered once published; the next query on the same isolate found them (of how many). */
  waitP50Ms: number;
  sameIsolateFound: number;
  sameIsolateTried: number;
  /** From a write's acknowledgment to the first answer of another isolate that has it. */
  otherP50Ms: number;
  otherP95Ms: number;
  otherTried: number;
  soakWrites: number;
  soakQueries: number;
  /** Soak queries answered with an error (a 503) instead of results. */
  soakFailures: number;
  /** Isolate heap (MB) sampled through the soak; null when the inspector did not answer. */
  heapMb: Array<number | null>;
  soakFinalTop10Equal: number;
  soakQueriesCompared: number;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The Worker as bundled for deployment, in workerd (Miniflare): worker `a`
 * with the write API, the IndexWriter Durable Object (SQLite storage) and
 * the index in R2; worker `b`, another isolate reading the same bucket (as
 * another data centre's isolate would). The base index is uploaded to R2
 * first (chunks, root, pointer), then writes go to `a` and queries to both.
 */
export async function measureWorkerd(
  entry: string,
  base: Article[],
  stream: Article[],
  queries: string[],
  options: { soak: number; probes: number; onProgress?: (line: string) => void },
): Promise<{ figures: WorkerdFigures; finalArticles: Map<string, Article>; searchTop10: (q: string) => Promise<Array<[string, number]>> ; dispose: () => Promise<void> }> {
  const log = options.onProgress ?? (() => undefined);
  const inspectorPort = 9300 + Math.floor(Math.random() * 500);
  const script = await readFile(entry, 'utf8');
  const common = {
    modules: true,
    scriptPath: entry,
    modulesRoot: dirname(entry),
    script,
    compatibilityDate: '2026-04-20',
    compatibilityFlags: ['nodejs_compat'],
    assets: { directory: ASSETS_DIR, binding: 'ASSETS', routerConfig: { has_user_worker: true } },
    r2Buckets: { INDEX: 'live-index' },
  };
  const mf = new Miniflare({
    inspectorPort,
    workers: [
      {
        ...common,
        name: 'a',
        durableObjects: { WRITER: { className: 'IndexWriter', useSQLite: true } },
        bindings: { INDEX_SOURCE: 'r2', INDEX_PREFIX: PREFIX, ADMIN_TOKEN: TOKEN },
      },
      { ...common, name: 'b', bindings: { INDEX_SOURCE: 'r2', INDEX_PREFIX: PREFIX } },
    ],
  });
  await mf.ready;
  const a = await mf.getWorker('a');
  const b = await mf.getWorker('b');
  const dispose = () => mf.dispose();

  // The base index, uploaded as upload:index would: chunks, the root, then the pointer.
  const built = new MemoryStore();
  await writeIndex(built, base, { compression: zlibCompression });
  const bucket = await mf.getR2Bucket('INDEX', 'a');
  const names = [...built.chunks.keys()].filter((n) => n !== 'CURRENT');
  for (const n of names) await bucket.put(PREFIX + n, built.chunks.get(n)!);
  await bucket.put(PREFIX + 'CURRENT', built.chunks.get('CURRENT')!);

  const admin = (method: string, path: string, body?: string) =>
    a.fetch(`http://localhost${path}`, { method, headers: { Authorization: `Bearer ${TOKEN}` }, ...(body !== undefined ? { body } : {}) });
  const ask = async (worker: typeof a, q: string, extra = '') => {
    const res = await worker.fetch(`http://localhost/api/search?q=${encodeURIComponent(q)}&limit=10${extra}`);
    return (await res.json()) as { results?: Array<{ id: string; paragraph: number; score: number }> };
  };
  const has = async (worker: typeof a, word: string, id: string, n: number) => ((await ask(worker, word, `&n=${n}`)).results ?? []).some((r) => r.id === id);
  const final = new Map(base.map((x) => [x.id, x]));
  const body = (x: Article) => JSON.stringify({ id: x.id, title: x.title, date: x.date, source: x.source, url: x.url, category: x.category, tags: x.tags, paragraphs: x.paragraphs });
  // Warm both isolates (first open of the index).
  await ask(a, 'Regierung');
  await ask(b, 'Regierung');

  // 1. Durable acknowledgment: PUT without waiting for publication.
  log('writes: durable acknowledgment');
  const writeMs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const x = stream[i % stream.length]!;
    const t = performance.now();
    const res = await admin('PUT', `/api/admin/articles/${encodeURIComponent(x.id)}`, body(x));
    await res.arrayBuffer();
    writeMs.push(performance.now() - t);
    if (res.status !== 202) throw new Error(`PUT answered ${res.status}`);
    final.set(x.id, x);
  }
  await sleep(1500);

  // 2. Same isolate at once: PUT ?wait=true, then a query on the same isolate.
  log('writes: searchable on the same isolate');
  const waitMs: number[] = [];
  let sameFound = 0;
  const tried = 30;
  for (let i = 0; i < tried; i++) {
    const word = `Sameisolat${i}wort`;
    const x: Article = { ...stream[(200 + i) % stream.length]!, id: `same-${i}` };
    x.paragraphs = [`${word} ${x.paragraphs[0] ?? ''}`];
    const t = performance.now();
    const res = await admin('PUT', `/api/admin/articles/${x.id}?wait=true`, body(x));
    await res.arrayBuffer();
    waitMs.push(performance.now() - t);
    final.set(x.id, x);
    if (await has(a, word, x.id, i)) sameFound++;
  }

  // 3. Another isolate: from the acknowledgment to the first answer of `b` that has the write.
  log('writes: seen by another isolate');
  const otherMs: number[] = [];
  for (let i = 0; i < options.probes; i++) {
    const word = `Anderisolat${i}wort`;
    const x: Article = { ...stream[(300 + i) % stream.length]!, id: `other-${i}` };
    x.paragraphs = [`${word} ${x.paragraphs[0] ?? ''}`];
    const res = await admin('PUT', `/api/admin/articles/${x.id}`, body(x));
    await res.arrayBuffer();
    const acked = performance.now();
    final.set(x.id, x);
    let n = 0;
    while (!(await has(b, word, x.id, n++))) {
      if (performance.now() - acked > 10_000) break;
      await sleep(20);
    }
    otherMs.push(performance.now() - acked);
    // Start the next probe at another phase of the flush and check periods.
    await sleep(137 * (i % 7));
  }

  // 4. Soak: writes (puts, corrections, deletes) interleaved with queries on both isolates; heap sampled.
  log(`soak: ${options.soak} writes`);
  const heapMb: Array<number | null> = [];
  let soakQueries = 0;
  let soakFailures = 0;
  for (let i = 0; i < options.soak; i++) {
    const x = stream[i % stream.length]!;
    const id = `soak-${i % 1500}`;
    if (i % 10 === 9) {
      const res = await admin('DELETE', `/api/admin/articles/${id}`);
      await res.arrayBuffer();
      final.delete(id);
    } else {
      const y = { ...x, id, paragraphs: i % 3 === 0 ? [...x.paragraphs, `Nachtrag ${i}.`] : x.paragraphs };
      const res = await admin('PUT', `/api/admin/articles/${id}`, body(y));
      await res.arrayBuffer();
      if (res.status !== 202) throw new Error(`soak PUT answered ${res.status}`);
      final.set(id, y);
    }
    if (i % 5 === 0) {
      const answer = await ask(i % 10 === 0 ? a : b, queries[i % queries.length]!, `&s=${i}`);
      if (!answer.results) soakFailures++;
      soakQueries++;
    }
    if (i % Math.max(1, Math.floor(options.soak / 10)) === 0) {
      heapMb.push(await isolateHeapMb(inspectorPort, 'a'));
      log(`soak: ${i} writes, heap ${heapMb.at(-1)?.toFixed(1) ?? '?'} MB`);
    }
  }
  heapMb.push(await isolateHeapMb(inspectorPort, 'a'));
  // Everything published, then compacted as the cron would, then fully.
  const settle = await admin('PUT', `/api/admin/articles/settle?wait=true`, JSON.stringify({ paragraphs: ['Abschluss.'] }));
  await settle.arrayBuffer();
  final.set('settle', { id: 'settle', title: 'Abschluss.', date: null, url: null, source: null, category: null, tags: [], paragraphs: ['Abschluss.'] });
  await (await admin('POST', '/api/admin/compact')).arrayBuffer();

  const searchTop10 = async (q: string) => ((await ask(a, q, '&final=1')).results ?? []).map((r) => [`${r.id}/${r.paragraph}`, r.score] as [string, number]);
  return {
    figures: {
      writeP50Ms: percentile(writeMs, 0.5),
      writeP95Ms: percentile(writeMs, 0.95),
      waitP50Ms: percentile(waitMs, 0.5),
      sameIsolateFound: sameFound,
      sameIsolateTried: tried,
      otherP50Ms: percentile(otherMs, 0.5),
      otherP95Ms: percentile(otherMs, 0.95),
      otherTried: otherMs.length,
      soakWrites: options.soak,
      soakQueries,
      soakFailures,
      heapMb,
      soakFinalTop10Equal: 0,
      soakQueriesCompared: 0,
    },
    finalArticles: final,
    searchTop10,
    dispose,
  };
}

/** The JS heap of worker `name`'s isolate, through workerd's inspector (no collection forced first). */
async function isolateHeapMb(port: number, name: string): Promise<number | null> {
  try {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as Array<{ title?: string; webSocketDebuggerUrl?: string }>;
    const target = targets.find((t) => t.title?.endsWith(`core:user:${name}`)) ?? null;
    if (!target?.webSocketDebuggerUrl) return null;
    const ws = new WebSocket(target.webSocketDebuggerUrl);
    const opened = new Promise<boolean>((resolve) => (ws.once('open', () => resolve(true)), ws.once('error', () => resolve(false))));
    if (!(await Promise.race([opened, sleep(5000).then(() => false)]))) {
      ws.terminate();
      return null;
    }
    const call = (id: number, method: string) =>
      new Promise<any>((resolve) => {
        ws.on('message', (data) => {
          const m = JSON.parse(String(data));
          if (m.id === id) resolve(m.result);
        });
        ws.send(JSON.stringify({ id, method }));
      });
    // The inspector does not always answer (tools/load/isolate-heap.ts): every call is bounded.
    const enabled = await Promise.race([call(1, 'Runtime.enable'), sleep(5000).then(() => null)]);
    const usage = enabled === null ? null : await Promise.race([call(2, 'Runtime.getHeapUsage'), sleep(5000).then(() => null)]);
    ws.terminate();
    return usage ? usage.usedSize / 1e6 : null;
  } catch {
    return null;
  }
}


