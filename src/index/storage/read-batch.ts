import { crc32 } from '../codec/crc32';
import { IndexUnavailableError, type ByteRange, type ByteSource, type IoStats } from './byte-source';
import type { RangeCache } from './lru-cache';

interface Pending {
  range: ByteRange;
  crc: number;
  key: string;
  resolve: (bytes: Uint8Array) => void;
  reject: (error: unknown) => void;
}

/**
 * One wave of reads. Readers add what they need (each range with the CRC its
 * parent holds for it) and get a promise; `run` reads everything not already
 * cached in one go, checks every range against its CRC and settles the
 * promises. A range that does not match its CRC is a damaged or foreign file:
 * it rejects with IndexUnavailableError and is never decoded.
 */
export class ReadBatch {
  private readonly pending: Pending[] = [];
  private readonly byKey = new Map<string, Promise<Uint8Array>>();

  constructor(private readonly cache: RangeCache) {}

  get size(): number {
    return this.pending.length;
  }

  /** The bytes of a range read before and still cached, without a wave (and without a promise: a query asks for thousands of blocks). */
  cached(range: ByteRange): Uint8Array | undefined {
    return this.cache.get(range.file, range.offset, range.length);
  }

  add(range: ByteRange, crc: number): Promise<Uint8Array> {
    const got = this.take(range, crc);
    return got instanceof Uint8Array ? Promise.resolve(got) : got;
  }

  /** The bytes of a range at once when cached, else a promise settled by the next `run`. */
  take(range: ByteRange, crc: number): Uint8Array | Promise<Uint8Array> {
    const cached = this.cache.get(range.file, range.offset, range.length);
    if (cached) return cached;
    const key = keyOf(range);
    const queued = this.byKey.get(key);
    if (queued) return queued;
    const promise = new Promise<Uint8Array>((resolve, reject) => this.pending.push({ range, crc, key, resolve, reject }));
    this.byKey.set(key, promise);
    return promise;
  }

  async run(source: ByteSource, io?: IoStats): Promise<void> {
    const batch = this.pending.splice(0);
    this.byKey.clear();
    if (batch.length === 0) return;
    let results: Uint8Array[];
    try {
      results = await source.read(
        batch.map((p) => p.range),
        io,
      );
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const read = results[i]!;
      if (crc32(read) !== p.crc) {
        p.reject(new IndexUnavailableError(`index file ${p.range.file} is damaged at ${p.range.offset} (checksum mismatch)`));
        return;
      }
      // A range read together with its neighbours is a view of their common buffer: kept as it is (by
      // this cache, or by what is decoded from it), it would keep the whole buffer alive, several
      // times what the caches count. A resident source's views are of memory it holds anyway.
      const bytes = !source.resident && read.byteLength < read.buffer.byteLength ? read.slice() : read;
      this.cache.set(p.range.file, p.range.offset, bytes);
      p.resolve(bytes);
    });
  }
}

function keyOf(range: ByteRange): string {
  return `${range.file}@${range.offset}+${range.length}`;
}
