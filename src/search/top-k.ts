import { NORM_LENGTH } from '../index/codec/norms';
import { ByteReader } from '../index/codec/bytes';
import { readOccurrences } from '../index/codec/positions';
import { decodeBlock, newDecodedBlock } from '../index/codec/postings';
import { isArticleField } from '../index/segment/schema';
import { END, ListCursor, type FetchedList } from './cursor';
import { BM25 } from './scoring';

/**
 * The scoring walk over one segment: document at a time over the lists of
 * the query, keeping the best `k` in a heap, with MaxScore pruning (Turtle &
 * Flood 1995): lists are ordered by their highest possible contribution per
 * posting to visit (walkOrder); the first ones whose summed bound cannot
 * beat the current k-th score are "non-essential" — a doc found only in them
 * is never looked at, and they are probed only for docs the essential lists
 * bring up, stopping as soon as the doc cannot make it. Scores are exactly
 * those of the exhaustive walk
 * (BM25+ per field, summed, times the square root of the query words matched,
 * times recency), so pruning changes speed, never results.
 */

/** One scored list of a segment: which query word it answers and how a posting scores. */
export interface ScoredList {
  /** Its number among the segment's fetched lists (hits name the lists they matched by it). */
  id: number;
  clause: number;
  fetched: FetchedList;
  /** weight × idf. */
  scale: number;
  /** k × (1 - b + b × length/avg) for each norm byte. */
  lengthFactor: Float64Array;
  /** Highest contribution of any posting of the list, and per block. */
  bound: number;
  blockBounds: Float64Array;
}

/**
 * k × (1 - b + b × length/avg) for each norm byte: BM25's length normalisation for a field's average length (its pivot),
 * a length below `minLength` counting as `minLength` (still non-decreasing in the norm, so a block's shortest norm bounds it).
 */
export function lengthFactors(averageLength: number, minLength = 0): Float64Array {
  const key = `${averageLength} ${minLength}`;
  const known = factorTables.get(key);
  if (known) return known;
  const { k, b } = BM25;
  const out = new Float64Array(256);
  const scale = b / (averageLength || 1);
  for (let n = 0; n < 256; n++) out[n] = k * (1 - b + scale * Math.max(minLength, NORM_LENGTH[n]!));
  if (factorTables.size > 64) factorTables.clear();
  factorTables.set(key, out);
  return out;
}

/** The tables of the few average lengths in use (an index's fields), so a query does not rebuild them. */
const factorTables = new Map<string, Float64Array>();

/** Builds the scoring of one list: BM25+ as MiniSearch computes it, per field. */
export function scoredList(
  id: number,
  clause: number,
  fetched: FetchedList,
  weight: number,
  docFreq: number,
  docCount: number,
  lengthFactor: Float64Array,
): ScoredList {
  const { k, d } = BM25;
  const idf = Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
  const scale = weight * idf;
  const contribution = (tf: number, norm: number) => scale * (d + (tf * (k + 1)) / (tf + lengthFactor[norm]!));
  const info = fetched.info;
  let blockBounds: Float64Array;
  if (info.blocks) blockBounds = Float64Array.from(info.blocks, (blk) => contribution(blk.maxTf, blk.minNorm));
  else {
    // An inline list is tiny: its bound is its best posting (decoded once for this and every cursor over it).
    const block = (fetched.inlineDecoded ??= decodeBlock(info.inline!.postings, 0, info.count, -1, isArticleField(info.field), newDecodedBlock(info.count)));
    let best = 0;
    for (let i = 0; i < block.count; i++) best = Math.max(best, contribution(block.tfs[i]!, block.norms[i]!));
    blockBounds = Float64Array.of(best);
  }
  let bound = 0;
  for (const x of blockBounds) if (x > bound) bound = x;
  return { id, clause, fetched, scale, lengthFactor, bound, blockBounds };
}

export function contributionOf(list: ScoredList, tf: number, norm: number): number {
  return list.scale * (BM25.d + (tf * (BM25.k + 1)) / (tf + list.lengthFactor[norm]!));
}

