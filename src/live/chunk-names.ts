import type { IndexRoot } from '../index/root';
import { entryChunks } from '../index/storage/chunk-store';

/** Every file a root needs (its own name included): what garbage collection must never remove. */
export function rootFiles(name: string, root: IndexRoot): Set<string> {
  return new Set([name, ...root.segments.flatMap((s) => entryChunks(s, root.chunkSize))]);
}
