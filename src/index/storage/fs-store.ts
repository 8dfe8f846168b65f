import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { writeFileAtomic } from '../write';
import { CURRENT } from '../root';
import type { WritableStore } from './index-store';

/**
 * An index directory on a local disk (Node only): chunk files under
 * `<segment id>/`, roots and the CURRENT pointer at the top. Ranged reads
 * read just the bytes asked for, as R2 does.
 */
export class FsStore implements WritableStore {
  readonly ranged = true;
  /**
   * Open chunk files (descriptors), most recently used last: a query reads many ranges of few files, and a run
   * of queries reads hundreds (reopening them cost more than the reads). Reads are synchronous: a range of a
   * chunk is a few kilobytes, mostly in the page cache, and a promise per read cost more than the read.
   */
  private readonly handles = new Map<string, number>();

  constructor(
    readonly dir: string,
    private readonly maxOpen = 512,
  ) {}

  /** The open file, or null when it does not exist. */
  private handle(name: string): number | null {
    const open = this.handles.get(name);
    if (open !== undefined) {
      this.handles.delete(name);
      this.handles.set(name, open);
      return open;
    }
    const fd = openOrNull(join(this.dir, name));
    if (fd === null) return null;
    this.handles.set(name, fd);
    for (const [old, h] of this.handles) {
      if (this.handles.size <= this.maxOpen) break;
      this.handles.delete(old);
      closeQuietly(h);
    }
    return fd;
  }

  async get(name: string, range?: { offset: number; length: number }): Promise<Uint8Array | null> {
    return this.getSync(name, range);
  }

  /** What `get` answers, synchronously (a build's merge reads its inputs forward from inside a synchronous loop). */
  getSync(name: string, range?: { offset: number; length: number }): Uint8Array | null {
    // The pointer is replaced in place by other processes (a kept descriptor would read the old file for
    // ever): read it afresh. Every other file is named by its content and never changes under its name.
    if (name === CURRENT) {
      const fd = openOrNull(join(this.dir, name));
      if (fd === null) return null;
      try {
        return readRange(fd, range);
      } finally {
        closeQuietly(fd);
      }
    }
    const fd = this.handle(name);
    if (fd === null) return null;
    return readRange(fd, range);
  }

  /** Closes the open files. */
  async close(): Promise<void> {
    for (const fd of this.handles.values()) closeQuietly(fd);
    this.handles.clear();
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
    const fd = this.handles.get(name);
    if (fd === undefined) return;
    this.handles.delete(name);
    closeQuietly(fd);
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

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed or gone: nothing is lost.
  }
}

function openOrNull(path: string): number | null {
  try {
    return openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A range of an open file (the whole file without one); shorter when the file ends first. */
function readRange(fd: number, range?: { offset: number; length: number }): Uint8Array {
  const offset = range ? range.offset : 0;
  const length = range ? range.length : fstatSync(fd).size;
  const out = new Uint8Array(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, out, read, length - read, offset + read);
    if (n === 0) break;
    read += n;
  }
  return out.subarray(0, read);
}
