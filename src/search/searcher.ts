import type { IndexReader } from '../index/index-reader';
import { newIoStats, type IoStats } from '../index/storage/byte-source';
import type { SegmentReader } from '../index/segment/reader';
import { FIELD, isArticleField } from '../index/segment/schema';
import type { ListInfo } from '../index/segment/dictionary';
import type { ArticleBoundaries } from '../index/segment/reader';
import { BLOCK_SIZE } from '../index/codec/postings';
import type { ReadBatch } from '../index/storage/read-batch';
import { END, ListCursor, type FetchedList } from './cursor';
import { requestBlocks, takeCached, unfetched } from './fetch';
import { blocksToRead, readWhole } from './block-selection';
import { countFiltered, countSegment, nextPassing, type Count } from './count';
import { countFacets, type FacetCounts, type FacetKind } from './facets';
import { parseQuery } from './parse-query';
import { planQuery, type PlannedList, type QueryPlan, type SegmentFilter } from './plan';
import type { ParsedQuery } from './query';
import { RECENCY, TOTALS } from './scoring';
import { docsBySegment, scoredList, TopK, walkSegment, type Hit, type PhraseCheck, type ScoredList, type SegmentWalk } from './top-k';
import { lengthNormalisation } from './length-pivot';

export interface RankOptions {
  /** Prefix search on the word being typed (default true). */
  prefix?: boolean;
  /** Typo tolerance for words the index does not know (default true). */
  fuzzy?: boolean;
  /** Match compound parts (default true). */
  compounds?: boolean;
  /** Favour recent articles: the half-life of the boost in days (default 0: off). See scoring.ts. */
  recency?: number;
  /** Collapse paragraphs by article: one hit per article, its best paragraph (default false). */
  group?: boolean;
  /** Score every match without pruning (tests compare the two). */
  exhaustive?: boolean;
  /** `relevance` (default) or `date`: newest first, ties by score, undated articles last. */
  sort?: 'relevance' | 'date';
  /** Facets to count over the matches (values with counts). */
  facets?: readonly FacetKind[];
  /** Weigh question scaffolding (`wie viele`, `in welchem Jahr`) low, as no matched word (default true). */
  questions?: boolean;
}

/** What ranking found: the best hits, how many matched, and the fetched lists per segment for what follows. */
export interface Ranking {
  plan: QueryPlan | null;
  hits: Hit[];
  total: number;
  totalExact: boolean;
  /** Per segment: the scored lists as fetched (positions are added for the docs shown). */
  fetched: Array<Array<{ planned: QueryPlan['lists'][number]; list: FetchedList }>>;
  /** Per segment: a fresh walk over the fetched lists, within a doc range (null: nothing to walk there). */
  walks: Array<((range?: [number, number]) => SegmentWalk) | null>;
  /** Facet counts, when asked for. */
  facets?: Partial<Record<FacetKind, FacetCounts>>;
  /** Time spent planning (analysis, dictionary reads, typo candidates), in ms: the rest of ranking is postings and walks. */
  planMs: number;
}

/**
 * Ranks the paragraphs for a query, keeping the best `k`: plans the query
 * (dictionary wave), fetches the postings it needs (postings wave), and walks
 * each segment with MaxScore pruning into one heap.
 */
