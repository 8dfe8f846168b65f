import { mkdir, open, readdir, rm, rmdir, writeFile, type FileHandle } from 'node:fs/promises';
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
  /** Open chunk files, most recently used last: a query reads many ranges of few files, and a run of queries reads hundreds (reopening them cost more than the reads). */
  private readonly handles = new Map<string, Promise<FileHandle | null>>();

  constructor(
    readonly dir: string,
    private readonly maxOpen = 512,
  ) {}

  private handle(name: string): Promise<FileHandle | null> {
    let handle = this.handles.get(name);
    if (handle) {
      this.handles.delete(name);
      this.handles.set(name, handle);
      return handle;
    }
    handle = open(join(this.dir, name), 'r').catch((error: NodeJS.ErrnoException) => {
      this.handles.delete(name);
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    this.handles.set(name, handle);
    for (const [old, h] of this.handles) {
      if (this.handles.size <= this.maxOpen) break;
      this.handles.delete(old);
      void h.then((fh) => fh?.close()).catch(() => undefined);
    }
    return handle;
  }

  async get(name: string, range?: { offset: number; length: number }): Promise<Uint8Array | null> {
    const handle = await this.handle(name);
    if (!handle) return null;
    if (!range) {
      const { size } = await handle.stat();
      const out = new Uint8Array(size);
      const { bytesRead } = await handle.read(out, 0, size, 0);
      return out.subarray(0, bytesRead);
    }
    const out = new Uint8Array(range.length);
    const { bytesRead } = await handle.read(out, 0, range.length, range.offset);
    return out.subarray(0, bytesRead);
  }

  /** Closes the open files. */
  async close(): Promise<void> {
    const handles = [...this.handles.values()];
    this.handles.clear();
    await Promise.all(handles.map((h) => h.then((fh) => fh?.close()).catch(() => undefined)));
  }

  async put(name: string, bytes: Uint8Array): Promise<void> {
    this.forget(name);
    const path = join(this.dir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  }

  swapPointer(name: string, bytes: Uint8Array): Promise<void> {
    this.forget(name);
    return writeFileAtomic(join(this.dir, name), bytes);
  }

  /** Drops a cached handle of a file being replaced or removed. */
  private forget(name: string): void {
    const h = this.handles.get(name);
    if (!h) return;
    this.handles.delete(name);
    void h.then((fh) => fh?.close()).catch(() => undefined);
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
    this.forget(name);
    await rm(join(this.dir, name), { force: true });
    // Leave no empty segment folders behind.
    const parent = dirname(join(this.dir, name));
    if (parent !== this.dir) await rmdir(parent).catch(() => undefined);
  }
}