/** A phrase that must hold: for each word with positions, its list and offset from the first word. */
export interface PhraseCheck {
  clause: number;
  words: Array<{ list: ListCursor | null; offset: number }>;
}

export interface SegmentWalk {
  segment: number;
  lists: ScoredList[];
  /** Docs must lie in [from, to). */
  range: [number, number];
  /** Cursors over metadata filters: a doc must be covered by each. */
  filters: ListCursor[];
  /** Cursors over excluded terms. */
  exclusions: ListCursor[];
  /** Excluded phrases, checked on positions. */
  excludedPhrases: PhraseCheck[];
  /** Phrases the doc must contain. */
  phrases: PhraseCheck[];
  /** Spellings of several words of a query word (synonyms): their lists (by ScoredList.id) count only where the phrase holds. */
  alternatives?: Array<{ ids: number[]; phrase: PhraseCheck }>;
  /** Recency factor of a doc (1 when off), and its largest value. */
  recency: ((doc: number) => number) | null;
  recencyMax: number;
  /** The first paragraph of a doc's article, for grouping (null: no grouping). */
  articleOf: ((doc: number) => number) | null;
  /** Docs no hit may be: deleted since the segment was written, or of a date the query excludes (`-date:2024`). */
  dropped: { has(doc: number): boolean } | null;
  /** A doc's day as a number (days since 1970; -Infinity when undated): what date order sorts by. */
  dayOf: (doc: number) => number;
  /** Bit per query word that counts as matched (question scaffolding does not). */
  counted: number;
}

export interface Hit {
  segment: number;
  doc: number;
  score: number;
  /** Bit per query word matched. */
  clauses: number;
  /** With grouping: the article's first paragraph. */
  article: number;
  /** Ids of the lists it matched (see ScoredList.id), for positions and highlights. */
  matched: number[];
  /** Its day (see SegmentWalk.dayOf), for date order. */
  day: number;
}

export interface WalkOptions {
  k: number;
  clauseCount: number;
  /** Score every doc (for tests that check pruning changes nothing). */
  exhaustive?: boolean;
  /** `date`: newest first, ties by score (no score pruning then: a walk stops once older docs cannot enter). */
  order?: 'score' | 'date';
  /**
   * A score known to be at most the final k-th score (an earlier walk over part of the postings found k hits
   * scoring at least this): pruning starts there instead of climbing from nothing. Docs scoring below it are
   * passed over; one scoring exactly it may still win a tie, so the walk prunes only strictly below.
   */
  floor?: number;
}

/** The running state of a query across its segments: the heap of the best hits (counting is count.ts's). */
export class TopK {
  readonly heap: Hit[] = [];
  private readonly better: (a: Hit, b: Hit) => boolean;
  private readonly articles = new Map<string, Hit>();

  constructor(readonly options: WalkOptions) {
    this.better = options.order === 'date' ? betterByDate : better;
  }

  /** The score a hit must beat to enter (−∞ until the heap is full). */
  get threshold(): number {
    return this.heap.length < this.options.k ? -Infinity : this.heap[0]!.score;
  }

  /** What the walk may prune at or below: the threshold, or just under the floor while that is higher. */
  get pruneBelow(): number {
    const floor = this.options.floor;
    const t = this.threshold;
    return floor === undefined || t >= floor ? t : floor * (1 - 1e-9);
  }

  /** Whether the walk may skip docs that cannot beat the k-th score (not in date order, nor when asked to score every doc). */
  get mayPrune(): boolean {
    return !this.options.exhaustive && this.options.order !== 'date';
  }

  /** In date order: whether docs of this day (and older) can no longer enter. */
  olderThanAll(day: number): boolean {
    return this.options.order === 'date' && !this.options.exhaustive && this.heap.length >= this.options.k && day < this.heap[0]!.day;
  }

  /** Whether a hit with this score and day could be kept: one that could not is not offered. */
  mayKeep(score: number, day: number): boolean {
    const worst = this.heap.length < this.options.k ? null : this.heap[0]!;
    if (!worst) return true;
    return this.options.order === 'date' ? day > worst.day || (day === worst.day && score >= worst.score) : score >= worst.score;
  }

