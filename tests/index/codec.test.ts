import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitWidth, pack, packedBytes, unpack } from '../../src/index/codec/bitpack';
import { ByteReader, ByteWriter, FormatError } from '../../src/index/codec/bytes';
import { crc32 } from '../../src/index/codec/crc32';
import { lengthToNorm, NORM_LENGTH } from '../../src/index/codec/norms';
import { readOccurrences, skipOccurrences, writeOccurrences, type Occurrence } from '../../src/index/codec/positions';
import { BLOCK_SIZE, decodeBlock, encodeBlock, newDecodedBlock } from '../../src/index/codec/postings';
import { runs } from '../property/arbitraries';

describe('varints and bytes', () => {
  it('round-trip every safe integer width', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(127), fc.nat(), fc.maxSafeNat())), (values) => {
        const w = new ByteWriter(1);
        for (const v of values) w.varint(v);
        const r = new ByteReader(w.finish());
        expect(values.map(() => r.varint())).toEqual(values);
        expect(r.done).toBe(true);
      }),
      runs(200),
    );
  });

  it('refuse data that ends inside a value', () => {
    const bytes = new ByteWriter().varint(300).string('Militärhilfe').finish();
    expect(() => new ByteReader(bytes.subarray(0, 1)).varint()).toThrow(FormatError);
    const r = new ByteReader(bytes.subarray(0, bytes.length - 1));
    r.varint();
    expect(() => r.string()).toThrow(FormatError);
  });
});

describe('bit packing', () => {
  it('round-trips values at the width of the largest, any width up to 31 bits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 31 }), fc.array(fc.nat(), { minLength: 1, maxLength: BLOCK_SIZE }), (w, raw) => {
        const values = raw.map((v) => (w === 0 ? 0 : v % 2 ** w));
        const width = Math.max(w, bitWidth(Math.max(...values)));
        const out = new Uint8Array(packedBytes(values.length, width) + 3);
        const end = pack(values, values.length, width, out, 3);
        expect(end).toBe(3 + packedBytes(values.length, width));
        const back = new Int32Array(values.length);
        expect(unpack(out, 3, values.length, width, back)).toBe(end);
        expect(Array.from(back)).toEqual(values);
      }),
      runs(300),
    );
  });
});

describe('norms', () => {
  it('are exact for short fields and monotone everywhere, rounding down by less than 1/8', () => {
    for (let n = 0; n < 24; n++) expect(NORM_LENGTH[lengthToNorm(n)]).toBe(n);
    let previous = -1;
    for (let n = 0; n < 70_000; n += 7) {
      const b = lengthToNorm(n);
      expect(b).toBeGreaterThanOrEqual(previous);
      previous = b;
      expect(NORM_LENGTH[b]!).toBeLessThanOrEqual(n);
      expect((n - NORM_LENGTH[b]!) / Math.max(1, n)).toBeLessThan(1 / 8);
    }
  });
});

describe('postings blocks', () => {
  it('round-trip docs, term frequencies, norms and spans', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.nat(5000), tf: fc.integer({ min: 1, max: 300 }), norm: fc.nat(255), span: fc.integer({ min: 1, max: 400 }) }), {
          minLength: 1,
          maxLength: BLOCK_SIZE,
        }),
        fc.integer({ min: -1, max: 1000 }),
        fc.boolean(),
        (postings, previous, withSpans) => {
          const docs: number[] = [];
          let d = previous;
          for (const p of postings) docs.push((d += p.gap + 1));
          const bytes = encodeBlock(docs, postings.map((p) => p.tf), postings.map((p) => p.norm), withSpans ? postings.map((p) => p.span) : null, 0, docs.length, previous);
          const block = decodeBlock(bytes, 0, docs.length, previous, withSpans, newDecodedBlock());
          expect(Array.from(block.docs.subarray(0, docs.length))).toEqual(docs);
          expect(Array.from(block.tfs.subarray(0, docs.length))).toEqual(postings.map((p) => p.tf));
          expect(Array.from(block.norms.subarray(0, docs.length))).toEqual(postings.map((p) => p.norm));
          expect(Array.from(block.spans.subarray(0, docs.length))).toEqual(withSpans ? postings.map((p) => p.span) : docs.map(() => 1));
        },
      ),
      runs(300),
    );
  });

  it('refuse docs out of order', () => {
    expect(() => encodeBlock([5, 5], [1, 1], [0, 0], null, 0, 2, -1)).toThrow(/out of order/);
  });
});

describe('positions', () => {
  it('round-trip whole words and spans within a word: from its start, to its end, inside it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.nat(50), whole: fc.boolean(), relStart: fc.nat(30), length: fc.integer({ min: 1, max: 40 }), toEnd: fc.boolean() }), { maxLength: 40 }),
        (raw) => {
          let position = 0;
          const occurrences: Occurrence[] = raw.map((o) => ({ position: (position += o.gap), whole: o.whole, relStart: o.whole ? 0 : o.relStart, length: o.length, toEnd: o.toEnd }));
          const w = new ByteWriter();
          writeOccurrences(w, occurrences);
          const back: Array<[number, number, number]> = [];
          readOccurrences(new ByteReader(w.finish()), occurrences.length, (p, rel, len) => back.push([p, rel, len]));
          // A span to the word's end that does not begin at its start gives no length: the word's span says it.
          expect(back).toEqual(occurrences.map((o) => [o.position, o.whole ? -1 : o.relStart, o.whole ? 0 : o.toEnd && o.relStart > 0 ? -1 : o.length]));
          // Skipping reads exactly as many bytes.
          const skipped = new ByteReader(w.finish());
          skipOccurrences(skipped, occurrences.length);
          expect(skipped.pos).toBe(w.finish().length);
        },
      ),
      runs(200),
    );
  });

  it('store a part at the start or the end of its word in one number fewer than one inside it', () => {
    const size = (o: Occurrence) => {
      const w = new ByteWriter();
      writeOccurrences(w, [o]);
      return w.finish().length;
    };
    const inside = size({ position: 3, whole: false, relStart: 2, length: 5 });
    expect(size({ position: 3, whole: false, relStart: 0, length: 5 })).toBe(inside - 1);
    expect(size({ position: 3, whole: false, relStart: 2, length: 5, toEnd: true })).toBe(inside - 1);
    expect(size({ position: 3, whole: true, relStart: 0, length: 5 })).toBe(inside - 2);
    // Whole words keep a gap one bit wide: a gap of 63 still fits one byte.
    expect(size({ position: 63, whole: true, relStart: 0, length: 5 })).toBe(1);
  });
});

describe('crc32', () => {
  it('is the IEEE CRC (check value of "123456789") and sees a flipped bit', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const bytes = new TextEncoder().encode('Militärhilfe für Kiew');
    const flipped = bytes.slice();
    flipped[3]! ^= 1;
    expect(crc32(flipped)).not.toBe(crc32(bytes));
  });

  it('eight bytes at a time equals the byte-at-a-time definition, at every start, end and length', () => {
    const table = Array.from({ length: 256 }, (_, n) => {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      return c;
    });
    const reference = (b: Uint8Array, start: number, end: number) => {
      let c = -1;
      for (let i = start; i < end; i++) c = table[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
      return (c ^ -1) >>> 0;
    };
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (Math.imul(i + 1, 2654435761) >>> 13) & 0xff);
    for (let start = 0; start < 12; start++) for (let end = start; end <= bytes.length; end += 1 + (end % 5)) expect(crc32(bytes, start, end)).toBe(reference(bytes, start, end));
  });
});
