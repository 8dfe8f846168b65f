import type { SegmentMeta } from '../segment/meta';
import type { SegmentFile } from '../segment/schema';
import { chunkName } from '../storage/chunk-store';
import type { FsStore } from '../storage/fs-store';

/**
 * A stored segment file read forward, a chunk at a time, for a merge: the
 * merge asks each input file for ranges in ascending order, so this holds
 * only the chunks from the last range asked for on. (Read whole, a large
 * build's inputs were as large as the merged segment, held at the moment
 * the build's memory peaks.) A range that spans chunks is copied out.
 */
export class ForwardFile {
  /** Chunks held, chunk `first` first. */
  private held: Uint8Array[] = [];
  private first = 0;

  constructor(
    private readonly store: FsStore,
    private readonly name: string,
    /** The file's length (its segment's meta says): a range reaching past it comes back short, for the caller's check. */
    private readonly length: number,
    private readonly chunkSize: number,
  ) {}

  range(from: number, end: number): Uint8Array {
    const size = this.chunkSize;
    const to = Math.min(end, this.length);
    if (to <= from) return new Uint8Array(0);
    if (from < this.first * size) throw new Error(`${this.name} is read forward: byte ${from} lies before byte ${this.first * size}, already let go`);
    const a = Math.floor(from / size);
    const b = Math.floor((to - 1) / size);
    if (a > this.first) {
      this.held = this.held.slice(Math.min(a - this.first, this.held.length));
      this.first = a;
    }
    while (this.first + this.held.length <= b) {
      const n = this.first + this.held.length;
      const chunk = this.store.getSync(chunkName(this.name, n));
      if (!chunk) throw new Error(`${this.name} lacks chunk ${n}`);
      this.held.push(chunk);
      // A chunk shorter than the file says (a damaged store): the range comes back short, for the caller's check.
      if (chunk.length < size) break;
    }
    if (a === b) return this.held[0]!.subarray(from - a * size, to - a * size);
    const out = new Uint8Array(to - from);
    let at = 0;
    for (let n = a; n <= b && n - this.first < this.held.length; n++) {
      const chunk = this.held[n - this.first]!;
      const piece = chunk.subarray(Math.max(0, from - n * size), Math.min(chunk.length, to - n * size));
      out.set(piece, at);
      at += piece.length;
    }
    return out.subarray(0, at);
  }
}

/** Files of a stored segment, each read forward (ForwardFile). */
export function forwardSegmentFiles<F extends SegmentFile>(store: FsStore, meta: SegmentMeta, chunkSize: number, files: readonly F[]): Record<F, ForwardFile> {
  const out = {} as Record<F, ForwardFile>;
  for (const file of files) out[file] = new ForwardFile(store, `${meta.id}/${file}`, meta.files[file], chunkSize);
  return out;
}
