import { dictionaryBlockCost, type IndexReader } from '../index/index-reader';
import type { DictionaryBlock, TermEntry } from '../index/segment/dictionary';
import type { ReadBatch } from '../index/storage/read-batch';
import { FUZZY, PREFIX } from './scoring';
import { lowerBound } from './sorted-terms';

/**
 * The terms of a root's smallest segments in one sorted table, each with the
 * segments that hold it and where. Live updates add a small segment per
 * flush, and a query planned segment by segment looks every word up, and
 * scans for its typos and prefix, in each of them: with a hundred fresh
 * segments that planning cost more than the rest of the query. With the
 * table, a word is looked up once (a hash probe) and yields the segments
 * holding it, and a typo or prefix scan walks the distinct terms once.
 *
 * Planning with the table finds exactly what planning segment by segment
 * finds: a segment is covered only when its whole dictionary is within
 * the blocks a prefix or typo scan may read (PREFIX.maxBlocks,
 * FUZZY.maxBlocks), so no scan of it would have stopped short.
 *
 * The table keeps the dictionary blocks of the segments it covers (an
 * entry is decoded from its block when a query asks for it), and is
 * bounded by the reader's `termTableBytes`: the smallest segments are
 * covered first, those that do not fit are planned on their own as before.
 */
export class TermTable {
  /** The distinct terms of the covered segments, in dictionary order (JavaScript string order). */
  readonly terms: string[];
  /** Estimated heap bytes held (blocks as the dictionary cache counts them, and the table). */
  readonly cost: number;
  private readonly covered: Uint8Array;
  private readonly positions: Map<string, number>;
  /** Holders of term `t`: `from[t]` to `from[t + 1]` in the arrays below, in segment order. */
  private readonly from: Uint32Array;
  private readonly segmentOf: Uint32Array;
  private readonly blockOf: DictionaryBlock[];
  private readonly entryOf: Uint32Array;

  /** `blocks[k]`: the whole dictionary of segment `segments[k]` (segments ascending), block by block. */
  constructor(segmentCount: number, segments: readonly number[], blocks: ReadonlyArray<readonly DictionaryBlock[]>) {
    this.covered = new Uint8Array(segmentCount);
    let holders = 0;
    let cost = 0;
    for (const [k, s] of segments.entries()) {
      if (k > 0 && s <= segments[k - 1]!) throw new Error('segments must ascend');
      this.covered[s] = 1;
      for (const block of blocks[k]!) {
        holders += block.count;
        cost += dictionaryBlockCost(block);
      }
    }
    // Each segment's terms are sorted: the concatenation is a few long runs, which the sort merges.
    const all = new Array<string>(holders);
    let n = 0;
    for (const list of blocks) for (const block of list) for (const t of block.terms) all[n++] = t;
    all.sort();
    let distinct = 0;
    for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[distinct - 1]) all[distinct++] = all[i]!;
    all.length = distinct;
    this.terms = all;
    this.positions = new Map();
    for (let t = 0; t < distinct; t++) this.positions.set(all[t]!, t);
    const from = new Uint32Array(distinct + 1);
    for (const list of blocks) for (const block of list) for (const t of block.terms) from[this.positions.get(t)! + 1]!++;
    for (let t = 0; t < distinct; t++) from[t + 1]! += from[t]!;
    this.from = from;
    this.segmentOf = new Uint32Array(holders);
    this.blockOf = new Array<DictionaryBlock>(holders);
    this.entryOf = new Uint32Array(holders);
    const next = from.slice(0, distinct);
    for (const [k, s] of segments.entries()) {
      for (const block of blocks[k]!) {
        for (let i = 0; i < block.terms.length; i++) {
          const at = next[this.positions.get(block.terms[i]!)!]!++;
          this.segmentOf[at] = s;
          this.blockOf[at] = block;
          this.entryOf[at] = i;
        }
      }
    }
    this.cost = cost + distinct * TABLE_COST.perTerm + holders * TABLE_COST.perHolder;
  }

  /** Whether segment `s` (of index.segments) is covered: its terms are found here, not in its own dictionary. */
  covers(s: number): boolean {
    return this.covered[s] === 1;
  }

  /** The number of `term` in `terms`, or -1. */
  find(term: string): number {
    return this.positions.get(term) ?? -1;
  }

  /** The numbers of the terms that start with `prefix`: [from, to). */
  prefixRange(prefix: string): [number, number] {
    const from = lowerBound(this.terms, prefix);
    let to = from;
    while (to < this.terms.length && this.terms[to]!.startsWith(prefix)) to++;
    return [from, to];
  }

  /** Calls `visit` for each segment holding term number `t`, in segment order, with its block and the entry's place in it. */
  forEachHolder(t: number, visit: (segment: number, block: DictionaryBlock, i: number) => void): void {
    for (let h = this.from[t]!; h < this.from[t + 1]!; h++) visit(this.segmentOf[h]!, this.blockOf[h]!, this.entryOf[h]!);
  }

  /** Sets `entries[s]` to the entry of term number `t` in each covered segment `s` that holds it. */
  entriesOf(t: number, entries: Array<TermEntry | null>): void {
    for (let h = this.from[t]!; h < this.from[t + 1]!; h++) entries[this.segmentOf[h]!] = this.blockOf[h]!.entry(this.entryOf[h]!);
  }
}