export async function rank(index: IndexReader, parsed: ParsedQuery, k: number, options: RankOptions, io: IoStats = newIoStats()): Promise<Ranking> {
  const empty: Ranking = { plan: null, hits: [], total: 0, totalExact: true, fetched: [], walks: [], planMs: 0 };
  if (parsed.clauses.length === 0 && parsed.filters.length === 0) return empty;
  // Planning counts what a reader's first query loads before any other read (index.ready: the deletions).
  const planStarted = performance.now();
  await index.ready(io);
  // Postings, in at most two waves. Storage in this process: read everything (pruning happens in the walk).
  // Elsewhere, first the small lists, the titles, the filters and each large list's most promising blocks,
  // plus every block of the docs counted first (totals are exact up to TOTALS.exactUpTo); then, knowing
  // what the k-th hit scores at least, only the blocks where a doc could still beat it.
  // A resident index reads blocks as the walk reaches them (no waves); others in two waves (see above).
  // A query with a typo reads its known words' first postings with the typo wave, and its typo candidates'
  // lists only in the second wave, where they could still beat the first walk's k-th hit: one wave less.
  const resident = index.source.readSync !== undefined && index.source.resident === true;
  let early: Array<SegmentState | null> | null = null;
  const earlyPending: Array<Promise<unknown>> = [];
  const plan = await planQuery(
    index,
    parsed,
    {
      prefix: options.prefix ?? true,
      fuzzy: options.fuzzy ?? true,
      compounds: options.compounds ?? true,
      questions: options.questions ?? true,
      textChecks: !options.group,
    },
    io,
    resident
      ? undefined
      : (provisional, batch) => {
          early = segmentStates(index, provisional, options, null);
          requestFirstWave(early, provisional, batch, earlyPending, options.group ?? false);
          // A failed wave fails the plan first; these must not go unhandled meanwhile.
          for (const p of earlyPending) p.catch(() => undefined);
        },
  );
  const planMs = performance.now() - planStarted;
  await Promise.all(earlyPending);
  if (plan.lists.length === 0 && parsed.clauses.length > 0) return { ...empty, plan, planMs };

  const states = segmentStates(index, plan, options, early);
  let batch = index.newBatch();
  let pending: Array<Promise<unknown>> = [];
  if (!resident) requestFirstWave(states, plan, batch, pending, options.group ?? false, early !== null);
  else if (options.group) for (const st of states) if (st) pending.push(st.segment.articleBoundaries(batch).then((b) => (st.boundaries = b)));
  await index.run(batch, io);
  await Promise.all(pending);

  // What every segment's walk checks, found once (a query over many small segments makes two walks for each).
  const excludedWords = plan.exclusions.flatMap((e, i) => (e.phrase ? [] : [i]));
  const excludedPhrases = plan.exclusions.flatMap((e, i) => (e.phrase && !e.onText ? [i] : []));
  const phraseClauses = plan.clauses.flatMap((c, i) => (c.clause.type === 'phrase' ? [i] : []));
  const makeWalk =
    (st: NonNullable<(typeof states)[number]>, s: number) =>
    (range?: [number, number]): SegmentWalk => ({
      segment: s,
      lists: st.scored,
      range: intersect(st.filter.range ?? [0, st.segment.meta.docs], range),
      filters: st.filters.map((l) => new ListCursor(l)),
      exclusions: excludedWords.flatMap((i) => st.exclusions[i]!.map((l) => new ListCursor(l.list))),
      excludedPhrases: excludedPhrases.map((i) => phraseCheck(-1, plan.exclusions[i]!.phrase!, st.exclusions[i]!, index)),
      phrases: phraseClauses.map((i) =>
        phraseCheck(i, plan.clauses[i]!, st.lists.filter((l) => l.planned.clause === i).map((l) => ({ term: l.planned.term, list: l.list })), index),
      ),
      alternatives: plan.alternatives.map((a) => {
        const ids = st.lists.flatMap((l, id) => (l.planned.alternative === a.id ? [id] : []));
        return { ids, phrase: phraseCheck(a.clause, a.compiled, ids.map((id) => ({ term: st.lists[id]!.planned.term, list: st.lists[id]!.list })), index) };
      }),
      recency: st.recency,
      recencyMax: options.recency ? 1 + RECENCY.weight : 1,
      dropped: droppedDocs(st.segment.deleted, st.filter.without),
      dayOf: st.dayOf,
      counted: plan.counted,
      articleOf: st.boundaries ? (doc) => st.boundaries!.startOf(doc) : null,
    });

  const byDate = options.sort === 'date';
  const wantSample = (options.facets?.length ?? 0) > 0;
  const walkAll = (floor?: number, firstWalk = false) => {
    const top = new TopK({
      k: Math.max(1, k),
      clauseCount: parsed.clauses.length,
      exhaustive: options.exhaustive,
      order: byDate ? 'date' : 'score',
      ...(floor !== undefined && floor > 0 ? { floor } : {}),
    });
    const count: Count = { n: 0, complete: true, sample: [] };
    states.forEach((st, s) => {
      if (!st) return;
      const filtersOnly = plan.lists.length === 0;
      if (filtersOnly) countFiltered(makeWalk(st, s)(), count, TOTALS.exactUpTo, wantSample);
      else countSegment(makeWalk(st, s)(), count, TOTALS.exactUpTo, wantSample);
      if (filtersOnly) filterOnly(makeWalk(st, s)(), top);
      else if (firstWalk && !st.scored.every(readWhole)) {
        const lists = st.scored.map(bestBlockOnly);
        if (lists.some((l, i) => l !== st.scored[i])) partial = true;
        walkSegment({ ...makeWalk(st, s)(), lists }, top);
      } else walkSegment(makeWalk(st, s)(), top);
    });
    return { top, count };
  };
  // Whether the first walk left blocks it had out (then the final walk runs even when nothing more is read).
  let partial = false;
  // The first walk is there to find a score the k-th hit will reach (θ), which chooses the blocks to read: where
  // blocks are left to choose, it scores each large list by its best block only. The first blocks, read for
  // counting, would cost as much to score as the final walk does, and θ from the best blocks chose the same
  // blocks where measured (docs/SCALE.md). Where every block is read, the first walk is the last.
  let { top, count } = walkAll(undefined, !resident);
  if (!resident) {
    // Counting stopped short of the bound with docs left unread: those must be read too, to count them.
    const counted = !count.complete;
    const threshold = counted && !options.exhaustive && !byDate ? top.threshold : -Infinity;
    // Date order: with the page full, only docs as new as its oldest hit's day can still enter.
    const worstDay = byDate && counted && top.heap.length >= k ? top.heap[0]!.day : -Infinity;
    batch = index.newBatch();
    pending = [];
    let added = 0;
    for (const st of states) {
      if (!st) continue;
      let allowed = allowedRanges(st);
      if (worstDay > -Infinity) allowed = intersectRanges(allowed ?? [[0, st.segment.meta.docs]], [[0, firstDocOlderThan(st.segment, worstDay)]]);
      const needed = blocksToRead({ lists: st.scored, allowed, recencyFrom: st.recency ?? (() => 1), counted: plan.counted }, threshold);
      st.lists.forEach(({ list }, i) => (added += requestBlocks(st.segment, batch, list, needed[i]!, st.positions[i]!, pending)));
    }
    // Blocks already cached fill in without a read; either way the walk runs again over what is now there.
    if (added > 0) {
      // The hits so far are likely the ones shown: their stored-block index pages come along (small, kept).
      for (const [s, docs] of docsBySegment(top.heap)) if (!index.segments[s]!.hasDocIndexPages(docs)) pending.push(index.segments[s]!.loadDocIndexPages(batch, docs));
      await index.run(batch, io);
      await Promise.all(pending);
    }
    if (added > 0 || partial) {
      // The first walk's k-th score is a floor for the second: its hits only gain from the blocks read since.
      const floor = !options.exhaustive && !byDate ? top.threshold : -Infinity;
      ({ top, count } = walkAll(Number.isFinite(floor) ? floor : undefined));
    }
  }
  const exact = count.complete;
  const facets = options.facets?.length ? await countFacets(index, count.sample, options.facets, options.group ?? false, exact, io) : undefined;
  return {
    plan,
    hits: top.sorted(),
    total: exact ? count.n : TOTALS.exactUpTo,
    totalExact: exact,
    fetched: states.map((st) => st?.lists ?? []),
    walks: states.map((st, s) => (st ? makeWalk(st, s) : null)),
    ...(facets ? { facets } : {}),
    planMs,
  };
}

