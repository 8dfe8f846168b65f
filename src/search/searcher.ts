import type { IndexReader } from '../index/index-reader';
import { newIoStats, type IoStats } from '../index/storage/byte-source';
import type { SegmentReader } from '../index/segment/reader';
import { FIELD } from '../index/segment/schema';
import type { ReadBatch } from '../index/storage/read-batch';
import { END, ListCursor, type FetchedList } from './cursor';
import { requestList } from './fetch';
import { parseQuery } from './parse-query';
import { planQuery, type QueryPlan } from './plan';
import type { ParsedQuery } from './query';
import { RECENCY, TOTALS } from './scoring';
import { lengthFactors, scoredList, TopK, walkSegment, type Hit, type PhraseCheck, type SegmentWalk } from './top-k';

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
}

/**
 * Ranks the paragraphs for a query, keeping the best `k`: plans the query
 * (dictionary wave), fetches the postings it needs (postings wave), and walks
 * each segment with MaxScore pruning into one heap.
 */
export async function rank(index: IndexReader, parsed: ParsedQuery, k: number, options: RankOptions, io: IoStats = newIoStats()): Promise<Ranking> {
  const top = new TopK({ k: Math.max(1, k), clauseCount: parsed.clauses.length, totalBound: TOTALS.exactUpTo, exhaustive: options.exhaustive });
  const empty: Ranking = { plan: null, hits: [], total: 0, totalExact: true, fetched: [], walks: [] };
  if (parsed.clauses.length === 0 && parsed.filters.length === 0) return empty;
  const plan = await planQuery(
    index,
    parsed,
    { prefix: options.prefix ?? true, fuzzy: options.fuzzy ?? true, compounds: options.compounds ?? true },
    io,
  );
  if (plan.lists.length === 0 && parsed.clauses.length > 0) return { ...empty, plan };

  const segments = index.segments;
  const batch = index.newBatch();
  const phraseTerms = phraseTermsOf(plan, index);
  const work = segments.map((segment, s) => {
    const filter = plan.filters[s]!;
    if (filter === 'none') return null;
    const lists = plan.lists
      .filter((p) => p.lists[s])
      .map((p) =>
        requestList(segment, batch, p.lists[s]!, 'all', phraseTerms.has(`${p.field}:${p.term}`)).then((list) => ({ planned: p, list })),
      );
    const filters = filter.lists.map((info) => requestList(segment, batch, info, 'all', false));
    const exclusions = plan.exclusions.map((e) =>
      Promise.all(e.lists[s]!.map((t) => requestList(segment, batch, t.info, 'all', e.phrase !== null).then((list) => ({ term: t.term, list })))),
    );
    const articles = options.group ? segment.articleBoundaries(batch) : null;
    return { segment, filter, lists: Promise.all(lists), filters: Promise.all(filters), exclusions: Promise.all(exclusions), articles };
  });
  await index.run(batch, io);

  const fetched: Ranking['fetched'] = [];
  const walks: Ranking['walks'] = [];
  const factors = index.averageLength.map(lengthFactors);
  const newest = newestDay(segments);
  for (let s = 0; s < segments.length; s++) {
    const w = work[s];
    if (!w) {
      fetched.push([]);
      walks.push(null);
      continue;
    }
    const lists = await w.lists;
    fetched.push(lists);
    const filterLists = await w.filters;
    const exclusionLists = await w.exclusions;
    const boundaries = w.articles ? await w.articles : null;
    const scored = lists.map(({ planned, list }, id) =>
      scoredList(id, planned.clause, list, planned.weight, planned.docFreq, index.docCount, factors[planned.field]!),
    );
    const makeWalk = (range?: [number, number]): SegmentWalk => ({
      segment: s,
      lists: scored,
      range: intersect(w.filter.range ?? [0, w.segment.meta.docs], range),
      filters: filterLists.map((l) => new ListCursor(l)),
      exclusions: plan.exclusions.flatMap((e, i) => (e.phrase ? [] : exclusionLists[i]!.map((l) => new ListCursor(l.list)))),
      excludedPhrases: plan.exclusions.flatMap((e, i) => (e.phrase ? [phraseCheck(-1, e.phrase, exclusionLists[i]!, index)] : [])),
      phrases: plan.clauses.flatMap((c, i) =>
        c.clause.type === 'phrase'
          ? [phraseCheck(i, c, lists.filter((l) => l.planned.clause === i).map((l) => ({ term: l.planned.term, list: l.list })), index)]
          : [],
      ),
      recency: options.recency ? recencyOf(w.segment, newest, options.recency) : null,
      recencyMax: options.recency ? 1 + RECENCY.weight : 1,
      articleOf: boundaries ? (doc) => boundaries.startOf(doc) : null,
    });
    walks.push(makeWalk);
    if (plan.lists.length === 0) filterOnly(makeWalk(), top, w.segment.meta.docs);
    else walkSegment(makeWalk(), top);
  }
  const exact = !top.pruned && top.count < TOTALS.exactUpTo;
  return { plan, hits: top.sorted(), total: exact ? top.count : TOTALS.exactUpTo, totalExact: exact, fetched, walks };
}

/** Only filters, no words (`tag:NATO`): every paragraph that passes, newest first. */
function filterOnly(walk: SegmentWalk, top: TopK, docs: number): void {
  const [from, to] = walk.range;
  const cursors = walk.filters;
  let doc = from;
  for (const c of cursors) c.advance(doc);
  while (doc < Math.min(to, docs)) {
    // Leapfrog: move to the largest current doc until all filters agree.
    let next = doc;
    for (const c of cursors) {
      c.advance(next);
      if (c.doc > next) next = c.doc;
    }
    if (next >= to || next === END) break;
    if (next !== doc) {
      doc = next;
      continue;
    }
    if (!walk.exclusions.some((e) => (e.advance(doc), e.doc === doc))) {
      top.offer({ segment: walk.segment, doc, score: 0, clauses: 0, article: walk.articleOf ? walk.articleOf(doc) : doc, matched: [] }, walk.articleOf !== null);
      if (top.count >= TOTALS.exactUpTo && top.heap.length >= top.options.k) {
        top.pruned = true;
        return;
      }
    }
    doc++;
  }
}

/** `field:term` of the lists whose positions phrase checks need. */
function phraseTermsOf(plan: QueryPlan, index: IndexReader): Set<string> {
  const out = new Set<string>();
  const field = index.root.analysis.stem ? FIELD.stem : FIELD.text;
  for (const c of [...plan.clauses, ...plan.exclusions.flatMap((e) => (e.phrase ? [e.phrase] : []))]) {
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
    const day = s.meta.dates.days[0];
    if (day) newest = Math.max(newest, Date.parse(day) / 86_400_000);
  }
  return newest;
}

/** The recency factor of each doc of a segment (see scoring.ts RECENCY), from its date index. */
function recencyOf(segment: SegmentReader, newest: number, halfLifeDays: number): (doc: number) => number {
  const { days, first, undatedFrom } = segment.meta.dates;
  const factors = days.map((d) => 1 + RECENCY.weight * Math.pow(0.5, (newest - Date.parse(d) / 86_400_000) / halfLifeDays));
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
