import { INDEX_FORMAT_VERSION } from '../../src/index/schema';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build';
import { IndexLoadError, loadIndex, serializeIndex } from '../../src/index/serialize';
import { search } from '../../src/search';
import { article } from '../fixtures';

const built = buildIndex([article('a', ['Die NATO will ausreichend Militärhilfe an Kiew senden.', 'Brüssel, Außenminister.'])]);
const bytes = serializeIndex(built);

describe('serialized index', () => {
  it('round-trips: the loaded index answers like the built one', () => {
    const loaded = loadIndex(bytes);
    expect(loaded.meta).toEqual(built.meta);
    for (const q of ['Militärhilfe', 'Aussenminister', 'milit']) expect(search(loaded, q).results).toEqual(search(built, q).results);
  });

  it('loads from an unaligned copy of the bytes', () => {
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    expect(search(loadIndex(shifted), 'Kiew').total).toBe(1);
  });

  it.each([
    ['empty', new Uint8Array(0), /empty/],
    ['truncated', bytes.subarray(0, bytes.length - 100), /truncated/],
    ['not an index', new TextEncoder().encode('{"hello": "world"}'), /not an index file/],
    ['corrupted', (() => { const b = bytes.slice(); b[b.length - 20]! ^= 0xff; return b; })(), /corrupted/],
  ])('refuses a %s file with a message that says what to do', (_, input, reason) => {
    expect(() => loadIndex(input)).toThrow(IndexLoadError);
    expect(() => loadIndex(input)).toThrow(reason);
    expect(() => loadIndex(input)).toThrow(/npm run build:index/);
  });

  it('refuses another format version', () => {
    const text = new TextDecoder('latin1').decode(bytes);
    const patched = text.replace(`"version":${INDEX_FORMAT_VERSION}`, '"version":9');
    const out = Uint8Array.from(patched, (c) => c.charCodeAt(0));
    expect(() => loadIndex(out)).toThrow(/format version 9/);
  });
});

describe('titles', () => {
  it('stores no title that merely repeats the lead, and derives it when shown', () => {
    const lead = 'Die NATO sagt Kiew Hilfe zu. Mehr folgt.';
    const index = loadIndex(serializeIndex(buildIndex([article('x', [lead], { title: 'Die NATO sagt Kiew Hilfe zu.' })])));
    expect(index.articles[0]!.title).toBeNull();
    expect(search(index, 'Kiew').results[0]!.title).toBe('Die NATO sagt Kiew Hilfe zu.');
  });
});