/** What ranking keeps per segment: the lists to walk, as fetched, and what the walk needs beside them. */
interface SegmentState {
  segment: SegmentReader;
  filter: Exclude<SegmentFilter, 'none'>;
  lists: Array<{ planned: PlannedList; list: FetchedList }>;
  /** Per list: whether its positions are read with its postings (phrases need them). */
  positions: boolean[];
  scored: ScoredList[];
  filters: FetchedList[];
  exclusions: Array<Array<{ term: string; list: FetchedList }>>;
  recency: ((doc: number) => number) | null;
  dayOf: (doc: number) => number;
  boundaries: ArticleBoundaries | null;
}

/**
 * Per segment: the plan's lists as fetched lists with their scoring, the
 * filters and exclusions, and what dates and recency need; null where the
 * filters leave nothing. Lists of `reuse` (states of an earlier, provisional
 * plan of the same query) are taken over with what they have read.
 */
function segmentStates(index: IndexReader, plan: QueryPlan, options: RankOptions, reuse: ReadonlyArray<SegmentState | null> | null): Array<SegmentState | null> {
  const factors = lengthNormalisation(index);
  const newest = newestDay(index.segments);
  const phraseTerms = phraseTermsOf(plan, index);
  // The planned lists whose positions phrase checks need; each segment's lists, in the plan's order, in one pass.
  const withPositions = new Set(plan.lists.filter((planned) => phraseTerms.has(`${planned.field}:${planned.term}`)));
  const plannedIn = index.segments.map(() => [] as PlannedList[]);
  for (const planned of plan.lists) for (let s = 0; s < planned.lists.length; s++) if (planned.lists[s] && plan.filters[s] !== 'none') plannedIn[s]!.push(planned);
  return index.segments.map((segment, s) => {
    const filter = plan.filters[s]!;
    if (filter === 'none') return null;
    // A segment that holds none of the query's terms has nothing to rank or count: with many small fresh
    // segments, most are such, and setting up their walks would cost more than walking the rest.
    if (plannedIn[s]!.length === 0 && plan.lists.length > 0) return null;
    const before = reuse?.[s] ?? null;
    const known = before ? listsByInfo(before) : null;
    const fetch = (info: ListInfo) => known?.get(info) ?? unfetched(info, segment, index.source);
    const lists = plannedIn[s]!.map((planned) => ({ planned, list: fetch(planned.lists[s]!) }));
    return {
      segment,
      filter,
      lists,
      positions: lists.map(({ planned }) => withPositions.has(planned)),
      scored: lists.map(({ planned, list }, id) =>
        scoredList(id, planned.clause, list, planned.weight, planned.docFreq, index.docCount, factors[planned.field]!),
      ),
      filters: filter.lists.map(fetch),
      exclusions: plan.exclusions.map((e) => e.lists[s]!.map((t) => ({ term: t.term, list: fetch(t.info) }))),
      recency: options.recency ? recencyOf(segment, newest, options.recency) : null,
      dayOf: dayNumbers(segment),
      boundaries: before?.boundaries ?? null,
    };
  });
}

