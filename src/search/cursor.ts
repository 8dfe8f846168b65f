import { BLOCK_SIZE, decodeBlock, newDecodedBlock, type DecodedBlock } from '../index/codec/postings';
import type { ListInfo } from '../index/segment/dictionary';
import { isArticleField } from '../index/segment/schema';

/** Decoding buffers of released cursors (a query makes a few per list and walk). */
const blockBuffers: DecodedBlock[] = [];
const MAX_POOLED = 256;

/** Beyond the last doc of every segment. */
export const END = 0x7fffffff;

/**
 * The fetched bytes of one list in one segment: raw blocks by block number
 * (null where a block was not read: the query proved it cannot matter),
 * and their positions where read.
 */
export interface FetchedList {
  info: ListInfo;
  postings: Array<Uint8Array | null>;
  positions: Array<Uint8Array | null>;
  /** For an index in this process's memory: reads a block when first reached, instead of in a wave before. */
  resident?: { postings(b: number): Uint8Array; positions(b: number): Uint8Array };
  /** An inline list's one block, decoded by its first cursor for the others (counting and walks read it again). */
  inlineDecoded?: DecodedBlock;
}

/** The postings of block `b`: as fetched, or read now from a resident index; null when not read (not needed). */
export function postingsOf(list: FetchedList, b: number): Uint8Array | null {
  const got = list.postings[b];
  if (got || !list.resident) return got ?? null;
  return (list.postings[b] = list.resident.postings(b));
}

/** The positions of block `b` (see postingsOf). */
export function positionsOf(list: FetchedList, b: number): Uint8Array | null {
  const got = list.positions[b];
  if (got || !list.resident) return got ?? null;
  return (list.positions[b] = list.resident.positions(b));
}

export function fetchedInline(info: ListInfo): FetchedList {
  return { info, postings: [info.inline!.postings], positions: [info.inline!.positions] };
}

/**
 * Walks a list doc by doc, decoding a block only when it is reached and
 * skipping blocks by their last doc. Blocks that were not fetched count as
 * empty. For article-level lists (titles, filters) a posting stands for a
 * span of paragraphs, and the cursor visits each of them.
 */
export class ListCursor {
  doc = -1;
  /** Term frequency and norm of the current posting. */
  tf = 0;
  norm = 0;
  private block = -1;
  private i = 0;
  private spanEnd = 0;
  private decoded: DecodedBlock;
  private readonly blocks: number;
  private readonly spans: boolean;
  private released = false;

  constructor(readonly list: FetchedList) {
    // Inline lists are tiny: size their buffers to them, and decode them once for all their cursors (a query over
    // many small segments makes thousands, each an allocation). Block-sized buffers come from a pool walks give back to.
    this.decoded = list.info.blocks ? (blockBuffers.pop() ?? newDecodedBlock(BLOCK_SIZE)) : (list.inlineDecoded ?? newDecodedBlock(list.info.count));
    this.blocks = list.info.blocks ? list.info.blocks.length : 1;
    this.spans = isArticleField(list.info.field);
    this.load(0);
  }

  /** Last doc a block may hold a posting for (spans may reach further). */
  private lastDoc(b: number): number {
    const blocks = this.list.info.blocks;
    return blocks ? blocks[b]!.lastDoc : END - 1;
  }

  private load(from: number): void {
    for (let b = from; b < this.blocks; b++) {
      const raw = postingsOf(this.list, b);
      if (!raw) continue;
      const info = this.list.info;
      const count = info.blocks ? Math.min(BLOCK_SIZE, info.count - b * BLOCK_SIZE) : info.count;
      const previous = b === 0 || !info.blocks ? -1 : info.blocks[b - 1]!.lastDoc;
      if (this.decoded !== this.list.inlineDecoded) decodeBlock(raw, 0, count, previous, this.spans, this.decoded);
      if (!info.blocks) this.list.inlineDecoded = this.decoded;
      this.block = b;
      this.i = 0;
      this.enter();
      return;
    }
    this.block = this.blocks;
    this.doc = END;
  }

  private enter(): void {
    const d = this.decoded;
    this.doc = d.docs[this.i]!;
    this.tf = d.tfs[this.i]!;
    this.norm = d.norms[this.i]!;
    this.spanEnd = this.doc + d.spans[this.i]!;
  }

  next(): void {
    if (this.doc === END) return;
    if (this.spans && this.doc + 1 < this.spanEnd) {
      this.doc++;
      return;
    }
    if (++this.i < this.decoded.count) this.enter();
    else this.load(this.block + 1);
  }

  /** Moves to the first doc ≥ target. */
  advance(target: number): void {
    if (this.doc >= target) return;
    if (this.spans && target < this.spanEnd) {
      this.doc = target;
      return;
    }
    // Skip whole blocks that end before the target; for spans, the last posting of the block before may still cover it.
    let b = this.block;
    while (b + 1 < this.blocks && this.lastDoc(b) < target) b++;
    if (this.spans && b > this.block) b--;
    if (b !== this.block) this.load(b);
    const d = this.decoded;
    while (this.doc !== END) {
      // Postings within a block are sorted and gaps are small: a scan beats a search.
      for (let i = this.i; i < d.count; i++) {
        if (d.docs[i]! + (this.spans ? d.spans[i]! : 1) > target) {
          this.i = i;
          this.enter();
          if (this.doc < target) this.doc = target;
          return;
        }
      }
      this.load(this.block + 1);
    }
  }

  /**
   * Gives the cursor's buffer back for the next cursor; the cursor is done (at END). A walk releases the
   * cursors it made when it ends; a cursor never released is simply collected.
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.doc = END;
    this.block = this.blocks;
    if (this.list.info.blocks && blockBuffers.length < MAX_POOLED) blockBuffers.push(this.decoded);
  }

  /** The block and index of the current posting (for its positions). */
  get position(): { block: number; index: number } {
    return { block: this.block, index: this.i };
  }

  /** Raw positions of the current block, when fetched. */
  get blockPositions(): Uint8Array | null {
    return this.block < this.blocks ? positionsOf(this.list, this.block) : null;
  }

  /** Term frequencies of the current block (to skip earlier postings' positions). */
  get blockTfs(): Int32Array {
    return this.decoded.tfs;
  }
}
