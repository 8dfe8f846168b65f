import { CURRENT } from '../root';
import { IndexUnavailableError } from './byte-source';
import type { WritableStore } from './index-store';

/** What the store needs of an R2 bucket binding. */
export interface R2Like {
  get(key: string, options?: { range?: { offset: number; length: number }; onlyIf?: unknown }): Promise<{ arrayBuffer(): Promise<ArrayBuffer>; etag: string } | null>;
  head(key: string): Promise<{ etag: string } | null>;
  put(key: string, value: Uint8Array | ArrayBuffer | string, options?: { onlyIf?: { etagMatches?: string; etagDoesNotMatch?: string } }): Promise<{ etag: string } | null>;
  delete(keys: string | string[]): Promise<void>;
  list(options?: { prefix?: string; cursor?: string }): Promise<{ objects: Array<{ key: string }>; truncated: boolean; cursor?: string }>;
}

/**
 * A read from R2 waits for its first byte far longer than a few more kilobytes take to arrive, and each is
 * billed as an operation, while bytes are not (docs/SCALE.md "The plan beyond"): ranges of a chunk within
 * this many bytes of each other are read as one.
 */
export const R2_REQUEST_BYTES = 16 * 1024;

/**
 * The chunk size to build an index served from R2 with (`build:index --chunk-size`): R2 sets no limit on
 * objects that would ask for small chunks (static assets do), and in larger ones more of a query's ranges lie
 * within a request's worth of each other (R2_REQUEST_BYTES), so a query makes fewer reads.
 */
export const R2_CHUNK_SIZE = 1024 * 1024;

/**
 * Chunk files in an R2 bucket under a prefix: ranged reads ask for exactly
 * the bytes a query needs; writes go chunk by chunk, and the pointer is
 * swapped with a conditional put, so readers racing a switch see the old
 * root or the new one, never a mix (see `swapPointer`).
 */
export class R2ChunkStore implements WritableStore {
  readonly ranged = true;
  readonly requestBytes = R2_REQUEST_BYTES;

  constructor(
    private readonly bucket: R2Like,
    private readonly prefix: string,
  ) {}

  async get(name: string, range?: { offset: number; length: number }): Promise<Uint8Array | null> {
    try {
      const object = await this.bucket.get(this.prefix + name, range ? { range } : undefined);
      return object ? new Uint8Array(await object.arrayBuffer()) : null;
    } catch (error) {
      // R2 failing (overloaded, unreachable) is an index that cannot be read now: a 503, not a 500.
      throw new IndexUnavailableError(`index object ${name} could not be read from R2: ${String(error)}`);
    }
  }

  /**
   * The pointer's etag now (null when there is none): a writer reads it
   * before writing a version and passes it to `swapPointer`, so a version
   * another writer published meanwhile is never overwritten.
   */
  async pointerTag(): Promise<string | null> {
    return (await this.bucket.head(this.prefix + CURRENT))?.etag ?? null;
  }

  async put(name: string, bytes: Uint8Array): Promise<void> {
    await this.bucket.put(this.prefix + name, bytes);
  }

  /**
   * Writes the pointer only if it is still what this writer last saw
   * (`expectedEtag` from `pointerTag`, null: there was none; omitted: what it
   * is just before the write); when another writer switched it in between,
   * throws PointerRaceError instead of overwriting the other's version.
   */
  async swapPointer(name: string, bytes: Uint8Array, expectedEtag?: string | null): Promise<void> {
    const key = this.prefix + name;
    const etag = expectedEtag === undefined ? (await this.bucket.head(key))?.etag : expectedEtag;
    const onlyIf = etag ? { etagMatches: etag } : { etagDoesNotMatch: '*' };
    const written = await this.bucket.put(key, bytes, { onlyIf });
    if (!written) throw new PointerRaceError(`the index pointer ${key} changed while this version was written`);
  }

  async list(): Promise<string[]> {
    const out: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.bucket.list({ prefix: this.prefix, ...(cursor ? { cursor } : {}) });
      for (const o of page.objects) out.push(o.key.slice(this.prefix.length));
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
    return out;
  }

  async remove(name: string): Promise<void> {
    await this.bucket.delete(this.prefix + name);
  }
}

/** Another writer switched the index first. */
export class PointerRaceError extends Error {
  override name = 'PointerRaceError';
}
