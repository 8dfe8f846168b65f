import { rm } from 'node:fs/promises';
import { readRoot } from '../../src/index/index-reader';
import type { IndexRoot } from '../../src/index/root';
import { SEGMENT_FILES } from '../../src/index/segment/schema';
import { chunkName } from '../../src/index/storage/chunk-store';
import { FsStore } from '../../src/index/storage/fs-store';
import { publishRoot, storeFile } from '../../src/index/storage/index-store';

/**
 * Writes an index folder again with another chunk size: the same segments,
 * under the same ids (a build at that size would name them otherwise: an id
 * hashes the chunk size too, which keeps two sizes apart in one store), cut
 * into chunk files of `chunkSize`, under a root that says so. What the
 * chunk-size trade-off of static assets is measured on, without a rebuild.
 */
export async function rechunkIndex(from: string, to: string, chunkSize: number): Promise<void> {
  const source = new FsStore(from);
  const target = new FsStore(to);
  await rm(to, { recursive: true, force: true });
  try {
    const { root } = await readRoot((n) => source.get(n));
    const files: Array<[string, number]> = [];
    for (const s of root.segments) {
      for (const f of SEGMENT_FILES) files.push([`${s.meta.id}/${f}`, s.meta.files[f]]);
      if (s.deletions) files.push([s.deletions.file, s.deletions.length]);
    }
    for (const [file, length] of files) await storeFile(target, file, await readWhole(source, file, length, root.chunkSize), chunkSize);
    const next: IndexRoot = { ...root, chunkSize };
    await publishRoot(target, next);
  } finally {
    await source.close();
    await target.close();
  }
}

async function readWhole(store: FsStore, file: string, length: number, chunkSize: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  for (let n = 0, at = 0; at < length; n++, at += chunkSize) {
    const chunk = await store.get(chunkName(file, n));
    if (!chunk) throw new Error(`${file}: chunk ${n} is missing`);
    out.set(chunk.subarray(0, Math.min(chunkSize, length - at)), at);
  }
  return out;
}
