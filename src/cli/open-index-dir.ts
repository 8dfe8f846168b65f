import { stat } from 'node:fs/promises';
import { zlibCompression } from '../index/codec/zlib-compression';
import { FormatError } from '../index/codec/bytes';
import { IndexReader, readRoot, type ReaderBudget } from '../index/index-reader';
import { IndexUnavailableError } from '../index/storage/byte-source';
import { ChunkedSource } from '../index/storage/chunked-source';
import { FsStore } from '../index/storage/fs-store';

/** Why an index cannot be used, with what to do about it. */
export class IndexLoadError extends Error {
  override name = 'IndexLoadError';
}

/** What to do about an index this program cannot use. */
export const REBUILD = 'Rebuild it with `npm run build:index`.';

/**
 * Opens an index folder for a command: reads its pointer and root, checks
 * them, and returns a reader that reads the rest on demand. Whatever is
 * wrong — no folder, no pointer, a root that is missing, damaged or of
 * another format version — is an IndexLoadError naming the folder, what is
 * wrong and what to do; never an empty index. (A damaged chunk is found when
 * a query reads it, and refused then.)
 */
export async function openIndexDir(dir: string, budget?: Partial<ReaderBudget>): Promise<IndexReader> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw new IndexLoadError(`No index at ${dir}. Build it with \`npm run build:index\`.`);
  if (!info.isDirectory()) throw new IndexLoadError(`${dir} is not an index folder (an index is a folder since format version 4). ${REBUILD}`);
  const store = new FsStore(dir);
  try {
    const { name, root, bytes } = await readRoot((n) => store.get(n));
    return new IndexReader(root, new ChunkedSource(store, { chunkSize: root.chunkSize }), { compression: zlibCompression, budget }, bytes, name);
  } catch (error) {
    // The files it opened are closed now, not left to the garbage collector.
    await store.close();
    if (error instanceof FormatError || error instanceof IndexUnavailableError) {
      throw new IndexLoadError(`${dir}: the index is unusable: ${error.message}. ${REBUILD}`);
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new IndexLoadError(`${dir}: cannot read the index (${code}). Check the path and its permissions, or ${REBUILD.toLowerCase()}`);
    throw error;
  }
}