  offer(hit: Hit, grouped: boolean): void {
    const better = this.better;
    if (grouped) {
      const key = `${hit.segment}:${hit.article}`;
      const best = this.articles.get(key);
      if (best) {
        if (!better(hit, best)) return;
        // The article's best paragraph changes: replace it in the heap.
        const i = this.heap.indexOf(best);
        if (i >= 0) this.removeAt(i);
      }
      this.articles.set(key, hit);
    }
    if (this.heap.length < this.options.k) this.push(hit);
    else if (better(hit, this.heap[0]!)) {
      const evicted = this.heap[0]!;
      this.heap[0] = hit;
      this.siftDown(0);
      if (grouped) this.articles.delete(`${evicted.segment}:${evicted.article}`);
    } else if (grouped && this.articles.get(`${hit.segment}:${hit.article}`) === hit) {
      this.articles.delete(`${hit.segment}:${hit.article}`);
    }
  }

  /** The hits, best first. */
  sorted(): Hit[] {
    return [...this.heap].sort((a, b) => (this.better(a, b) ? -1 : 1));
  }

  private push(hit: Hit): void {
    this.heap.push(hit);
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.better(this.heap[parent]!, this.heap[i]!)) break;
      [this.heap[parent], this.heap[i]] = [this.heap[i]!, this.heap[parent]!];
      i = parent;
    }
  }

  private removeAt(i: number): void {
    const last = this.heap.pop()!;
    if (i < this.heap.length) {
      this.heap[i] = last;
      this.siftDown(i);
      // It may also need to go up.
      let j = i;
      while (j > 0) {
        const parent = (j - 1) >> 1;
        if (!this.better(this.heap[parent]!, this.heap[j]!)) break;
        [this.heap[parent], this.heap[j]] = [this.heap[j]!, this.heap[parent]!];
        j = parent;
      }
    }
  }

  private siftDown(i: number): void {
    const n = this.heap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < n && this.better(this.heap[worst]!, this.heap[l]!)) worst = l;
      if (r < n && this.better(this.heap[worst]!, this.heap[r]!)) worst = r;
      if (worst === i) return;
      [this.heap[worst], this.heap[i]] = [this.heap[i]!, this.heap[worst]!];
      i = worst;
    }
  }
}

/** Date order: newer day first, then higher score; undated last. */
export function betterByDate(a: Hit, b: Hit): boolean {
  if (a.day !== b.day) return a.day > b.day;
  return better(a, b);
}

/** The docs of hits, per segment. */
export function docsBySegment(hits: Iterable<Hit>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const h of hits) {
    const docs = out.get(h.segment);
    if (docs) docs.push(h.doc);
    else out.set(h.segment, [h.doc]);
  }
  return out;
}

/** Ranking order: higher score first; ties by segment, then doc (newest first within a segment). */
export function better(a: Hit, b: Hit): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.segment !== b.segment) return a.segment < b.segment;
  return a.doc < b.doc;
}

const SQRT = Float64Array.from({ length: 34 }, (_, i) => Math.sqrt(Math.max(1, i)));

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  // Math.imul: a plain `*` multiplies as doubles.
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Hits a window may buffer (window docs × lists): the window narrows as the
 * lists grow in number, so the buffers stay this size whatever the query.
 */
const WINDOW_ENTRIES = 1 << 15;
const MAX_WINDOW = 4096;

/**
 * The window's buffers, shared by every walk: a walk runs to its end without
 * yielding, and leaves them cleared. Per slot (doc − window start): how many
 * lists held it, and which lists with what contribution (slot-major).
 */
const windowBuffers = {
  count: new Int32Array(MAX_WINDOW),
  occupied: new Int32Array(MAX_WINDOW >> 5),
  lists: new Int32Array(WINDOW_ENTRIES),
  contributions: new Float64Array(WINDOW_ENTRIES),
};

