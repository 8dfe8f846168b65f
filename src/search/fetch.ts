import type { IndexReader } from '../index/index-reader';
import type { ListInfo } from '../index/segment/dictionary';
import type { SegmentReader } from '../index/segment/reader';
import type { ReadBatch } from '../index/storage/read-batch';
import { fetchedInline, type FetchedList } from './cursor';

/**
 * Requests blocks of a list in a batch and returns the list as the walk sees
 * it once the batch has run: the blocks asked for, with their positions when
 * asked; every other block counts as empty. Inline lists need no read.
 */
export function requestList(
  segment: SegmentReader,
  batch: ReadBatch,
  info: ListInfo,
  blocks: Iterable<number> | 'all',
  withPositions: boolean,
): Promise<FetchedList> {
  if (!info.blocks) return Promise.resolve(fetchedInline(info));
  const n = info.blocks.length;
  const postings: Array<Uint8Array | null> = new Array(n).fill(null);
  const positions: Array<Uint8Array | null> = new Array(n).fill(null);
  const wanted = blocks === 'all' ? range(n) : [...blocks];
  const positional = withPositions && segment.positional.has(info.field);
  const file = `${segment.meta.id}/`;
  const reads = wanted.map((b) => {
    const blk = info.blocks![b]!;
    const p = batch.add({ file: file + 'postings', offset: blk.offset, length: blk.length }, blk.crc).then((bytes) => {
      postings[b] = bytes;
    });
    if (!positional) return p;
    const q = batch.add({ file: file + 'positions', offset: blk.posOffset, length: blk.posLength }, blk.posCrc).then((bytes) => {
      positions[b] = bytes;
    });
    return Promise.all([p, q]);
  });
  return Promise.all(reads).then(() => ({ info, postings, positions }));
}

/** Adds positions of the given blocks to a fetched list (for highlights and proximity of the docs shown). */
export function requestPositions(segment: SegmentReader, batch: ReadBatch, list: FetchedList, blocks: Iterable<number>): Promise<FetchedList> {
  const info = list.info;
  if (!info.blocks || !segment.positional.has(info.field)) return Promise.resolve(list);
  const file = `${segment.meta.id}/`;
  const reads: Array<Promise<void>> = [];
  for (const b of blocks) {
    const blk = info.blocks[b]!;
    if (!list.postings[b]) {
      reads.push(
        batch.add({ file: file + 'postings', offset: blk.offset, length: blk.length }, blk.crc).then((bytes) => {
          list.postings[b] = bytes;
        }),
      );
    }
    if (!list.positions[b]) {
      reads.push(
        batch.add({ file: file + 'positions', offset: blk.posOffset, length: blk.posLength }, blk.posCrc).then((bytes) => {
          list.positions[b] = bytes;
        }),
      );
    }
  }
  return Promise.all(reads).then(() => list);
}

/** The block of a list that would hold `doc`. */
export function blockOfDoc(info: ListInfo, doc: number): number {
  if (!info.blocks) return 0;
  let lo = 0;
  let hi = info.blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (info.blocks[mid]!.lastDoc < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export type { IndexReader };

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