/**
 * What the table costs beyond its blocks, per distinct term (its slot in the
 * map and the sorted array; the string itself is the block's) and per holder
 * (three typed slots). Estimated from V8's object layout, on the high side:
 * the heap a table of a hundred fresh segments held beside its blocks,
 * measured after a full collection, came out below it.
 */
const TABLE_COST = { perTerm: 64, perHolder: 16 };

/** The largest dictionary (in blocks) a covered segment may have: no prefix or typo scan of it stops short. */
const COVERED_BLOCKS = Math.min(PREFIX.maxBlocks, FUZZY.maxBlocks);

const BUILDING = 'building';
const tables = new WeakMap<IndexReader, TermTable | null | typeof BUILDING>();

/** The reader's term table if one has been built (no side effects: for reports and tests). */
export function builtTermTable(index: IndexReader): TermTable | null {
  const known = tables.get(index);
  return known === undefined || known === BUILDING ? null : known;
}

/**
 * The reader's term table, or null while there is none. The first query of
 * a reader asks for the dictionaries of the segments to cover in its own
 * wave (`batch`; blocks still cached from the previous version cost no
 * read) and plans segment by segment; the table is built once the wave has
 * run, for the queries after it. A reader with fewer than two small
 * segments gets none (it would save nothing). A failed wave (or build)
 * leaves the table to the next query.
 */
export function termTableOf(index: IndexReader, batch: ReadBatch): TermTable | null {
  const known = tables.get(index);
  if (known !== undefined) return known === BUILDING ? null : known;
  const budget = index.termTableBytes;
  // The smallest segments first, while their dictionaries' bytes (a lower bound of their cost) fit.
  const candidates = index.segments
    .map((segment, s) => ({ segment, s, bytes: segment.meta.dict.ends.at(-1) ?? 0 }))
    .filter(({ segment }) => segment.dictionaryBlocks > 0 && segment.dictionaryBlocks <= COVERED_BLOCKS)
    .sort((a, b) => a.bytes - b.bytes || a.s - b.s);
  let bytes = 0;
  const wanted = candidates.filter((c) => (bytes += c.bytes) <= budget);
  if (wanted.length < 2) {
    tables.set(index, null);
    return null;
  }
  tables.set(index, BUILDING);
  const reads = wanted.map(({ segment }) => Promise.all(Array.from({ length: segment.dictionaryBlocks }, (_, b) => segment.dictionaryBlock(batch, b))));
  Promise.all(reads)
    .then((blocks) => {
      // Within the budget by what the blocks really cost (every term counted as distinct), smallest first; then in segment order.
      let cost = 0;
      const kept = wanted
        .map((c, k) => ({ s: c.s, blocks: blocks[k]! }))
        .filter((c) => (cost += c.blocks.reduce((n, b) => n + dictionaryBlockCost(b) + (TABLE_COST.perTerm + TABLE_COST.perHolder) * b.count, 0)) <= budget)
        .sort((a, b) => a.s - b.s);
      tables.set(index, kept.length < 2 ? null : new TermTable(index.segments.length, kept.map((c) => c.s), kept.map((c) => c.blocks)));
    })
    .catch(() => tables.delete(index));
  return null;
}