/**
 * Walks one segment, adding its matches to `top`, a window of docs at a time
 * (as Lucene's MaxScoreBulkScorer does): the essential lists are read through
 * the window into per-doc buffers, list after list with no merging of
 * cursors; then the docs they brought up are taken in order, the
 * non-essential lists probed for each while it can still make it. The
 * essential lists are chosen again before each window, from the threshold
 * reached so far.
 */
export function walkSegment(walk: SegmentWalk, top: TopK): void {
  const { lists, sumRank } = walkOrder(walk.lists);
  if (lists.length === 0) return;
  // A segment where no doc can beat the k-th score (every list non-essential, as walkWindows would find at once) is
  // not walked: of many small segments walked after a large one, most hold only such docs.
  if (top.mayPrune) {
    let bound = 0;
    let clauses = 0;
    for (const l of lists) {
      bound += l.bound;
      clauses |= 1 << l.clause;
    }
    if (bound * SQRT[popcount(clauses & walk.counted)]! * walk.recencyMax <= top.pruneBelow) return;
  }
  const cursors = lists.map((l) => new ListCursor(l.fetched));
  try {
    walkWindows(walk, top, lists, cursors, sumRank);
  } finally {
    for (const c of cursors) c.release();
  }
}

/**
 * The order a walk takes its lists in, the first ones becoming non-essential as the k-th score rises: those that
 * cost most to walk for what they can add, by bound ÷ postings to visit (as Lucene's MaxScoreBulkScorer orders its
 * clauses, by max score ÷ cost; the MaxScore paper orders by bound alone). By bound alone, a common word's long
 * list stays essential behind the many short lists of a typo's candidates, whose bounds add up past the k-th
 * score though a doc matches few of them. `sumRank[i]`: list i's place by bound, the order its contribution is
 * summed in, so that a score depends neither on the walk's order nor on which lists were essential.
 */
export function walkOrder(scored: readonly ScoredList[]): { lists: ScoredList[]; sumRank: Int32Array } {
  const byBound = [...scored].sort((a, b) => a.bound - b.bound);
  const perPosting = new Map(byBound.map((l) => [l, l.bound / readPostings(l)]));
  const lists = [...byBound].sort((a, b) => perPosting.get(a)! - perPosting.get(b)!);
  const rank = new Map(byBound.map((l, i) => [l, i]));
  return { lists, sumRank: Int32Array.from(lists, (l) => rank.get(l)!) };
}

/** The postings a walk of the list would visit: its read blocks' share of the paragraphs it covers (at least 1). */
function readPostings(l: ScoredList): number {
  const { info, postings, resident } = l.fetched;
  // An index in memory reads each block as a cursor reaches it: all of them count.
  if (!info.blocks || resident) return Math.max(1, info.docFreq);
  let read = 0;
  for (const p of postings) if (p) read++;
  return Math.max(1, (info.docFreq * read) / info.blocks.length);
}

