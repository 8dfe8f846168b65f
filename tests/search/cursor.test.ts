import { describe, expect, it } from 'vitest';
import { encodeBlock } from '../../src/index/codec/postings';
import type { ListInfo } from '../../src/index/segment/dictionary';
import { FIELD } from '../../src/index/segment/schema';
import { END, fetchedInline, ListCursor } from '../../src/search/cursor';

/** An inline list of these docs, each with tf = its index + 1 and norm = 10 + its index. */
function inlineList(docs: number[]): ListInfo {
  const postings = encodeBlock(docs, docs.map((_, i) => i + 1), docs.map((_, i) => 10 + i), null, 0, docs.length, -1);
  return { field: FIELD.text, count: docs.length, docFreq: docs.length, blocks: null, inline: { postings, positions: null } };
}

const drain = (c: ListCursor) => {
  const out: Array<[number, number, number]> = [];
  for (; c.doc !== END; c.next()) out.push([c.doc, c.tf, c.norm]);
  return out;
};

describe('cursors over an inline list', () => {
  it('share its decoded block and each walk it whole, interleaved, one after another, or advanced', () => {
    const docs = [2, 3, 7, 40, 41, 99];
    const want = docs.map((d, i) => [d, i + 1, 10 + i]);
    const list = fetchedInline(inlineList(docs));
    const first = new ListCursor(list);
    expect(list.inlineDecoded).toBeDefined();
    const second = new ListCursor(list);
    // Interleaved: each keeps its own place.
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 3; i++) {
      a.push(first.doc);
      first.next();
    }
    b.push(second.doc);
    second.advance(41);
    b.push(second.doc, second.tf, second.norm);
    expect(a).toEqual([2, 3, 7]);
    expect(b).toEqual([2, 41, 5, 14]);
    expect(drain(first)).toEqual(want.slice(3));
    // Released cursors give nothing back to the pool for an inline list: the next cursor still reads it whole.
    first.release();
    second.release();
    expect(drain(new ListCursor(list))).toEqual(want);
    // A cursor over another fetch of the same list decodes its own.
    expect(drain(new ListCursor(fetchedInline(list.info)))).toEqual(want);
  });
});
