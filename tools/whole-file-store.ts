import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChunkStore } from '../src/index/storage/chunk-store';

/** An index folder read the way the Worker reads static assets: one whole file per request, no ranges. */
export class WholeFileStore implements ChunkStore {
  readonly ranged = false;
  constructor(private readonly dir: string) {}

  async get(name: string): Promise<Uint8Array | null> {
    try {
      const file = await readFile(join(this.dir, name));
      return new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
