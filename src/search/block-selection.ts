import { BLOCK_SIZE, decodeBlock, newDecodedBlock } from '../index/codec/postings';
import { isArticleField } from '../index/segment/schema';
import { END, ListCursor } from './cursor';
import { blockSpan } from './fetch';
import { contributionOf, type ScoredList } from './top-k';

/**
 * Which postings blocks a query must still read, once it knows a score its
 * k-th best hit will reach (θ): block-max pruning applied to reads. Doc ids
 * are cut into intervals where the same postings could contribute; an
 * interval's bound is the sum of what they could add (a read list: each
 * posting's exact contribution; an unread block: its bound from max tf and
 * min norm), times the square root of the query words they answer, times
 * recency at most. An unread block is needed only where such an interval
 * could reach θ — every other doc scores less than hits already found, so
 * its blocks stay unread. This keeps a query over a large archive from
 * reading whole lists of common words.
 */
export interface SelectionInput {
  lists: readonly ScoredList[];
  /** Doc ranges the filters allow ([from, to), sorted; null: all). */
  allowed: ReadonlyArray<[number, number]> | null;
  /** The largest recency factor of any doc from `doc` on (1 when recency is off). */
  recencyFrom: (doc: number) => number;
  /** Bit per query word that counts as matched (see SegmentWalk.counted). */
  counted: number;
}

/**
 * The stretches of docs where one list could contribute, in columns (a large
 * list makes thousands): each list's in order of `from`, one list after the
 * other; and the sweep's working arrays. Typed columns, not arrays of numbers
 * grown one push at a time: a selection runs on every query.
 */
interface Columns {
  from: Int32Array;
  /** Exclusive. */
  to: Int32Array;
  list: Int32Array;
  bound: Float64Array;
  /** The unread block it stands for, or -1. */
  block: Int32Array;
  /** Interval numbers in order of `from` (byStart). */
  order: Int32Array;
  /** Each interval's boundary number (byStart), then the intervals open while sweeping. */
  open: Int32Array;
  /** Every `from` and `to`, then the distinct ones sorted (boundaries). */
  points: Int32Array;
  /** Per boundary, where the intervals starting at it begin in `order` (one more entry: where the last ends). */
  startsAt: Int32Array;
}

function newColumns(size: number): Columns {
  return {
    from: new Int32Array(size),
    to: new Int32Array(size),
    list: new Int32Array(size),
    bound: new Float64Array(size),
    block: new Int32Array(size),
    order: new Int32Array(size),
    open: new Int32Array(size),
    points: new Int32Array(2 * size),
    startsAt: new Int32Array(2 * size + 2),
  };
}

/**
 * Columns for up to this many intervals are kept for the next selection (a
 * selection runs to its end without yielding, so one set serves every
 * query): 48 bytes an interval, under half a megabyte. A larger one gets its
 * own, left to the collector, so that one query over common words does not
 * hold megabytes for the isolate's life.
 */
const KEPT_INTERVALS = 8192;
let keptColumns = newColumns(1024);

function columnsFor(n: number): Columns {
  if (n <= keptColumns.from.length) return keptColumns;
  if (n > KEPT_INTERVALS) return newColumns(n);
  return (keptColumns = newColumns(Math.min(KEPT_INTERVALS, Math.max(n, 2 * keptColumns.from.length))));
}

/** Whether every block of a list is read (an inline list always is). */
export function readWhole(l: ScoredList): boolean {
  return !l.fetched.info.blocks || l.fetched.postings.every(Boolean);
}

/** Whether a list is counted posting by posting: small, and read whole. */
function exact(l: ScoredList): boolean {
  return (!l.fetched.info.blocks || l.fetched.info.count <= EXACT_POSTINGS) && readWhole(l);
}

/** Writes interval `n` into the columns. */
function put(iv: Columns, n: number, from: number, to: number, list: number, bound: number, block: number): void {
  iv.from[n] = from;
  iv.to[n] = to;
  iv.list[n] = list;
  iv.bound[n] = bound;
  iv.block[n] = block;
}