/** A segment state's fetched lists (scored, filters, exclusions) by what they list. */
function listsByInfo(state: SegmentState): Map<ListInfo, FetchedList> {
  const out = new Map<ListInfo, FetchedList>();
  for (const { list } of state.lists) out.set(list.info, list);
  for (const list of state.filters) out.set(list.info, list);
  for (const e of state.exclusions) for (const { list } of e) out.set(list.info, list);
  return out;
}

/**
 * The first postings wave's requests (see rank): every block already cached, the small lists, titles,
 * filters and exclusions whole, each large list's seed blocks. With `typoLate`, typo candidates' lists
 * of paragraph fields take only what is cached: the second wave reads what of them could still matter.
 */
function requestFirstWave(
  states: ReadonlyArray<SegmentState | null>,
  plan: QueryPlan,
  batch: ReadBatch,
  pending: Array<Promise<unknown>>,
  group: boolean,
  typoLate = false,
): void {
  for (const st of states) {
    if (!st) continue;
    const { segment } = st;
    st.lists.forEach(({ planned, list }, i) => {
      takeCached(segment, batch, list, st.positions[i]!);
      // (Titles stay whole in the first wave: an unread block of them does not say which paragraphs its articles span.)
      if (typoLate && planned.typo && !isArticleField(list.info.field)) return;
      requestBlocks(segment, batch, list, isArticleField(list.info.field) ? 'all' : seedBlocks(list.info, st.scored[i]!), st.positions[i]!, pending);
    });
    for (const f of st.filters) requestBlocks(segment, batch, f, 'all', false, pending);
    // An excluded phrase checked on the text (`onText`) needs no lists.
    for (const [i, e] of st.exclusions.entries()) if (!plan.exclusions[i]!.onText) for (const x of e) requestBlocks(segment, batch, x.list, 'all', plan.exclusions[i]!.phrase !== null, pending);
    if (group && !st.boundaries) pending.push(segment.articleBoundaries(batch).then((b) => (st.boundaries = b)));
  }
}

