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
 * other.
 */
interface Intervals {
  from: number[];
  /** Exclusive. */
  to: number[];
  list: number[];
  bound: number[];
  /** The unread block it stands for, or -1. */
  block: number[];
}

/** Whether every block of a list is read (an inline list always is). */
export function readWhole(l: ScoredList): boolean {
  return !l.fetched.info.blocks || l.fetched.postings.every(Boolean);
}

export function blocksToRead(input: SelectionInput, threshold: number): Array<Set<number>> {
  const { lists } = input;
  const needed = lists.map(() => new Set<number>());
  // Every block already read (a query asked again): nothing to choose.
  if (lists.every(readWhole)) return needed;
  const essential = essentialLists(lists, threshold, input.recencyFrom(0), input.counted);
  const iv: Intervals = { from: [], to: [], list: [], bound: [], block: [] };
  const push = (from: number, to: number, list: number, bound: number, block: number) => {
    iv.from.push(from);
    iv.to.push(to);
    iv.list.push(list);
    iv.bound.push(bound);
    iv.block.push(block);
  };
  // Each list's intervals are iv[firstOf[i], firstOf[i + 1]).
  const firstOf = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => {
    firstOf[i] = iv.from.length;
    const { info, postings } = l.fetched;
    const blocks = info.blocks;
    const spans = isArticleField(info.field);
    if (!blocks || (info.count <= EXACT_POSTINGS && postings.every(Boolean))) {
      // A small list read whole: each posting where it stands (titles: the paragraphs they span), with what it adds exactly.
      for (const c = new ListCursor(l.fetched); c.doc !== END; ) {
        const from = c.doc;
        const bound = contributionOf(l, c.tf, c.norm);
        c.next();
        let to = from + 1;
        // The paragraphs of one article's posting; the next article's may follow at once, with another contribution.
        while (spans && c.doc === to && contributionOf(l, c.tf, c.norm) === bound) (to++, c.next());
        push(from, to, i, bound, -1);
      }
      return;
    }
    for (let b = 0; b < blocks.length; b++) {
      const [from, last] = postings[b] && spans ? readSpan(l, b) : blockSpan(info, b);
      push(from, last + 1, i, l.blockBounds[b]!, postings[b] ? -1 : b);
    }
  });
  const n = iv.from.length;
  firstOf[lists.length] = n;
  if (n === 0) return needed;

  // Sweep the boundaries: between two consecutive ones, the covering intervals do not change.
  const points = boundaries(iv);
  const clauseBit = lists.map((l) => 1 << l.clause);
  // Each list's next interval to open: every interval starts at a boundary, and a list's start in order.
  const next = firstOf.slice(0, lists.length);
  const open = new Int32Array(n);
  let opened = 0;
  for (let p = 0; p + 1 < points.length; p++) {
    const from = points[p]!;
    const to = points[p + 1]!;
    let kept = 0;
    for (let j = 0; j < opened; j++) if (iv.to[open[j]!]! > from) open[kept++] = open[j]!;
    opened = kept;
    for (let i = 0; i < lists.length; i++) while (next[i]! < firstOf[i + 1]! && iv.from[next[i]!] === from) open[opened++] = next[i]!++;
    if (opened === 0 || !allows(input.allowed, from, to)) continue;
    let sum = 0;
    let clauses = 0;
    let unread = false;
    let anyEssential = false;
    for (let j = 0; j < opened; j++) {
      const x = open[j]!;
      sum += iv.bound[x]!;
      clauses |= clauseBit[iv.list[x]!]!;
      if (iv.block[x]! >= 0) unread = true;
      if (essential[iv.list[x]!]) anyEssential = true;
    }
    // A doc found only in non-essential lists cannot reach θ (MaxScore): such stretches need no reads at all.
    if (!unread || !anyEssential) continue;
    if (sum * coordination(clauses & input.counted) * input.recencyFrom(from) < threshold) continue;
    for (let j = 0; j < opened; j++) {
      const x = open[j]!;
      if (iv.block[x]! >= 0) needed[iv.list[x]!]!.add(iv.block[x]!);
    }
  }
  return needed;
}

/** The intervals' ends, sorted and distinct (a typed array sorts numbers without a comparator). */
function boundaries(iv: Intervals): Int32Array {
  const all = new Int32Array(iv.from.length * 2);
  all.set(iv.from);
  all.set(iv.to, iv.from.length);
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i]!;
  return all.subarray(0, n);
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
