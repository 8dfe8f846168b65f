import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitWidth, columnBytes, pack, packColumn, packedBytes, PATCHED, planColumn, unpack, unpackColumn } from '../../src/index/codec/bitpack';
import { ByteReader, ByteWriter, FormatError } from '../../src/index/codec/bytes';
import { crc32 } from '../../src/index/codec/crc32';
import { lengthToNorm, NORM_LENGTH } from '../../src/index/codec/norms';
import { readOccurrences, skipOccurrences, spanKind, writeOccurrence } from '../../src/index/codec/positions';
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

/** Mostly small values with rare outliers up to 31 bits, all of one width, or all equal: what a column meets. */
const column = fc.oneof(
  fc.array(fc.oneof({ weight: 20, arbitrary: fc.nat(7) }, { weight: 1, arbitrary: fc.nat(2 ** 31 - 1) }), { minLength: 1, maxLength: BLOCK_SIZE }),
  fc.array(fc.oneof({ weight: 10, arbitrary: fc.nat(300) }, { weight: 1, arbitrary: fc.integer({ min: 2 ** 16, max: 2 ** 24 }) }), { minLength: 1, maxLength: BLOCK_SIZE }),
  fc.tuple(fc.integer({ min: 1, max: BLOCK_SIZE }), fc.oneof(fc.constant(0), fc.nat(2 ** 31 - 1))).map(([n, v]) => new Array<number>(n).fill(v)),
  fc.array(fc.nat(2 ** 31 - 1), { minLength: 1, maxLength: BLOCK_SIZE }),
);

