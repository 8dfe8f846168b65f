import { mkdir, open, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { writeFileAtomic } from '../write';
import type { WritableStore } from './index-store';

/**
 * An index directory on a local disk (Node only): chunk files under
 * `<segment id>/`, roots and the CURRENT pointer at the top. Ranged reads
 * read just the bytes asked for, as R2 does.
 */
export class FsStore implements WritableStore {
  readonly ranged = true;

  constructor(readonly dir: string) {}

  async get(name: string, range?: { offset: number; length: number }): Promise<Uint8Array | null> {
    let handle;
    try {
      handle = await open(join(this.dir, name), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      if (!range) return new Uint8Array(await handle.readFile());
      const out = new Uint8Array(range.length);
      const { bytesRead } = await handle.read(out, 0, range.length, range.offset);
      return out.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async put(name: string, bytes: Uint8Array): Promise<void> {
    const path = join(this.dir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  }

  swapPointer(name: string, bytes: Uint8Array): Promise<void> {
    return writeFileAtomic(join(this.dir, name), bytes);
  }

  async list(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string) => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const path = join(dir, e.name);
        if (e.isDirectory()) await walk(path);
        else out.push(relative(this.dir, path).split(sep).join('/'));
      }
    };
    await walk(this.dir);
    return out;
  }

  async remove(name: string): Promise<void> {
    await rm(join(this.dir, name), { force: true });
    // Leave no empty segment folders behind.
    const parent = dirname(join(this.dir, name));
    if (parent !== this.dir) await rmdir(parent).catch(() => undefined);
  }
}
