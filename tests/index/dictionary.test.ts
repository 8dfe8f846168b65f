import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE } from '../../src/index/codec/postings';
import { DictionaryBlock, DictionaryBlockWriter, type ListToWrite } from '../../src/index/segment/dictionary';
import { FIELD, positionalFields } from '../../src/index/segment/schema';

/** Every paragraph field with positions, as an index without stems has them: the widest entries. */
const POSITIONAL_FIELDS = new Set(positionalFields(false));

/** A seeded block of terms: shared prefixes, umlauts, a letter outside the BMP, a very long word; lists inline and external. */
function sample(seed: number) {
  let s = seed;
  const r = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
  const letters = 'abcdeäöüß𝔘';
  const word = () => Array.from({ length: 1 + Math.floor(r() * 12) }, () => [...letters][Math.floor(r() * 11)]).join('');
  const words = new Set<string>(['zug', 'zugspitze', 'zugspitzbahn', 'zu', 'x'.repeat(5000), `${'y'.repeat(3000)}ü${'y'.repeat(10)}`]);
  while (words.size < 300) words.add(word());
  const terms = [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lists = terms.map((term): ListToWrite[] =>
    [FIELD.title, FIELD.text, FIELD.stem].flatMap((field): ListToWrite[] => {
      if (r() < 0.4) return [];
      if (r() < 0.5) return [{ field, count: 1, docFreq: 1, inline: { postings: new Uint8Array([1, 2]), positions: POSITIONAL_FIELDS.has(field) ? new Uint8Array([3]) : null } }];
      const count = 1 + Math.floor(r() * 3 * BLOCK_SIZE);
      const blocks = Array.from({ length: Math.ceil(count / BLOCK_SIZE) }, (_, b) => ({
        lastDoc: (b + 1) * 1000,
        length: 1 + Math.floor(r() * 500),
        crc: Math.floor(r() * 2 ** 32),
        maxTf: 1 + Math.floor(r() * 9),
        minNorm: Math.floor(r() * 256),
        posLength: POSITIONAL_FIELDS.has(field) ? Math.floor(r() * 900) : 0,
        posCrc: Math.floor(r() * 2 ** 32),
      }));
      return [{ field, count, docFreq: count, blocks }];
    }),
  );
  return { terms, lists, r };
}

describe('a dictionary block', () => {
  it('reads back every term, and places every entry where the lists before it end, whichever entry is asked first', () => {
    for (const seed of [1, 2, 3]) {
      const { terms, lists, r } = sample(seed);
      const writer = new DictionaryBlockWriter(1234, 5678, POSITIONAL_FIELDS);
      terms.forEach((term, i) => writer.add(term, i % 3 === 0 ? term.toUpperCase() : null, lists[i]!));
      const bytes = writer.finish();
      const block = new DictionaryBlock(bytes, POSITIONAL_FIELDS);
      expect(block.terms).toEqual(terms);

      // Where each external list's blocks must start: all lists before it, in order.
      let postings = 1234;
      let positions = 5678;
      const expected = lists.map((entry) =>
        entry.map((list) => {
          const offsets = (list.blocks ?? []).map((b) => {
            const at = [postings, positions];
            postings += b.length;
            positions += b.posLength;
            return at;
          });
          return { field: list.field, offsets };
        }),
      );
      // The first lookups walk the front coding, later ones use the block's hash index: both find every term and miss absent ones.
      expect(block.indexOf('zugspitzbahnen')).toBe(-1);
      expect(block.indexOf('zugspitze')).toBe(terms.indexOf('zugspitze'));
      expect(block.indexOf('zugspitzbahnen')).toBe(-1);
      const order = terms.map((_, i) => i).sort(() => r() - 0.5);
      for (const i of order) {
        const entry = block.entry(i);
        expect(entry.term).toBe(terms[i]);
        expect(entry.display).toBe(i % 3 === 0 && terms[i]!.toUpperCase() !== terms[i] ? terms[i]!.toUpperCase() : null);
        expect(entry.lists.map((l) => ({ field: l.field, offsets: (l.blocks ?? []).map((b) => [b.offset, b.posOffset]) }))).toEqual(expected[i]);
        for (const field of [FIELD.title, FIELD.text, FIELD.stem, FIELD.part]) expect(block.hasField(i, field)).toBe(lists[i]!.some((l) => l.field === field));
        expect(block.indexOf(terms[i]!)).toBe(i);
      }
    }
  });

  it('gives each term and finds it from the front coding, before any string of the block is built', () => {
    for (const seed of [5, 6]) {
      const { terms, lists, r } = sample(seed);
      const writer = new DictionaryBlockWriter(0, 0, POSITIONAL_FIELDS);
      terms.forEach((term, i) => writer.add(term, null, lists[i]!));
      const bytes = writer.finish();
      const fresh = () => new DictionaryBlock(bytes, POSITIONAL_FIELDS);
      const order = terms.map((_, i) => i).sort(() => r() - 0.5);
      const block = fresh();
      for (const i of order) expect(block.term(i)).toBe(terms[i]);
      // Words near the terms: their prefixes, the terms extended, a letter changed; each looked up in a block not
      // asked before, so that the walk answers, not the hash index.
      const near = order.slice(0, 60).flatMap((i) => {
        const t = terms[i]!;
        return [t, t.slice(0, -1), `${t}a`, `${t.slice(0, -1)}\u0000`, `${t.slice(0, -1)}\uffff`, t.slice(0, Math.ceil(t.length / 2))];
      });
      for (const word of near) expect(fresh().indexOf(word), word.slice(0, 40)).toBe(terms.indexOf(word));
      expect(fresh().indexOf('')).toBe(terms.indexOf(''));
    }
  });

  it('keeps letters beyond the BMP whole when two terms share their first code unit', () => {
    // U+20000 and U+20001 are two code units each, the first of them the same: a shared prefix must not end between.
    const terms = ['a', 'z', '\u{20000}', '\u{20000}x', '\u{20001}', '\u{20001}\u{20002}', '\u{20002}'];
    const writer = new DictionaryBlockWriter(0, 0, POSITIONAL_FIELDS);
    for (const term of terms) writer.add(term, null, [{ field: FIELD.text, count: 1, docFreq: 1, inline: { postings: new Uint8Array([1]), positions: null } }]);
    const bytes = writer.finish();
    expect(new DictionaryBlock(bytes, POSITIONAL_FIELDS).terms).toEqual(terms);
    for (const [i, term] of terms.entries()) {
      expect(new DictionaryBlock(bytes, POSITIONAL_FIELDS).indexOf(term)).toBe(i);
      expect(new DictionaryBlock(bytes, POSITIONAL_FIELDS).term(i)).toBe(term);
    }
  });

  it('refuses a damaged entry when placing a later one', () => {
    const { terms, lists } = sample(4);
    const writer = new DictionaryBlockWriter(0, 0, POSITIONAL_FIELDS);
    terms.forEach((term, i) => writer.add(term, null, lists[i]!));
    const bytes = writer.finish();
    const block = new DictionaryBlock(bytes, POSITIONAL_FIELDS);
    // An external list's mode byte set to 7: the block's terms still read, but no entry after it can be placed.
    const damaged = lists.findIndex((entry) => entry.some((l) => l.blocks));
    const entryBytes = new DictionaryBlock(bytes, POSITIONAL_FIELDS);
    expect(entryBytes.entry(damaged).lists.length).toBeGreaterThan(0);
    const copy = bytes.slice();
    const start = (block as unknown as { starts: Uint32Array }).starts[damaged]!;
    const end = (block as unknown as { ends: Uint32Array }).ends[damaged]!;
    // The mode byte of the first list: found by scanning for the byte 1 after the flags (the term's letters and counts come first).
    const modeAt = findMode(copy, start, end, lists[damaged]!);
    copy[modeAt] = 7;
    const broken = new DictionaryBlock(copy, POSITIONAL_FIELDS);
    expect(() => broken.entry(terms.length - 1)).toThrow(/damaged/);
  });
});

/** Position of the first list's mode byte in an entry written by DictionaryBlockWriter (no stored display). */
function findMode(bytes: Uint8Array, start: number, end: number, lists: ListToWrite[]): number {
  let pos = start;
  const varint = () => {
    let v = 0;
    let scale = 1;
    for (;;) {
      const b = bytes[pos++]!;
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
      scale *= 128;
    }
  };
  varint(); // shared
  pos += varint(); // suffix
  pos++; // flags
  varint(); // count
  if (lists[0]!.field === FIELD.title) varint(); // docFreq of an article field
  if (pos >= end) throw new Error('no mode byte');
  return pos;
}
