import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openIndexDir } from '../../src/cli/open-index-dir';
import { SEGMENT_FILES } from '../../src/index/segment/schema';
import { indexFiles, indexFolderSizes, pathSizes, serveIndexFrom } from '../../tools/index-files';
import { ours } from '../../tools/systems/ours';
import { article } from '../fixtures';

const corpus = [
  article('nato', ['Die NATO will ausreichend Militärhilfe an Kiew senden.', 'Der Außenminister reiste nach Brüssel.'], { title: 'NATO' }),
  article('wetter', ['Morgen regnet es in Hamburg und Bremen.'], { title: 'Wetter' }),
];

const work = await mkdtemp(join(tmpdir(), 'index-files-test-'));
afterAll(() => rm(work, { recursive: true, force: true }));

async function savedIndex(name: string): Promise<string> {
  const system = ours();
  await system.build(corpus);
  const dir = join(work, name);
  await system.save(dir);
  return dir;
}

describe('an index folder saved by the bench', () => {
  it('is what build:index writes: the CLI opens it, and read into memory it ranks the same', async () => {
    const dir = await savedIndex('saved');
    const reader = await openIndexDir(dir);
    expect(reader.docCount).toBe(3);
    const onDisk = ours();
    await onDisk.open(dir);
    const inMemory = ours();
    await inMemory.openInMemory(dir);
    expect(await onDisk.search('Militärhilfe Brüssel', 10)).toEqual(await inMemory.search('Militärhilfe Brüssel', 10));
    expect((await onDisk.search('Hamburg', 10))[0]).toBe('wetter#0');
  });

  it('is measured per logical file, as its root accounts for them', async () => {
    const dir = await savedIndex('sizes');
    const reader = await openIndexDir(dir);
    const sizes = await indexFolderSizes(dir);
    for (const f of SEGMENT_FILES) expect(sizes.files[f], f).toBe(reader.root.segments.reduce((n, s) => n + s.meta.files[f], 0));
    expect(sizes.files.docs).toBeGreaterThan(0);
    expect(sizes.root).toBeGreaterThan(reader.rootBytes);
    expect(sizes.deletions).toBe(0);
    expect(sizes.total).toBe(SEGMENT_FILES.reduce((n, f) => n + sizes.files[f], 0) + sizes.root);
    expect(sizes.count).toBe((await indexFiles(dir)).length);
    expect((await pathSizes(dir)).raw).toBe(sizes.total);
  });
});

describe('serveIndexFrom', () => {
  it('puts the folder where the Worker reads it, replacing whatever index was there', async () => {
    const dir = await savedIndex('served');
    const assets = join(work, 'assets');
    await mkdir(join(assets, 'index', 'stale'), { recursive: true });
    await writeFile(join(assets, 'index', 'stale', 'terms.0'), 'old');
    await writeFile(join(assets, 'search.css'), 'body {}');
    await serveIndexFrom(assets, dir);
    expect(await indexFiles(join(assets, 'index'))).toEqual(await indexFiles(dir));
    expect((await readdir(assets)).sort()).toEqual(['index', 'search.css']);
  });
});
