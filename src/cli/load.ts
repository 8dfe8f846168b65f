import { readFile } from 'node:fs/promises';
import { IndexLoadError, loadIndex } from '../index/serialize';
import { readParts, partName } from '../index/parts';
import type { SearchIndex } from '../index/search-index';

/** Loads an index file for a command, with a message that says what to do when it is missing. */
export async function loadIndexFile(path: string): Promise<SearchIndex> {
  let first: Uint8Array;
  try {
    first = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new IndexLoadError(`No index at ${path}. Build it with \`npm run build:index\`.`);
    }
    throw error;
  }
  try {
    return loadIndex(await readParts(first, (part) => readFile(partName(path, part))));
  } catch (error) {
    if (error instanceof IndexLoadError) throw new IndexLoadError(`${path}: ${error.message}`);
    throw error;
  }
}