function walkWindows(walk: SegmentWalk, top: TopK, lists: readonly ScoredList[], cursors: readonly ListCursor[], sumRank: Int32Array): void {
  const n = lists.length;
  const clauseBit = lists.map((l) => 1 << l.clause);
  // Bounds of the first lists in the walk's order: what a doc found only in lists[0..i) can score at most.
  const prefixBound = new Float64Array(n + 1);
  const prefixClauses = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    prefixBound[i + 1] = prefixBound[i]! + lists[i]!.bound;
    prefixClauses[i + 1] = prefixClauses[i]! | clauseBit[i]!;
  }
  let requiredClauses = 0;
  for (const p of walk.phrases) requiredClauses |= 1 << p.clause;
  // The square root of the words matched (scaffolding not counted), at least 1: a query of scaffolding only still scores.
  const counted = walk.counted;
  const alternatives = (walk.alternatives ?? []).map((a) => ({ at: new Set(a.ids.map((id) => lists.findIndex((l) => l.id === id))), phrase: a.phrase }));
  const contributions = new Float64Array(n);
  const hits = new Int32Array(n);
  const grouped = walk.articleOf !== null;
  const [from, to] = walk.range;
  for (const c of cursors) c.advance(from);

  let threshold = -Infinity;
  let essential = 0;
  const updateThreshold = () => {
    threshold = top.mayPrune ? top.pruneBelow : -Infinity;
    // Non-essential: the longest prefix whose docs cannot beat the threshold.
    while (essential < n && prefixBound[essential + 1]! * SQRT[popcount(prefixClauses[essential + 1]! & counted)]! * walk.recencyMax <= threshold) essential++;
  };
  updateThreshold();
  const byDate = top.options.order === 'date';
  const window = Math.min(MAX_WINDOW, Math.max(32, 1 << (31 - Math.clz32(Math.floor(WINDOW_ENTRIES / n)))));
  const { count: slotCount, occupied, lists: slotLists, contributions: slotContributions } = windowBuffers;

  for (;;) {
    // The window starts at the first doc an essential list holds.
    let start = END;
    for (let i = essential; i < n; i++) if (cursors[i]!.doc < start) start = cursors[i]!.doc;
    if (start >= to) return;
    const end = Math.min(start + window, to);
    // Which lists are essential stays fixed through the window: their hits are already buffered.
    const e = essential;
    for (let i = e; i < n; i++) {
      const c = cursors[i]!;
      const list = lists[i]!;
      while (c.doc < end) {
        const slot = c.doc - start;
        const k = slotCount[slot]!++;
        if (k === 0) occupied[slot >> 5]! |= 1 << (slot & 31);
        slotLists[slot * n + k] = i;
        slotContributions[slot * n + k] = contributionOf(list, c.tf, c.norm);
        c.next();
      }
    }

    for (let w = 0, words = (end - start + 31) >> 5; w < words; w++) {
      let bits = occupied[w]!;
      occupied[w] = 0;
      while (bits !== 0) {
        const slot = (w << 5) | (31 - Math.clz32(bits & -bits));
        bits &= bits - 1;
        const doc = start + slot;
        let m = slotCount[slot]!;
        slotCount[slot] = 0;
        // Date order: docs come newest first, so once a day is older than every hit kept, nothing later can enter.
        if (byDate && top.olderThanAll(walk.dayOf(doc))) {
          clearWindow(occupied, slotCount, w, start, end);
          return;
        }
        if (!passes(walk, doc)) continue;
        let mask = 0;
        let partial = 0;
        for (let h = 0; h < m; h++) {
          const i = slotLists[slot * n + h]!;
          const x = slotContributions[slot * n + h]!;
          hits[h] = i;
          contributions[i] = x;
          partial += x;
          mask |= clauseBit[i]!;
        }
        // Probe the non-essential lists, the last in the walk's order first, while the doc can still make it.
        let alive = true;
        for (let i = e - 1; i >= 0; i--) {
          if ((partial + prefixBound[i + 1]!) * SQRT[popcount((mask | prefixClauses[i + 1]!) & counted)]! * walk.recencyMax <= threshold) {
            alive = false;
            break;
          }
          const c = cursors[i]!;
          c.advance(doc);
          if (c.doc === doc) {
            const x = contributionOf(lists[i]!, c.tf, c.norm);
            contributions[i] = x;
            partial += x;
            mask |= clauseBit[i]!;
            hits[m++] = i;
          }
        }
        if (alive && alternatives.length > 0) mask = withoutBrokenPhrases(alternatives, doc, hits, m, contributions, clauseBit, mask);
        if (!alive || mask === 0 || (mask & requiredClauses) !== requiredClauses || excluded(walk, doc) || !phrasesHold(walk.phrases, doc)) continue;
        // Sum in the order of the bounds, so the score depends neither on which lists were essential nor on the walk's order.
        sortByRank(hits, m, sumRank);
        let sum = 0;
        for (let h = 0; h < m; h++) sum += contributions[hits[h]!]!;
        const score = sum * SQRT[popcount(mask & counted)]! * (walk.recency ? walk.recency(doc) : 1);
        const day = walk.dayOf(doc);
        // A hit the heap would turn away is not offered: nothing is built for it.
        if (!top.mayKeep(score, day)) continue;
        // Which lists matched: what follows reads their positions.
        const matched: number[] = [];
        for (let h = 0; h < m; h++) if (contributions[hits[h]!]! > 0) matched.push(lists[hits[h]!]!.id);
        const before = top.threshold;
        top.offer({ segment: walk.segment, doc, score, clauses: mask, article: grouped ? walk.articleOf!(doc) : doc, matched, day }, grouped);
        if (top.mayPrune && (top.threshold !== before || threshold === -Infinity)) updateThreshold();
      }
    }
  }
}