/**
 * The first wave's blocks of a large list: those holding its first postings
 * (the docs counted first, for exact totals) and its highest-scoring block
 * (so the first wave already finds good hits).
 */
function seedBlocks(info: ListInfo, scored: ScoredList): number[] {
  const blocks = info.blocks;
  if (!blocks) return [];
  if (blocks.length <= SEED.wholeListBlocks) return [...blocks.keys()];
  const out = new Set<number>();
  for (let b = 0; b < Math.min(blocks.length, SEED.countingBlocks); b++) out.add(b);
  out.add(bestBlock(scored));
  return [...out];
}

/** The block of a list with the highest bound (the first of equals). */
function bestBlock(scored: ScoredList): number {
  let best = 0;
  for (let b = 1; b < scored.blockBounds.length; b++) if (scored.blockBounds[b]! > scored.blockBounds[best]!) best = b;
  return best;
}

/**
 * A list as the first walk scores it: a large list (more blocks than are read whole) by its best block alone,
 * which the first wave reads (seedBlocks). A doc scores at most what it scores over every block, so the walk's
 * k-th score is still one the final k-th reaches. The list itself when nothing is left out.
 */
function bestBlockOnly(l: ScoredList): ScoredList {
  const blocks = l.fetched.info.blocks;
  if (!blocks || blocks.length <= SEED.wholeListBlocks || isArticleField(l.fetched.info.field)) return l;
  const best = bestBlock(l);
  const { postings } = l.fetched;
  if (!postings.some((p, b) => p && b !== best)) return l;
  return { ...l, fetched: { ...l.fetched, postings: postings.map((p, b) => (b === best ? p : null)) } };
}

/** First-wave reads (see seedBlocks): lists of at most this many blocks are read whole. */
const SEED = { wholeListBlocks: 2, countingBlocks: Math.ceil(TOTALS.exactUpTo / BLOCK_SIZE) } as const;

/** Doc ranges a segment's filters allow, from the filter lists read in the first wave (null: no filters). */
function allowedRanges(st: { filter: { range: [number, number] | null }; filters: FetchedList[] }): Array<[number, number]> | null {
  if (st.filters.length === 0 && !st.filter.range) return null;
  let ranges: Array<[number, number]> = [st.filter.range ?? [0, 0x7fffffff]];
  for (const f of st.filters) {
    const spans: Array<[number, number]> = [];
    const c = new ListCursor(f);
    for (; c.doc !== END; ) {
      const start = c.doc;
      let end = start + 1;
      c.next();
      while (c.doc === end) {
        end++;
        c.next();
      }
      spans.push([start, end]);
    }
    ranges = intersectRanges(ranges, spans);
  }
  return ranges;
}