describe('patched columns', () => {
  it('round-trip any column, at any offset, taking the bytes they said they would', () => {
    fc.assert(
      fc.property(column, fc.nat(5), (values, offset) => {
        const n = values.length;
        const header = planColumn(values, n);
        const size = columnBytes(values, n, header);
        const out = new Uint8Array(offset + size);
        expect(packColumn(values, n, header, out, offset)).toBe(offset + size);
        const back = new Int32Array(n);
        expect(unpackColumn(out, offset, n, header, back)).toBe(offset + size);
        expect(Array.from(back)).toEqual(values);
      }),
      runs(400),
    );
  });

  it('are never larger than packing at the widest value, and patch only when that saves bytes', () => {
    fc.assert(
      fc.property(column, (values) => {
        const n = values.length;
        const header = planColumn(values, n);
        const plain = packedBytes(n, bitWidth(Math.max(...values)));
        expect(columnBytes(values, n, header)).toBeLessThanOrEqual(plain);
        if (header & PATCHED) expect(columnBytes(values, n, header)).toBeLessThan(plain);
        else expect(header).toBe(bitWidth(Math.max(...values)));
      }),
      runs(400),
    );
  });

  it('need no exceptions when all values are equal, and no bytes at all when all are 0', () => {
    expect(planColumn([0, 0, 0], 3)).toBe(0);
    expect(columnBytes([0, 0, 0], 3, 0)).toBe(0);
    const equal = new Array<number>(BLOCK_SIZE).fill(2 ** 30 + 5);
    expect(planColumn(equal, BLOCK_SIZE)).toBe(31);
  });

  it('patch one huge gap among small ones instead of widening them all', () => {
    const values = Array.from({ length: BLOCK_SIZE }, (_, i) => (i === 77 ? 2 ** 31 - 1 : i % 4));
    const header = planColumn(values, BLOCK_SIZE);
    expect(header & PATCHED).toBe(PATCHED);
    expect(header & ~PATCHED).toBe(2);
    // 2 bits for each value, then the count, the index and the high 29 bits as a varint.
    expect(columnBytes(values, BLOCK_SIZE, header)).toBe(packedBytes(BLOCK_SIZE, 2) + 1 + 1 + 5);
  });

  it('refuse exceptions that point past the column, count none or are cut short', () => {
    const values = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 900];
    const n = values.length;
    const header = planColumn(values, n);
    expect(header & PATCHED).toBe(PATCHED);
    const good = new Uint8Array(columnBytes(values, n, header));
    const end = packColumn(values, n, header, good, 0);
    const countAt = packedBytes(n, header & ~PATCHED);
    const back = new Int32Array(n);
    expect(good[countAt]).toBe(1);
    const noneCounted = good.slice();
    noneCounted[countAt] = 0;
    expect(() => unpackColumn(noneCounted, 0, n, header, back)).toThrow(FormatError);
    const pastTheEnd = good.slice();
    pastTheEnd[countAt + 1] = n;
    expect(() => unpackColumn(pastTheEnd, 0, n, header, back)).toThrow(FormatError);
    const tooMany = good.slice();
    tooMany[countAt] = n + 1;
    expect(() => unpackColumn(tooMany, 0, n, header, back)).toThrow(FormatError);
    for (let cut = countAt; cut < end; cut++) expect(() => unpackColumn(good.subarray(0, cut), 0, n, header, back)).toThrow(FormatError);
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

  it('round-trip lists with outlying gaps, tfs and spans, in full and short last blocks', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            gap: fc.oneof({ weight: 30, arbitrary: fc.nat(3) }, { weight: 1, arbitrary: fc.nat(2 ** 24) }),
            tf: fc.oneof({ weight: 30, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 5000 }) }),
            norm: fc.oneof({ weight: 30, arbitrary: fc.integer({ min: 40, max: 44 }) }, { weight: 1, arbitrary: fc.nat(255) }),
            span: fc.oneof({ weight: 30, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 100_000 }) }),
          }),
          { minLength: 1, maxLength: 3 * BLOCK_SIZE + 20 },
        ),
        fc.boolean(),
        (postings, withSpans) => {
          const docs: number[] = [];
          let d = -1;
          for (const p of postings) docs.push((d += p.gap + 1));
          const tfs = postings.map((p) => p.tf);
          const norms = postings.map((p) => p.norm);
          const spans = withSpans ? postings.map((p) => p.span) : null;
          const block = newDecodedBlock();
          for (let from = 0; from < docs.length; from += BLOCK_SIZE) {
            const to = Math.min(docs.length, from + BLOCK_SIZE);
            const previous = from === 0 ? -1 : docs[from - 1]!;
            const bytes = encodeBlock(docs, tfs, norms, spans, from, to, previous);
            decodeBlock(bytes, 0, to - from, previous, withSpans, block);
            expect(Array.from(block.docs.subarray(0, to - from))).toEqual(docs.slice(from, to));
            expect(Array.from(block.tfs.subarray(0, to - from))).toEqual(tfs.slice(from, to));
            expect(Array.from(block.norms.subarray(0, to - from))).toEqual(norms.slice(from, to));
            expect(Array.from(block.spans.subarray(0, to - from))).toEqual(spans ? spans.slice(from, to) : docs.slice(from, to).map(() => 1));
          }
        },
      ),
      runs(200),
    );
  });

  it('with an outlying gap are smaller than packing every column at its widest', () => {
    const docs: number[] = [];
    for (let i = 0, d = -1; i < BLOCK_SIZE; i++) docs.push((d += i === 64 ? 5_000_000 : 1 + (i % 3)));
    const tfs = docs.map((_, i) => (i === 10 ? 400 : 1 + (i % 2)));
    const norms = docs.map((_, i) => 100 + (i % 4));
    const bytes = encodeBlock(docs, tfs, norms, null, 0, BLOCK_SIZE, -1);
    let prev = -1;
    const gaps = docs.map((d) => {
      const gap = d - prev - 1;
      prev = d;
      return gap;
    });
    const widest = 4 + packedBytes(BLOCK_SIZE, bitWidth(Math.max(...gaps))) + packedBytes(BLOCK_SIZE, bitWidth(399)) + packedBytes(BLOCK_SIZE, bitWidth(3));
    expect(bytes.length).toBeLessThan(widest);
    expect(bytes[0]! & PATCHED).toBe(PATCHED);
    expect(bytes[1]! & PATCHED).toBe(PATCHED);
    expect(bytes[3]).toBe(2);
    expect(Array.from(decodeBlock(bytes, 0, BLOCK_SIZE, -1, false, newDecodedBlock()).docs)).toEqual(docs);
  });

  it('refuse a block cut short anywhere', () => {
    const docs = Array.from({ length: 40 }, (_, i) => (i >= 20 ? 1_000_000 : 0) + i * 3);
    const bytes = encodeBlock(docs, docs.map((_, i) => (i === 5 ? 90 : 1)), docs.map(() => 7), docs.map((_, i) => (i === 30 ? 3000 : 1)), 0, docs.length, -1);
    expect(bytes[0]! & PATCHED).toBe(PATCHED);
    for (let cut = 0; cut < bytes.length; cut++) {
      expect(() => decodeBlock(bytes.subarray(0, cut), 0, docs.length, -1, true, newDecodedBlock())).toThrow(FormatError);
    }
  });

  it('refuse docs out of order', () => {
    expect(() => encodeBlock([5, 5], [1, 1], [0, 0], null, 0, 2, -1)).toThrow(/out of order/);
  });
});