/** Leaves the window's buffers cleared when a walk stops inside it, at word `w` (already cleared). */
function clearWindow(occupied: Int32Array, slotCount: Int32Array, w: number, start: number, end: number): void {
  occupied.fill(0, w + 1, (end - start + 31) >> 5);
  slotCount.fill(0, w << 5, end - start);
}

/**
 * A spelling of several words (synonyms) counts only where its words stand
 * as a phrase: elsewhere the contributions of its lists that held the doc
 * (`hits[0..m)`) are dropped, and the query words they stood for, if nothing
 * else matched them. Returns the mask of query words still matched.
 */
function withoutBrokenPhrases(
  alternatives: ReadonlyArray<{ at: ReadonlySet<number>; phrase: PhraseCheck }>,
  doc: number,
  hits: Int32Array,
  m: number,
  contributions: Float64Array,
  clauseBit: readonly number[],
  mask: number,
): number {
  let dropped = false;
  for (const { at, phrase } of alternatives) {
    let held = false;
    for (let h = 0; h < m && !held; h++) held = at.has(hits[h]!);
    if (!held || phraseAt(phrase, doc)) continue;
    for (let h = 0; h < m; h++) if (at.has(hits[h]!)) contributions[hits[h]!] = 0;
    dropped = true;
  }
  if (!dropped) return mask;
  let kept = 0;
  for (let h = 0; h < m; h++) if (contributions[hits[h]!]! > 0) kept |= clauseBit[hits[h]!]!;
  return kept;
}

/** Sorts the first `m` list positions of `a` by their rank (insertion sort: a doc matches a handful of lists). */
function sortByRank(a: Int32Array, m: number, rank: Int32Array): void {
  for (let i = 1; i < m; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && rank[a[j]!]! > rank[x]!) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

function passes(walk: SegmentWalk, doc: number): boolean {
  if (walk.dropped?.has(doc)) return false;
  for (const f of walk.filters) {
    f.advance(doc);
    if (f.doc !== doc) return false;
  }
  return true;
}

function excluded(walk: SegmentWalk, doc: number): boolean {
  for (const e of walk.exclusions) {
    e.advance(doc);
    if (e.doc === doc) return true;
  }
  for (const p of walk.excludedPhrases) if (phraseAt(p, doc)) return true;
  return false;
}

function phrasesHold(phrases: readonly PhraseCheck[], doc: number): boolean {
  for (const p of phrases) if (!phraseAt(p, doc)) return false;
  return true;
}

/** Whether the phrase's words stand at their offsets from one another in `doc`. */
export function phraseAt(phrase: PhraseCheck, doc: number): boolean {
  let candidates: Set<number> | null = null;
  for (const word of phrase.words) {
    if (!word.list) return false;
    word.list.advance(doc);
    if (word.list.doc !== doc) return false;
    const starts = new Set<number>();
    for (const p of positionsAt(word.list)) starts.add(p - word.offset);
    if (candidates) {
      for (const c of candidates) if (!starts.has(c)) candidates.delete(c);
    } else candidates = starts;
    if (candidates.size === 0) return false;
  }
  return candidates !== null && candidates.size > 0;
}

/** Positions of the cursor's current posting (empty when its positions were not read). */
export function positionsAt(cursor: ListCursor): number[] {
  const raw = cursor.blockPositions;
  if (!raw) return [];
  const { index } = cursor.position;
  const tfs = cursor.blockTfs;
  const reader = new ByteReader(raw);
  const out: number[] = [];
  for (let j = 0; j < index; j++) readOccurrences(reader, tfs[j]!, () => undefined);
  readOccurrences(reader, tfs[index]!, (position) => out.push(position));
  return out;
}
