import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ForwardFile } from '../../src/index/indexer/segment-files';
import { chunkName } from '../../src/index/storage/chunk-store';
import { FsStore } from '../../src/index/storage/fs-store';

describe('ForwardFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'forward-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);
  const store = new FsStore(dir);
  const stored = (async () => {
    for (let n = 0; n * 16 < bytes.length; n++) await store.put(chunkName('seg/postings', n), bytes.subarray(n * 16, (n + 1) * 16));
  })();

  it('answers ascending ranges, within a chunk or across several, as the whole file would', async () => {
    await stored;
    const file = new ForwardFile(store, 'seg/postings', bytes.length, 16);
    for (const [from, to] of [[0, 5], [3, 16], [10, 40], [40, 40], [47, 48], [48, 100], [99, 100]] as const) {
      expect([...file.range(from, to)], `${from}-${to}`).toEqual([...bytes.subarray(from, to)]);
    }
  });

  it('comes back short past the end, and refuses to go back', async () => {
    await stored;
    const file = new ForwardFile(store, 'seg/postings', bytes.length, 16);
    expect(file.range(90, 120).length).toBe(10);
    expect(() => file.range(10, 20)).toThrow(/read forward/);
    // A file whose length is a whole number of chunks: past its end is short too, not a missing chunk.
    const whole = new ForwardFile(store, 'seg/postings', 96, 16);
    expect([...whole.range(80, 200)]).toEqual([...bytes.subarray(80, 96)]);
    const missing = new ForwardFile(store, 'seg/positions', 10, 16);
    expect(() => missing.range(0, 4)).toThrow(/lacks chunk 0/);
  });
});
