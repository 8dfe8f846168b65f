import type { ListInfo } from '../index/segment/dictionary';
import type { SegmentReader } from '../index/segment/reader';
import type { ReadBatch } from '../index/storage/read-batch';
import { crc32 } from '../index/codec/crc32';
import { IndexUnavailableError, type ByteRange, type ByteSource } from '../index/storage/byte-source';
import { fetchedInline, type FetchedList } from './cursor';

/**
 * A list with nothing read yet (inline lists come whole with the dictionary).
 * On a resident index it reads its blocks when the walk reaches them, each
 * checked against its CRC the first time.
 */
export function unfetched(info: ListInfo, segment?: SegmentReader, source?: ByteSource): FetchedList {
  if (!info.blocks) return fetchedInline(info);
  const n = info.blocks.length;
  const list: FetchedList = { info, postings: new Array(n).fill(null), positions: new Array(n).fill(null) };
  if (segment && source?.resident && source.readSync) {
    const read = source.readSync.bind(source);
    const postingsFile = segment.file('postings');
    const positionsFile = segment.file('positions');
    const blocks = info.blocks;
    list.resident = {
      postings: (b) => {
        const blk = blocks[b]!;
        const bytes = read({ file: postingsFile, offset: blk.offset, length: blk.length });
        if (!((blk.verified ?? 0) & 1)) {
          if (crc32(bytes) !== blk.crc) throw new IndexUnavailableError(`index file ${postingsFile} is damaged at ${blk.offset} (checksum mismatch)`);
          blk.verified = (blk.verified ?? 0) | 1;
        }
        return bytes;
      },
      positions: (b) => {
        const blk = blocks[b]!;
        const bytes = read({ file: positionsFile, offset: blk.posOffset, length: blk.posLength });
        if (!((blk.verified ?? 0) & 2)) {
          if (crc32(bytes) !== blk.posCrc) throw new IndexUnavailableError(`index file ${positionsFile} is damaged at ${blk.posOffset} (checksum mismatch)`);
          blk.verified = (blk.verified ?? 0) | 2;
        }
        return bytes;
      },
    };
  }
  return list;
}

/**
 * Requests blocks of a list in a batch (their positions too, when asked and
 * the field has them); the list fills in as the batch runs. Blocks already
 * read are not asked for again; blocks still cached fill in at once.
 * Returns how many blocks (or their positions) were new to the list.
 */
export function requestBlocks(
  segment: SegmentReader,
  batch: ReadBatch,
  list: FetchedList,
  blocks: Iterable<number> | 'all',
  withPositions: boolean,
  pending: Array<Promise<unknown>>,
): number {
  const info = list.info;
  if (!info.blocks) return 0;
  const positional = withPositions && segment.positional.has(info.field);
  const postingsFile = segment.file('postings');
  const positionsFile = segment.file('positions');
  let added = 0;
  const wanted = blocks === 'all' ? info.blocks.keys() : blocks;
  const requested = (info.requested ??= new Uint32Array((info.blocks.length + 31) >>> 5));
  for (const b of wanted) {
    const blk = info.blocks[b]!;
    requested[b >>> 5]! |= 1 << (b & 31);
    if (!list.postings[b]) {
      added++;
      fill(list.postings, b, batch.take(postingsRange(postingsFile, blk), blk.crc), pending);
    }
    if (positional && !list.positions[b]) {
      added++;
      fill(list.positions, b, batch.take(positionsRange(positionsFile, blk), blk.posCrc), pending);
    }
  }
  return added;
}

/** Puts a block's bytes in place now, or once its read settles (a function of the module: requestBlocks runs per list and wave). */
function fill(into: Array<Uint8Array | null>, b: number, got: Uint8Array | Promise<Uint8Array>, pending: Array<Promise<unknown>>): void {
  if (got instanceof Uint8Array) into[b] = got;
  else pending.push(got.then((bytes) => (into[b] = bytes)));
}

/**
 * Fills in every block of a list still cached from earlier queries (with its
 * positions when asked), at no read: the first walk then sees more of the
 * list, and a query asked again needs no second wave and no second walk.
 */
export function takeCached(segment: SegmentReader, batch: ReadBatch, list: FetchedList, withPositions: boolean): void {
  const info = list.info;
  // Only blocks asked for before can be cached: a common word's list is thousands of blocks, few of them ever read.
  const requested = info.requested;
  if (!info.blocks || !requested) return;
  const positional = withPositions && segment.positional.has(info.field);
  const postingsFile = segment.file('postings');
  const positionsFile = segment.file('positions');
  for (let w = 0; w < requested.length; w++) {
    for (let bits = requested[w]!; bits !== 0; bits &= bits - 1) {
      const b = (w << 5) | (31 - Math.clz32(bits & -bits));
      if (list.postings[b] && (!positional || list.positions[b])) continue;
      const blk = info.blocks[b]!;
      const postings = list.postings[b] ?? batch.cached(postingsRange(postingsFile, blk));
      if (!postings) continue;
      if (positional) {
        const positions = list.positions[b] ?? batch.cached(positionsRange(positionsFile, blk));
        // A block counts only whole: its postings without the positions a phrase needs would be read again anyway.
        if (!positions) continue;
        list.positions[b] = positions;
      }
      list.postings[b] = postings;
    }
  }
}

type BlockInfo = NonNullable<ListInfo['blocks']>[number];

function postingsRange(file: string, blk: BlockInfo): ByteRange {
  return { file, offset: blk.offset, length: blk.length };
}

function positionsRange(file: string, blk: BlockInfo): ByteRange {
  return { file, offset: blk.posOffset, length: blk.posLength };
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

/** First and last doc block `b` of a list may hold. */
export function blockSpan(info: ListInfo, b: number): [number, number] {
  if (!info.blocks) return [0, 0x7ffffffe];
  return [b === 0 ? 0 : info.blocks[b - 1]!.lastDoc + 1, info.blocks[b]!.lastDoc];
}