export function blocksToRead(input: SelectionInput, threshold: number): Array<Set<number>> {
  const { lists } = input;
  const needed = lists.map(() => new Set<number>());
  // Every block already read (a query asked again): nothing to choose.
  if (lists.every(readWhole)) return needed;
  const essential = essentialLists(lists, threshold, input.recencyFrom(0), input.counted);
  // At most one interval per posting of an exact list, one per block of the others.
  const exactLists = lists.map(exact);
  let capacity = 0;
  lists.forEach((l, i) => (capacity += exactLists[i] ? l.fetched.info.count : l.fetched.info.blocks!.length));
  const iv = columnsFor(capacity);
  let n = 0;
  for (let i = 0; i < lists.length; i++) {
    const l = lists[i]!;
    const { info, postings } = l.fetched;
    const spans = isArticleField(info.field);
    if (exactLists[i]) {
      // A small list read whole: each posting where it stands (titles: the paragraphs they span), with what it adds exactly.
      for (const c = new ListCursor(l.fetched); c.doc !== END; ) {
        const from = c.doc;
        const bound = contributionOf(l, c.tf, c.norm);
        c.next();
        let to = from + 1;
        // The paragraphs of one article's posting; the next article's may follow at once, with another contribution.
        while (spans && c.doc === to && contributionOf(l, c.tf, c.norm) === bound) (to++, c.next());
        if (n < capacity) put(iv, n, from, to, i, bound, -1);
        n++;
      }
      continue;
    }
    const blocks = info.blocks!;
    for (let b = 0; b < blocks.length; b++) {
      const [from, last] = postings[b] && spans ? readSpan(l, b) : blockSpan(info, b);
      if (n < capacity) put(iv, n, from, last + 1, i, l.blockBounds[b]!, postings[b] ? -1 : b);
      n++;
    }
  }
  // The columns are sized by that bound: more intervals would mean it no longer holds (a bug, not damage).
  if (n > capacity) throw new Error(`block selection made ${n} intervals, more than the ${capacity} it reserved`);
  if (n === 0) return needed;

  // Sweep the boundaries: between two consecutive ones, the covering intervals do not change.
  const pointCount = boundaries(iv, n);
  byStart(iv, n, pointCount);
  const { to: ivTo, list: ivList, bound: ivBound, block: ivBlock, points, order, startsAt, open } = iv;
  const clauseBit = lists.map((l) => 1 << l.clause);
  let opened = 0;
  for (let p = 0; p + 1 < pointCount; p++) {
    const from = points[p]!;
    const to = points[p + 1]!;
    let kept = 0;
    for (let j = 0; j < opened; j++) if (ivTo[open[j]!]! > from) open[kept++] = open[j]!;
    opened = kept;
    for (let k = startsAt[p]!; k < startsAt[p + 1]!; k++) open[opened++] = order[k]!;
    if (opened === 0 || !allows(input.allowed, from, to)) continue;
    let sum = 0;
    let clauses = 0;
    let unread = false;
    let anyEssential = false;
    for (let j = 0; j < opened; j++) {
      const x = open[j]!;
      sum += ivBound[x]!;
      clauses |= clauseBit[ivList[x]!]!;
      if (ivBlock[x]! >= 0) unread = true;
      if (essential[ivList[x]!]) anyEssential = true;
    }
    // A doc found only in non-essential lists cannot reach θ (MaxScore): such stretches need no reads at all.
    if (!unread || !anyEssential) continue;
    if (sum * coordination(clauses & input.counted) * input.recencyFrom(from) < threshold) continue;
    for (let j = 0; j < opened; j++) {
      const x = open[j]!;
      if (ivBlock[x]! >= 0) needed[ivList[x]!]!.add(ivBlock[x]!);
    }
  }
  return needed;
}

/**
 * The first `n` intervals' ends, sorted and distinct, into `iv.points` (a
 * typed array sorts numbers without a comparator); returns how many.
 */
function boundaries(iv: Columns, n: number): number {
  const all = iv.points.subarray(0, 2 * n);
  all.set(iv.from.subarray(0, n));
  all.set(iv.to.subarray(0, n), n);
  all.sort();
  let count = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[count++] = all[i]!;
  return count;
}

/**
 * The intervals in order of their start, bucketed by boundary: those starting
 * at `points[p]` are `order[startsAt[p] .. startsAt[p + 1])`. Each start is a
 * boundary, found by bisection; a sweep then opens what starts at each point
 * without looking at every list.
 */
function byStart(iv: Columns, n: number, pointCount: number): void {
  const { from, points, order, startsAt } = iv;
  startsAt.fill(0, 0, pointCount + 2);
  // Each interval's boundary number, kept in `open` until the sweep needs it.
  const at = iv.open;
  for (let x = 0; x < n; x++) {
    const f = from[x]!;
    let lo = 0;
    let hi = pointCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (points[mid]! < f) lo = mid + 1;
      else hi = mid;
    }
    at[x] = lo;
    startsAt[lo + 2]!++;
  }
  // Counting sort, stable: within a boundary, intervals keep their order (list by list, as the sweep opened them).
  // After the sums, startsAt[p + 1] is where boundary p's intervals begin; placing them moves it to where they end,
  // which is where boundary p + 1's begin: startsAt[p] is then the start of boundary p, with no second array.
  for (let p = 2; p <= pointCount + 1; p++) startsAt[p]! += startsAt[p - 1]!;
  for (let x = 0; x < n; x++) order[startsAt[at[x]! + 1]!++] = x;
}

/**
 * MaxScore's split: the lists with the lowest bounds whose sum (times the
 * square root of the words they answer, times recency at most) cannot reach
 * θ are non-essential; every other list is essential.
 */
function essentialLists(lists: readonly ScoredList[], threshold: number, recencyMax: number, counted: number): boolean[] {
  const order = lists.map((_, i) => i).sort((a, b) => lists[a]!.bound - lists[b]!.bound);
  const essential = lists.map(() => true);
  let sum = 0;
  let clauses = 0;
  for (const i of order) {
    sum += lists[i]!.bound;
    clauses |= 1 << lists[i]!.clause;
    if (sum * coordination(clauses & counted) * recencyMax >= threshold) break;
    essential[i] = false;
  }
  return essential;
}

/** Lists up to this long, read whole, count posting by posting; longer ones block by block. */
const EXACT_POSTINGS = 512;

/** The docs a read block of an article-level list covers: its first posting to its last posting's span end. */
function readSpan(l: ScoredList, b: number): [number, number] {
  const info = l.fetched.info;
  const count = Math.min(BLOCK_SIZE, info.count - b * BLOCK_SIZE);
  const block = decodeBlock(l.fetched.postings[b]!, 0, count, b === 0 ? -1 : info.blocks![b - 1]!.lastDoc, true, scratch);
  return [block.docs[0]!, block.docs[count - 1]! + block.spans[count - 1]! - 1];
}

const scratch = newDecodedBlock();

function allows(allowed: ReadonlyArray<[number, number]> | null, from: number, to: number): boolean {
  if (!allowed) return true;
  for (const [a, b] of allowed) if (a < to && from < b) return true;
  return false;
}

/** The square root of the words matched, at least 1 (as the walk scores). */
function coordination(clauses: number): number {
  return Math.sqrt(Math.max(1, popcount(clauses)));
}

function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}
