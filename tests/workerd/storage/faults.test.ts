import { beforeAll, describe, expect, it } from 'vitest';
import { readRoot } from '../../../src/index/index-reader';
import { writeIndex } from '../../../src/index/memory-index';
import { CURRENT } from '../../../src/index/root';
import { article } from '../../fixtures';
import { bindings, flip, json, r2, uploadBuiltIndex, workerWith } from './helpers';

// A damaged index is refused, never half-read: in workerd, for both backends, a Worker of its own
// per case (its own loader and caches) over an index with one fault, asked a query that reads it.
const QUERY = '/api/search?q=Militärhilfe%20NATO%20Blinken';

async function expectUnavailable(fetch: (path: string) => Promise<Response>) {
  const res = await fetch(QUERY);
  expect(res.status).toBe(503);
  const body = await json(res);
  expect(body.error.code).toBe('index_unavailable');
  expect(body.results).toBeUndefined();
}

let built: { root: string; chunks: string[] };
beforeAll(async () => {
  built = await uploadBuiltIndex('faults-source/');
});

/** The built index under another prefix, with some objects changed (null: removed). */
async function r2Variant(prefix: string, changes: (chunks: string[]) => Promise<Record<string, Uint8Array | null>>) {
  await uploadBuiltIndex(prefix);
  for (const [name, bytes] of Object.entries(await changes(built.chunks))) {
    if (bytes === null) await r2(prefix).remove(name);
    else await r2(prefix).put(name, bytes);
  }
  return workerWith({ INDEX_SOURCE: 'r2', INDEX_PREFIX: prefix });
}

const source = (name: string) => r2('faults-source/').get(name).then((b) => b!);
// Every chunk of a file gets the fault: which chunk of the dictionary or the texts a query reads depends on the corpus.
const terms = (chunks: string[]) => chunks.filter((n) => /\/terms\.\d+$/.test(n));
const docs = (chunks: string[]) => chunks.filter((n) => /\/docs\.\d+$/.test(n));
/** A byte in every 64 flipped: whatever block of the chunk a query reads is damaged. */
const spoil = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => {
  const b = new Uint8Array(bytes);
  for (let at = 20; at < b.length; at += 64) b[at]! ^= 0xff;
  return b;
};
const each = async (names: string[], change: (name: string) => Promise<Uint8Array | null>) =>
  Object.fromEntries(await Promise.all(names.map(async (n) => [n, await change(n)] as const)));

describe('an index in R2 with a fault', () => {
  it('a corrupt chunk is a 503', async () => {
    await expectUnavailable(await r2Variant('corrupt/', (c) => each(terms(c), async (n) => spoil(await source(n)))));
  });

  it('a corrupt stored-text chunk is a 503, not a result with wrong text', async () => {
    await expectUnavailable(await r2Variant('corrupt-docs/', (c) => each(docs(c), async (n) => spoil(await source(n)))));
  });

  it('a missing chunk is a 503', async () => {
    await expectUnavailable(await r2Variant('missing/', (c) => each(terms(c), async () => null)));
  });

  it('a root naming chunks that hold another version is a 503', async () => {
    // Another version's segment, its chunk files renamed to this version's segment id.
    const other = r2('faults-other/');
    await writeIndex(other, [article('bonn', ['Die NATO tagte früher in Bonn.', 'Militärhilfe und Blinken.'])], { chunkSize: (await rootOf('faults-source/')).chunkSize });
    const otherNames = (await other.list()).filter((n) => n.includes('/'));
    const segment = built.chunks[0]!.split('/')[0]!;
    await expectUnavailable(
      await r2Variant('mixed/', async (chunks) => {
        const changes: Record<string, Uint8Array | null> = {};
        for (const name of chunks) {
          const file = name.split('/')[1]!;
          const theirs = otherNames.find((n) => n.endsWith(`/${file}`));
          changes[`${segment}/${file}`] = theirs ? (await other.get(theirs))! : null;
        }
        return changes;
      }),
    );
  });

  it('a pointer naming a root that is not there is a 503 for search and health', async () => {
    const fetch = await r2Variant('no-root/', async () => ({ [CURRENT]: new TextEncoder().encode('root-00000000000000000000000000000000.json') }));
    await expectUnavailable(fetch);
    expect((await fetch('/api/health')).status).toBe(503);
  });
});

describe('an index in the static assets with a fault', () => {
  /** The Worker over the built assets, with one index file answered otherwise. */
  function assetsWith(names: string[], answer: (original: Response) => Promise<Response>) {
    const assets = {
      async fetch(request: Request) {
        const original = await bindings.ASSETS.fetch(request);
        return names.some((name) => new URL(request.url).pathname === `/index/${name}`) ? answer(original) : original;
      },
    };
    return workerWith({ INDEX_SOURCE: 'assets', ASSETS: assets as unknown as Fetcher });
  }

  it('a corrupt chunk is a 503', async () => {
    await expectUnavailable(assetsWith(terms(built.chunks), async (r) => new Response(spoil(new Uint8Array(await r.arrayBuffer())))));
  });

  it('a missing chunk is a 503', async () => {
    await expectUnavailable(assetsWith(terms(built.chunks), async () => new Response('Not found', { status: 404 })));
  });

  it('an asset server that fails is a 503, not a 500', async () => {
    await expectUnavailable(assetsWith(terms(built.chunks), async () => new Response('oops', { status: 500 })));
  });

  it('a chunk of another version under this version’s name is a 503', async () => {
    const other = r2('faults-other-assets/');
    await writeIndex(other, [article('bonn', ['Die NATO tagte früher in Bonn.', 'Militärhilfe und Blinken.'])], { chunkSize: (await rootOf('faults-source/')).chunkSize });
    const theirs = (await other.list()).find((n) => n.endsWith('/terms.0'))!;
    await expectUnavailable(assetsWith(terms(built.chunks), async () => new Response((await other.get(theirs))!.slice().buffer)));
  });
});

async function rootOf(prefix: string) {
  return (await readRoot((n) => r2(prefix).get(n))).root;
}
