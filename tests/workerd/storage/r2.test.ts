import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeIndex } from '../../../src/index/memory-index';
import { CURRENT } from '../../../src/index/root';
import { copyIndex } from '../../../src/index/storage/copy-index';
import { PointerRaceError } from '../../../src/index/storage/r2-store';
import { article } from '../../fixtures';
import { assetsIndex, json, r2, sleep, top, uploadBuiltIndex, workerWith } from './helpers';

// The Worker as wrangler.toml describes it, but reading its index from R2 (INDEX_SOURCE=r2,
// VERSION_CHECK_MS=100) behind the Cache API, inside workerd with Miniflare's R2.
const get = (path: string) => SELF.fetch(`http://localhost${path}`);
const PERIOD_MS = 100;

/** A second version of the index: other articles, so the same query answers differently. */
const OTHER = [article('haushalt', ['Der Haushaltsausschuss beriet über Militärhilfe und die Schuldenbremse.'])];

let built: { root: string; chunks: string[] };
beforeAll(async () => {
  built = await uploadBuiltIndex('index/');
});

describe('a Worker reading its index from R2', () => {
  it('answers as the same index from the static assets, and says what it read', async () => {
    const res = await get('/api/search?q=Militärhilfe');
    expect(res.status).toBe(200);
    expect(res.headers.get('Server-Timing')).toMatch(/io;dur=[\d.]+;desc="reads=[1-9]\d* bytes=\d+ waves=\d+"/);
    const fromAssets = await json(await workerWith({ INDEX_SOURCE: 'assets' })('/api/search?q=Militärhilfe'));
    const fromR2 = await json(res);
    expect(fromR2.results.length).toBeGreaterThan(0);
    expect(top(fromR2)).toEqual(top(fromAssets));
    expect(fromR2.results[0].snippet).toBe(fromAssets.results[0].snippet);
  });

  it('reports root size, cache fill per consumer, version checks and Cache API hits on /api/health', async () => {
    await (await get('/api/search?q=NATO%20Blinken')).arrayBuffer();
    const body = await json(await get('/api/health'));
    expect(body.index.rootBytes).toBeGreaterThan(0);
    expect(body.index.version).toBe(built.root);
    expect(body.isolate.cache.units).toBeGreaterThan(0);
    expect(body.isolate.cache).toHaveProperty('chunks');
    expect(body.isolate.versions).toMatchObject({ version: built.root, lastError: null });
    expect(body.isolate.versions.edgeCache.misses).toBeGreaterThan(0);
  });

  it('serves nothing of the bucket by URL: pointer, root and chunks are 404s that reveal nothing', async () => {
    const chunk = built.chunks[0]!;
    const paths = [
      `/index/${CURRENT}`,
      `/${CURRENT}`,
      `/${built.root}`,
      `/index/${built.root}`,
      `/${chunk}`,
      `/index/${chunk}`,
      `/index%2F${chunk.replace('/', '%2F')}`,
      `//index//${chunk}`,
      `/api/../index/${chunk}`,
    ];
    for (const path of paths) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      const text = await res.text();
      expect(text, path).not.toContain(built.root.slice(5, 20));
      expect(text, path).not.toContain('de-edge-search-index');
    }
  });

  it('serves a version published to the bucket within two check periods', async () => {
    const before = top(await json(await get('/api/search?q=Militärhilfe&n=1')));
    await writeIndex(r2('index/'), OTHER, { chunkSize: 4096 });
    await sleep(2 * PERIOD_MS + 20);
    const after = top(await json(await get('/api/search?q=Militärhilfe&n=2')));
    expect(after).toEqual(['haushalt:0']);
    expect(after).not.toEqual(before);
    const health = await json(await get('/api/health'));
    expect(health.isolate.versions.switches).toBeGreaterThanOrEqual(1);
    expect(health.isolate.indexLoads).toBe(1 + health.isolate.versions.switches);
  });

  it('answers every request racing switches from one version or the other, never a mix', async () => {
    // Both versions' chunks stay in the bucket; only the pointer moves, back and forth.
    const roots: string[] = [];
    for (const q of ['A', 'B']) {
      if (q === 'B') await writeIndex(r2('index/'), OTHER, { chunkSize: 4096 });
      else await copyIndex(assetsIndex(), r2('index/'));
      roots.push(new TextDecoder().decode((await r2('index/').get(CURRENT))!));
    }
    const query = '/api/search?q=Militärhilfe%20Schuldenbremse%20NATO';
    const answers = new Set<string>();
    for (const root of roots) {
      await r2('index/').swapPointer(CURRENT, new TextEncoder().encode(root));
      await sleep(2 * PERIOD_MS + 20);
      answers.add(JSON.stringify(top(await json(await get(`${query}&settle=${root}`)))));
    }
    expect(answers.size).toBe(2);
    const seen = new Set<string>();
    for (let round = 0; round < 12; round++) {
      const inFlight = Array.from({ length: 4 }, (_, i) => get(`${query}&r=${round}-${i}`).then(async (res) => JSON.stringify(top(await json(res)))));
      await r2('index/').swapPointer(CURRENT, new TextEncoder().encode(roots[round % 2]!));
      await sleep(PERIOD_MS / 2 + (round % 3) * 40);
      for (const answer of await Promise.all(inFlight)) {
        expect(answers).toContain(answer);
        seen.add(answer);
      }
    }
    expect(seen.size).toBe(2);
  });
});

describe('switching versions in R2', () => {
  it('refuses the later of two writers that saw the same pointer (a conditional put, the right way round in Miniflare)', async () => {
    const store = r2('race/');
    // Creating a pointer where there is none succeeds once.
    await store.swapPointer(CURRENT, new TextEncoder().encode('root-a'), null);
    await expect(store.swapPointer(CURRENT, new TextEncoder().encode('root-b'), null)).rejects.toBeInstanceOf(PointerRaceError);
    const seenByBoth = await store.pointerTag();
    await store.swapPointer(CURRENT, new TextEncoder().encode('root-c'), seenByBoth);
    await expect(store.swapPointer(CURRENT, new TextEncoder().encode('root-d'), seenByBoth)).rejects.toBeInstanceOf(PointerRaceError);
    expect(new TextDecoder().decode((await store.get(CURRENT))!)).toBe('root-c');
  });

  it('refuses an upload when another version was published while its chunks were written', async () => {
    const store = r2('upload-race/');
    await uploadBuiltIndex('upload-race/');
    await writeIndex(r2('index-source/'), [article('bonn', ['Der Bundestag tagte früher in Bonn.'])], { chunkSize: 4096 });
    let other: string | null = null;
    let publishing: Promise<void> | null = null;
    const upload = copyIndex(
      {
        ranged: false,
        get: async (name) => {
          // Once its first chunk is read, another writer publishes its version.
          if (name.includes('/')) {
            publishing ??= writeIndex(store, OTHER, { chunkSize: 4096 }).then(async () => {
              other = new TextDecoder().decode((await store.get(CURRENT))!);
            });
            await publishing;
          }
          return r2('index-source/').get(name);
        },
      },
      store,
    );
    await expect(upload).rejects.toBeInstanceOf(PointerRaceError);
    expect(other).toMatch(/^root-/);
    expect(new TextDecoder().decode((await store.get(CURRENT))!)).toBe(other);
  });
});
