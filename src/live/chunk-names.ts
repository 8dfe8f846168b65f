import type { IndexRoot } from '../index/root';
import { chunkNamesOf } from '../index/storage/copy-index';

/** Every file a root needs (its own name included): what garbage collection must never remove. */
export function rootFiles(name: string, root: IndexRoot): Set<string> {
  return new Set([name, ...chunkNamesOf(root)]);
}
