import { readFile } from 'node:fs/promises';
import { FormatError } from '../index/binary-format';
import { IndexLoadError, loadIndex, REBUILD } from '../index/serialize';
import { readParts, partName } from '../index/parts';
import type { SearchIndex } from '../index/search-index';

/**
 * Loads an index file (and its parts) for a command. Whatever is wrong — the
 * file is missing, unreadable, empty, truncated, corrupted, of another format
 * version, or a part is missing — is an IndexLoadError naming the file, what
 * is wrong and what to do; never an empty index.
 */
export async function loadIndexFile(path: string): Promise<SearchIndex> {
  let first: Uint8Array;
  try {
    first = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new IndexLoadError(`No index at ${path}. Build it with \`npm run build:index\`.`);
    }
    throw new IndexLoadError(`${path}: cannot read the index (${describe(error)}). Check the path and its permissions, or ${REBUILD.toLowerCase()}`);
  }
  try {
    const chunks = await readParts(first, async (part) => {
      const file = partName(path, part);
      try {
        return await readFile(file);
      } catch (error) {
        const what = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : `cannot be read (${describe(error)})`;
        throw new IndexLoadError(`its part ${file} ${what}, so the index is incomplete. ${REBUILD}`);
      }
    });
    return loadIndex(chunks);
  } catch (error) {
    if (error instanceof IndexLoadError) throw new IndexLoadError(`${path}: ${error.message}`);
    if (error instanceof FormatError) throw new IndexLoadError(`${path}: The index file is unusable: ${error.message}. ${REBUILD}`);
    throw error;
  }
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ?? e.message ?? String(error);
}
