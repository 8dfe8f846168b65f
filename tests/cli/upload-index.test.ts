import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { writeIndex } from '../../src/index/memory-index';
import { CURRENT } from '../../src/index/root';
import { FsStore } from '../../src/index/storage/fs-store';
import { R2_CHUNK_SIZE, R2ChunkStore } from '../../src/index/storage/r2-store';
import { search } from '../../src/search';
import { startOptions } from '../../src/cli/start';
import { chunkSizeAdvice, localBucket, r2TargetOf, uploadIndex } from '../../src/cli/upload-index';
import { openIndex } from '../../src/worker/index-loader';
import { article } from '../fixtures';

// upload:index into wrangler's local R2 (Miniflare, persisted in a temporary folder), read back as the Worker reads it.
let dir: string;
let local: Awaited<ReturnType<typeof localBucket>>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upload-index-'));
  local = await localBucket('test-bucket', join(dir, 'state'));
});
afterAll(async () => {
  await local?.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('npm run upload:index', () => {
  it('names the bucket and prefix of wrangler.toml [env.r2]', () => {
    expect(r2TargetOf('r2')).toEqual({ bucket: 'de-edge-search-index', prefix: 'index/' });
  });

  it('publishes an index folder to local R2 so that the Worker reads the same answers, and uploads a new version’s new chunks only', async () => {
    const folder = join(dir, 'index');
    const articles = [article('kiew', ['Die NATO will ausreichend Militärhilfe an Kiew senden.']), article('bonn', ['Der Bundestag tagte früher in Bonn.'])];
    // Writes a version into the folder, closing what it opened.
    const write = async (list: typeof articles) => {
      const store = new FsStore(folder);
      await writeIndex(store, list, { compression: zlibCompression, chunkSize: 512, segmentSize: 1 }).finally(() => store.close());
    };
    await write(articles);
    const first = await uploadIndex(folder, local.bucket, 'index/');
    expect(first.written).toBeGreaterThan(0);
    // Chunks sized for static assets: the command says how to build for R2.
    expect(first.chunkSize).toBe(512);
    expect(chunkSizeAdvice(first.chunkSize)).toContain(`--chunk-size ${R2_CHUNK_SIZE}`);
    expect(chunkSizeAdvice(R2_CHUNK_SIZE)).toBeNull();
    const r2 = new R2ChunkStore(local.bucket, 'index/');
    expect(new TextDecoder().decode((await r2.get(CURRENT))!)).toBe(first.root);
    const answer = await search(await openIndex(r2), 'Militärhilfe', { limit: 10 });
    expect(answer.results.map((r) => r.id)).toEqual(['kiew']);

    await write([...articles, article('haushalt', ['Der Haushaltsausschuss beriet.'])]);
    const second = await uploadIndex(folder, local.bucket, 'index/');
    expect(second.root).not.toBe(first.root);
    expect(second.kept).toBe(first.written);
    expect((await search(await openIndex(r2), 'Haushaltsausschuss', { limit: 10 })).results.map((r) => r.id)).toEqual(['haushalt']);
  });

  it('refuses a folder that is no index, writing nothing', async () => {
    await expect(uploadIndex(join(dir, 'nothing'), local.bucket, 'other/')).rejects.toThrow(/No index at/);
    expect(await new R2ChunkStore(local.bucket, 'other/').list()).toEqual([]);
  });
});

describe('npm start options', () => {
  it('takes a corpus or an index folder and R2, and passes everything else to wrangler dev', () => {
    expect(startOptions(['--corpus', 'x', '--r2', '--port', '9000'])).toEqual({ corpus: 'x', r2: true, help: false, rest: ['--port', '9000'] });
    expect(startOptions(['--index=build/idx'])).toMatchObject({ index: 'build/idx', r2: false, rest: [] });
    expect(() => startOptions(['--corpus'])).toThrow(/needs a folder/);
    expect(() => startOptions(['--corpus', 'a', '--index', 'b'])).toThrow(/give one/);
  });
});