describe('positions', () => {
  /** An occurrence: a whole word (relStart 0 to its end), or a span from, to the end of, or inside its word. */
  type Occurrence = { position: number; relStart: number; length: number; toEnd: boolean };
  const write = (w: ByteWriter, occurrences: readonly Occurrence[]) => {
    let previous = 0;
    for (const o of occurrences) {
      writeOccurrence(w, o.position - previous, spanKind(o.relStart, o.toEnd), o.relStart, o.length);
      previous = o.position;
    }
  };

  it('round-trip whole words and spans within a word: from its start, to its end, inside it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.nat(50), relStart: fc.oneof(fc.constant(0), fc.nat(30)), length: fc.integer({ min: 1, max: 40 }), toEnd: fc.boolean() }), { maxLength: 40 }),
        (raw) => {
          let position = 0;
          const occurrences: Occurrence[] = raw.map((o) => ({ position: (position += o.gap), relStart: o.relStart, length: o.length, toEnd: o.toEnd }));
          const w = new ByteWriter();
          write(w, occurrences);
          const back: Array<[number, number, number]> = [];
          readOccurrences(new ByteReader(w.finish()), occurrences.length, (p, rel, len) => back.push([p, rel, len]));
          // A span from the word's start to its end is the whole word (relStart -1); one to the word's end gives no
          // length (-1): the word's span says it.
          const whole = (o: Occurrence) => o.relStart === 0 && o.toEnd;
          expect(back).toEqual(occurrences.map((o) => [o.position, whole(o) ? -1 : o.relStart, whole(o) ? 0 : o.toEnd ? -1 : o.length]));
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
      write(w, [o]);
      return w.finish().length;
    };
    const inside = size({ position: 3, relStart: 2, length: 5, toEnd: false });
    expect(size({ position: 3, relStart: 0, length: 5, toEnd: false })).toBe(inside - 1);
    expect(size({ position: 3, relStart: 2, length: 5, toEnd: true })).toBe(inside - 1);
    expect(size({ position: 3, relStart: 0, length: 5, toEnd: true })).toBe(inside - 2);
    // Whole words keep a gap one bit wide: a gap of 63 still fits one byte.
    expect(size({ position: 63, relStart: 0, length: 5, toEnd: true })).toBe(1);
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

  it('eight bytes at a time, and zlib for long ranges, equal the byte-at-a-time definition, at every start, end and length', () => {
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
    const bytes = Uint8Array.from({ length: 1300 }, (_, i) => (Math.imul(i + 1, 2654435761) >>> 13) & 0xff);
    for (let start = 0; start < 12; start++) for (let end = start; end <= bytes.length; end += 1 + (end % 5)) expect(crc32(bytes, start, end)).toBe(reference(bytes, start, end));
  });
});
