import { describe, expect, it } from 'vitest';
import type { BlockInfo, ListInfo } from '../../src/index/segment/dictionary';
import { FIELD } from '../../src/index/segment/schema';
import { walkOrder, type ScoredList } from '../../src/search/top-k';

/** A list as walkOrder sees it: its bound, how many paragraphs it covers, and which of its blocks were read. */
function list(id: number, bound: number, docFreq: number, blocks: number, read = blocks): ScoredList {
  const info: ListInfo = {
    field: FIELD.text,
    count: docFreq,
    docFreq,
    blocks: blocks === 0 ? null : Array.from({ length: blocks }, () => ({}) as BlockInfo),
    inline: blocks === 0 ? { postings: new Uint8Array(1), positions: null } : null,
  };
  const postings = blocks === 0 ? [new Uint8Array(1)] : Array.from({ length: blocks }, (_, b) => (b < read ? new Uint8Array(1) : null));
  return {
    id,
    clause: 0,
    fetched: { info, postings, positions: [] },
    scale: 1,
    lengthFactor: new Float64Array(256),
    bound,
    blockBounds: new Float64Array(Math.max(1, blocks)).fill(bound),
  };
}

describe('the order a walk takes its lists in', () => {
  it('puts first a long list that adds little per posting, before short lists with lower bounds', () => {
    // A common word (bound 11 over 20,000 paragraphs) beside ten typo candidates (bound 6 over 50 each): by bound
    // alone the common word would be last, so essential until the k-th score passes the candidates' summed bounds.
    const common = list(0, 11, 20_000, 157);
    const candidates = Array.from({ length: 10 }, (_, i) => list(i + 1, 6 + i / 100, 50, 0));
    const { lists, sumRank } = walkOrder([...candidates, common]);
    expect(lists[0]).toBe(common);
    expect(lists.slice(1).map((l) => l.id)).toEqual(candidates.map((l) => l.id));
    // Contributions are still summed by bound: the common word's last.
    expect(sumRank[0]).toBe(10);
    expect([...sumRank.slice(1)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('counts only the blocks read: a long list mostly left unread costs what its read blocks hold', () => {
    // 100 blocks over 12,800 paragraphs, 2 read: 256 postings to visit, 6/256 per posting against 2/1,000.
    const mostlyUnread = list(0, 6, 12_800, 100, 2);
    const readWhole = list(1, 2, 1_000, 8);
    expect(walkOrder([mostlyUnread, readWhole]).lists.map((l) => l.id)).toEqual([1, 0]);
    // Read whole, the same list would come first.
    expect(walkOrder([list(0, 6, 12_800, 100), readWhole]).lists.map((l) => l.id)).toEqual([0, 1]);
  });

  it('orders lists of equal bound and cost by bound rank, as given', () => {
    const a = list(0, 5, 100, 1);
    const b = list(1, 5, 100, 1);
    const { lists, sumRank } = walkOrder([a, b]);
    expect(lists).toEqual([a, b]);
    expect([...sumRank]).toEqual([0, 1]);
  });
});
