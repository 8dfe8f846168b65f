import { ByteReader, ByteWriter, FormatError } from '../codec/bytes';

/**
 * Docs deleted from an immutable segment (an article withdrawn, replaced or
 * expired) until a merge drops them: stored as a sorted list of doc ids
 * (varint gaps), kept in memory as a bitset the walk checks per doc.
 */
export class Deletions {
  private constructor(
    private readonly bits: Uint8Array,
    readonly count: number,
  ) {}

  static of(docs: Iterable<number>, docCount: number): Deletions {
    const bits = new Uint8Array(Math.ceil(docCount / 8));
    let count = 0;
    for (const d of docs) {
      if (d < 0 || d >= docCount) throw new RangeError(`doc ${d} is not in the segment`);
      if (!(bits[d >>> 3]! & (1 << (d & 7)))) count++;
      bits[d >>> 3]! |= 1 << (d & 7);
    }
    return new Deletions(bits, count);
  }

  static decode(bytes: Uint8Array, docCount: number): Deletions {
    const r = new ByteReader(bytes);
    const n = r.varint();
    const docs: number[] = [];
    let d = -1;
    for (let i = 0; i < n; i++) {
      d += r.varint() + 1;
      if (d >= docCount) throw new FormatError('deletions name a doc the segment does not have');
      docs.push(d);
    }
    if (!r.done) throw new FormatError('deletions have trailing bytes');
    return Deletions.of(docs, docCount);
  }

  has(doc: number): boolean {
    return (this.bits[doc >>> 3]! & (1 << (doc & 7))) !== 0;
  }

  /** These deletions and some more. */
  with(docs: Iterable<number>): Deletions {
    const all = [...this.docs(), ...docs];
    return Deletions.of(all, this.bits.length * 8);
  }

  *docs(): IterableIterator<number> {
    for (let i = 0; i < this.bits.length; i++) {
      const byte = this.bits[i]!;
      if (byte) for (let b = 0; b < 8; b++) if (byte & (1 << b)) yield i * 8 + b;
    }
  }

  encode(): Uint8Array {
    const w = new ByteWriter(this.count * 2 + 8);
    w.varint(this.count);
    let previous = -1;
    for (const d of this.docs()) {
      w.varint(d - previous - 1);
      previous = d;
    }
    return w.finish();
  }
}
