import { IndexUnavailableError, type ByteRange, type ByteSource, type IoStats } from './byte-source';
import { timedWave } from './io-wait';
import { chunkName, type ChunkStore } from './chunk-store';
import { LruCache } from './lru-cache';

export interface ChunkedSourceOptions {
  /** Chunk size the index was stored with (the root says). */
  chunkSize: number;
  /** Bytes of whole chunks kept in this process, for stores that only return whole chunks. */
  cacheBytes?: number;
  /** Ranges of one chunk closer than this are read as one range (default: what the store says a request costs). */
  coalesceGap?: number;
}

/**
 * A ByteSource over chunk files: splits each range at chunk boundaries, asks
 * the store for every piece at once (one wave), and joins the pieces. Ranged
 * stores are asked for exactly the bytes (nearby pieces of one chunk as one
 * request); whole-chunk stores are asked once per chunk, and the chunks are
 * kept in a byte-bounded cache, since neighbouring reads often share one.
 */
export class ChunkedSource implements ByteSource {
  private readonly cache: LruCache<string, Uint8Array> | null;

  constructor(
    private readonly store: ChunkStore,
    private readonly options: ChunkedSourceOptions,
  ) {
    this.cache = store.ranged ? null : new LruCache((b) => b.length, options.cacheBytes ?? 8 * 1024 * 1024);
  }

  get resident(): boolean {
    return (this.store.resident ?? false) && this.store.getSync !== undefined;
  }

  /** One range, synchronously, from a resident store (a view when it lies in one chunk). */
  readSync(range: ByteRange): Uint8Array {
    const size = this.options.chunkSize;
    const first = Math.floor(range.offset / size);
    const last = Math.floor((range.offset + Math.max(1, range.length) - 1) / size);
    const get = (n: number, offset: number, length: number) => {
      const got = this.store.getSync!(chunkName(range.file, n), { offset, length });
      if (!got || got.length < length) throw new IndexUnavailableError(`index chunk ${chunkName(range.file, n)} is missing or short`);
      return got;
    };
    if (first === last) return get(first, range.offset - first * size, range.length);
    const out = new Uint8Array(range.length);
    for (let n = first, at = 0; n <= last; n++) {
      const from = n === first ? range.offset - n * size : 0;
      const to = n === last ? range.offset + range.length - n * size : size;
      out.set(get(n, from, to - from), at);
      at += to - from;
    }
    return out;
  }

  async close(): Promise<void> {
    await this.store.close?.();
  }

  get cachedBytes(): number {
    return this.cache?.bytes ?? 0;
  }

  async read(ranges: readonly ByteRange[], io?: IoStats): Promise<Uint8Array[]> {
    const size = this.options.chunkSize;
    // Pieces per chunk: [range index, offset in range, offset in chunk, length].
    const byChunk = new Map<string, Array<[number, number, number, number]>>();
    ranges.forEach((r, i) => {
      let at = r.offset;
      const end = r.offset + r.length;
      while (at < end) {
        const n = Math.floor(at / size);
        const inChunk = at - n * size;
        const length = Math.min(end - at, size - inChunk);
        const name = chunkName(r.file, n);
        let pieces = byChunk.get(name);
        if (!pieces) byChunk.set(name, (pieces = []));
        pieces.push([i, at - r.offset, inChunk, length]);
        at += length;
      }
    });
    // A range within one chunk of a ranged store is returned as the store gave it (no copy); others are joined.
    const outputs: Uint8Array[] = ranges.map((r) => (pieceCount(r, size) === 1 && this.store.ranged ? EMPTY : new Uint8Array(r.length)));
    const requests: Array<Promise<void>> = [];
    let reads = 0;
    let bytes = 0;
    for (const [name, pieces] of byChunk) {
      if (!this.store.ranged) {
        const cached = this.cache!.get(name);
        const place = (chunk: Uint8Array) => {
          for (const [i, at, inChunk, length] of pieces) {
            if (inChunk + length > chunk.length) throw new IndexUnavailableError(`index chunk ${name} is shorter than the index says`);
            outputs[i]!.set(chunk.subarray(inChunk, inChunk + length), at);
          }
        };
        if (cached) {
          place(cached);
          continue;
        }
        reads++;
        requests.push(
          this.store.get(name).then((chunk) => {
            if (!chunk) throw new IndexUnavailableError(`index chunk ${name} is missing`);
            bytes += chunk.length;
            this.cache!.set(name, chunk);
            place(chunk);
          }),
        );
        continue;
      }
      for (const group of coalesce(pieces, this.options.coalesceGap ?? this.store.requestBytes ?? 1024)) {
        reads++;
        const from = group[0]![2];
        const to = Math.max(...group.map(([, , inChunk, length]) => inChunk + length));
        requests.push(
          this.store.get(name, { offset: from, length: to - from }).then((got) => {
            if (!got) throw new IndexUnavailableError(`index chunk ${name} is missing`);
            if (got.length < to - from) throw new IndexUnavailableError(`index chunk ${name} is shorter than the index says`);
            bytes += got.length;
            for (const [i, at, inChunk, length] of group) {
              const piece = got.subarray(inChunk - from, inChunk - from + length);
              if (outputs[i] === EMPTY) outputs[i] = piece;
              else outputs[i]!.set(piece, at);
            }
          }),
        );
      }
    }
    await timedWave(io, Promise.all(requests), reads > 0);
    if (io && reads > 0) {
      io.reads += reads;
      io.bytes += bytes;
      io.waves++;
    }
    return outputs;
  }
}

const EMPTY = new Uint8Array(0);

function pieceCount(r: ByteRange, size: number): number {
  return r.length === 0 ? 1 : Math.floor((r.offset + r.length - 1) / size) - Math.floor(r.offset / size) + 1;
}

/** Groups pieces of one chunk whose ranges lie within `gap` bytes of each other. */
function coalesce(pieces: Array<[number, number, number, number]>, gap: number): Array<Array<[number, number, number, number]>> {
  const sorted = [...pieces].sort((a, b) => a[2] - b[2]);
  const groups: Array<Array<[number, number, number, number]>> = [];
  let end = -Infinity;
  for (const piece of sorted) {
    const last = groups[groups.length - 1];
    if (last && piece[2] <= end + gap) {
      last.push(piece);
      end = Math.max(end, piece[2] + piece[3]);
    } else {
      groups.push([piece]);
      end = piece[2] + piece[3];
    }
  }
  return groups;
}