function intersectRanges(a: ReadonlyArray<[number, number]>, b: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const from = Math.max(a[i]![0], b[j]![0]);
    const to = Math.min(a[i]![1], b[j]![1]);
    if (from < to) out.push([from, to]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

/** The docs a walk drops: deleted ones, and those in the stretches excluded dates cover. */
function droppedDocs(deleted: { has(doc: number): boolean } | null, without: ReadonlyArray<[number, number]>): { has(doc: number): boolean } | null {
  if (without.length === 0) return deleted;
  return { has: (doc) => without.some(([a, b]) => doc >= a && doc < b) || (deleted?.has(doc) ?? false) };
}

/** Only filters, no words (`tag:NATO`): the first paragraphs that pass, newest first (count.ts counts them). */
function filterOnly(walk: SegmentWalk, top: TopK): void {
  const [from, to] = walk.range;
  for (let doc = nextPassing(walk, from); doc < to; doc = nextPassing(walk, doc + 1)) {
    if (top.olderThanAll(walk.dayOf(doc)) || (top.heap.length >= top.options.k && top.options.order !== 'date')) return;
    if (walk.dropped?.has(doc) || walk.exclusions.some((e) => (e.advance(doc), e.doc === doc))) continue;
    top.offer(
      { segment: walk.segment, doc, score: 0, clauses: 0, article: walk.articleOf ? walk.articleOf(doc) : doc, matched: [], day: walk.dayOf(doc) },
      walk.articleOf !== null,
    );
  }
}

/** `field:term` of the lists whose positions phrase checks need. */
function phraseTermsOf(plan: QueryPlan, index: IndexReader): Set<string> {
  const out = new Set<string>();
  const field = index.root.analysis.stem ? FIELD.stem : FIELD.text;
  for (const c of [...plan.clauses, ...plan.exclusions.flatMap((e) => (e.phrase && !e.onText ? [e.phrase] : [])), ...plan.alternatives.map((a) => a.compiled)]) {
    if (c.clause.type !== 'phrase') continue;
    for (const w of c.phraseWords) out.add(`${field}:${index.root.analysis.stem ? w.stem : w.exact}`);
  }
  return out;
}

/**
 * A phrase as the walk checks it: each word that the index holds (stop words
 * are not indexed and match any word at their place) with its own cursor
 * over its positional list, and its offset from the first word.
 */
function phraseCheck(
  clause: number,
  c: QueryPlan['clauses'][number],
  lists: ReadonlyArray<{ term: string; list: FetchedList }>,
  index: IndexReader,
): PhraseCheck {
  const stems = index.root.analysis.stem;
  const field = stems ? FIELD.stem : FIELD.text;
  const indexed = new Set(stems ? c.stem : c.exact);
  const first = c.phraseWords[0]?.position ?? 0;
  const words: PhraseCheck['words'] = [];
  for (const w of c.phraseWords) {
    const term = stems ? w.stem : w.exact;
    if (term === null || !indexed.has(term)) continue;
    const found = lists.find((l) => l.list.info.field === field && l.term === term);
    words.push({ list: found ? new ListCursor(found.list) : null, offset: w.position - first });
  }
  return { clause, words };
}

function intersect(a: [number, number], b: [number, number] | undefined): [number, number] {
  return b ? [Math.max(a[0], b[0]), Math.min(a[1], b[1])] : a;
}

function newestDay(segments: readonly SegmentReader[]): number {
  let newest = -Infinity;
  for (const s of segments) {
    // Parsed once per segment (a query over many small segments would parse each segment's newest day again).
    if (s.meta.dates.days[0]) newest = Math.max(newest, dayNumbersOf(s.meta.dates)[0]!);
  }
  return newest;
}

/** The first doc of a segment whose day is older than `day` (days since 1970). */
function firstDocOlderThan(segment: SegmentReader, day: number): number {
  const { days, first, undatedFrom } = segment.meta.dates;
  for (let i = 0; i < days.length; i++) if (Date.parse(days[i]!) / 86_400_000 < day) return first[i]!;
  return undatedFrom;
}

/** A doc's day as days since 1970 (-Infinity when undated), from the segment's date index. */
function dayNumbers(segment: SegmentReader): (doc: number) => number {
  const { first, undatedFrom } = segment.meta.dates;
  const numbers = dayNumbersOf(segment.meta.dates);
  return (doc) => {
    if (doc >= undatedFrom) return -Infinity;
    const i = upperBound(first, doc) - 1;
    return i >= 0 ? numbers[i]! : -Infinity;
  };
}

/** The days of a segment's date index as numbers, parsed once per segment (an archive holds thousands of days). */
function dayNumbersOf(dates: SegmentReader['meta']['dates']): number[] {
  let numbers = parsedDays.get(dates);
  if (!numbers) parsedDays.set(dates, (numbers = dates.days.map((d) => Date.parse(d) / 86_400_000)));
  return numbers;
}

const parsedDays = new WeakMap<object, number[]>();

/** The recency factor of each doc of a segment (see scoring.ts RECENCY), from its date index. */
function recencyOf(segment: SegmentReader, newest: number, halfLifeDays: number): (doc: number) => number {
  const { first, undatedFrom } = segment.meta.dates;
  const factors = dayNumbersOf(segment.meta.dates).map((day) => 1 + RECENCY.weight * Math.pow(0.5, (newest - day) / halfLifeDays));
  return (doc) => {
    if (doc >= undatedFrom) return 1;
    const i = upperBound(first, doc) - 1;
    return i >= 0 ? factors[i]! : 1;
  };
}

function upperBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export type { ReadBatch };
