import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { partName } from '../src/index/parts';

/** The files of an index built elsewhere: its first file and the parts beside it (src/index/parts.ts). */
export function indexFiles(indexFile: string): string[] {
  const files: string[] = [];
  for (let part = 0; existsSync(partName(indexFile, part)); part++) files.push(partName(indexFile, part));
  return files;
}

/** The index's bytes, its parts joined. */
export async function readIndexBytes(indexFile: string): Promise<Uint8Array> {
  return Buffer.concat(await Promise.all(indexFiles(indexFile).map((f) => readFile(f))));
}

/**
 * Puts `indexFile` (and its parts) into a static-assets folder as the index
 * the Worker serves (`search-index.bin`, wrangler.toml's INDEX_PATH), in
 * place of any index already there.
 */
export async function serveIndexFrom(assets: string, indexFile: string): Promise<void> {
  for (const f of await readdir(assets)) if (f.startsWith('search-index.bin')) await rm(join(assets, f));
  for (const [part, file] of indexFiles(indexFile).entries()) await cp(file, join(assets, partName('search-index.bin', part)));
}
