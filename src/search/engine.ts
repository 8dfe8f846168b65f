import { wordSpans } from '../analysis/word-spans';
import type { IndexReader } from '../index/index-reader';
import type { ReadBatch } from '../index/storage/read-batch';
import { newIoStats, type IoStats } from '../index/storage/byte-source';
import type { StoredParagraph } from '../index/segment/doc-store';
import { FIELD } from '../index/segment/schema';
import { compileClause, hasUnindexedWords, phraseWords, type CompiledClause, type PhraseWord } from './compile';
import type { ParsedQuery } from './query';
import { requestBlocks, blockOfDoc } from './fetch';
import { expansionMatches } from './expansion-spans';
import { mergeSpans, occurrencesIn, spanOf, type Highlight, type MatchedToken, type Occurrence } from './highlight';
import { moreHits } from './more';
import { parseQuery } from './parse-query';
import { proximity } from './proximity';
import { PROXIMITY } from './scoring';
import { rank, type RankOptions, type Ranking } from './searcher';
import type { FacetCounts, FacetKind } from './facets';
import { makeSnippet } from './snippet';
import { better, docsBySegment, type Hit } from './top-k';

export interface SearchOptions extends RankOptions {
  /** Results per page (default 10). */
  limit?: number;
  /** Results to skip (default 0). */
  offset?: number;
  /** Re-rank the top by how close the matched words stand (default true). */
  proximity?: boolean;
}

/** One paragraph shown: where it is, its text, and offsets for everything that is marked. */
export interface ShownParagraph {
  /** 0-based number of the paragraph within its article. */
  paragraph: number;
  score: number;
  /** The paragraph's plain text (a paid article's hidden paragraph: its lead instead). */
  text: string;
  /** HTML-escaped excerpt with matches in `<mark>`. */
  snippet: string;
  /** Matches as [start, end) offsets into `text`, for clients that render without HTML. */
  highlights: Array<[number, number]>;
  /** The part of `text` the snippet shows, as [start, end). */
  snippetRange: [number, number];
}

export interface SearchResult extends ShownParagraph {
  /** The article's id. */
  id: string;
  title: string;
  date: string | null;
  url: string | null;
  source: string | null;
  category: string | null;
  tags: string[];
  /** `paid`: only free paragraphs are shown. */
  access: 'free' | 'paid';
  /** With `group`: the article's other matching paragraphs, best first. */
  more?: ShownParagraph[];
}

export interface SearchResponse {
  query: string;
  /** Matching paragraphs (or articles, with `group`), exact when `totalExact`, else a lower bound. */
  total: number;
  totalExact: boolean;
  tookMs: number;
  /** Where `tookMs` went, stage by stage (see SearchStages). */
  stages: SearchStages;
  /** What the query read from storage: requests, bytes, and in how many waves. */
  io: IoStats;
  results: SearchResult[];
  /** With `facets`: the most frequent values among the matches, per facet. */
  facets?: Partial<Record<FacetKind, FacetCounts>>;
}

/**
 * The stages of a search, in ms, each with its waits for storage (`io.waitMs`
 * is their sum): `planMs` the query's analysis and the dictionary (its terms,
 * typo candidates; a typo wave carries the first postings along); `rankMs`
 * the rest of ranking up to the final order — parsing, postings, walks,
 * counts, re-ranking — and the last wave of it, which reads the positions and
 * the stored blocks the page will likely show; `showMs` the page: inflating
 * those texts (reading any not read yet), highlights, snippets.
 */
export interface SearchStages {
  planMs: number;
  rankMs: number;
  showMs: number;
}

/** Other paragraphs listed under a grouped article. */
const MAX_MORE = 3;

/** The engine: runs a query on an index and returns one page of ranked, highlighted results. */
export async function search(index: IndexReader, query: string, options: SearchOptions = {}): Promise<SearchResponse> {
  const started = performance.now();
  const io = newIoStats();
  const limit = options.limit ?? 10;
  const offset = options.offset ?? 0;
  const { ranking, hits, total, totalExact, planMs } = await rankedHits(index, parseQuery(query), offset, limit, options, io, true);
  const ranked = performance.now();
  const page = hits.slice(offset, offset + limit);
  const results = await presentPage(index, ranking, page, options.group ?? false, io);
  const done = performance.now();
  const stages = { planMs: round(planMs), rankMs: round(ranked - started - planMs), showMs: round(done - ranked) };
  return { query, total, totalExact, tookMs: round(done - started), stages, io, results, ...(ranking.facets ? { facets: ranking.facets } : {}) };
}

/**
 * The ranking alone, without snippets: the best `limit` paragraphs as
 * (article id, paragraph number, score). For evaluation and benchmarks, which
 * judge the ranking and need no highlighting; same code path as `search`.
 */
export async function rankParagraphs(
  index: IndexReader,
  query: string,
  options: SearchOptions = {},
): Promise<Array<{ id: string; paragraph: number; score: number }>> {
  const io = newIoStats();
  const { hits } = await rankedHits(index, parseQuery(query), 0, options.limit ?? 10, options, io, false);
  const top = hits.slice(0, options.limit ?? 10);
  const stored = await storedOf(index, top, io);
  return top.map((h) => {
    const p = stored.get(h)!;
    return { id: p.article.id, paragraph: h.doc - p.article.first, score: h.score };
  });
}

/**
 * The best `offset + limit` hits in final order: ranked, phrases with stop
 * words checked on the text (stop words are not indexed), and the top
 * re-ranked by proximity for short keyword queries. The positions proximity
 * needs and the stored texts of every hit that can still land on the page
 * are read in one wave (with their positions, for highlights, when
 * `highlights`), so that showing the page usually reads nothing more.
 */
async function rankedHits(
  index: IndexReader,
  parsed: ParsedQuery,
  offset: number,
  limit: number,
  options: SearchOptions,
  io: IoStats,
  highlights: boolean,
): Promise<{ ranking: Ranking; hits: Hit[]; total: number; totalExact: boolean; planMs: number }> {
  const want = offset + limit;
  const useProximity =
    (options.proximity ?? true) && options.sort !== 'date' && parsed.clauses.length > 1 && parsed.clauses.length <= PROXIMITY.maxWords;
  const withStopWords = stopWordPhrases(index, parsed.clauses);
  // Excluded phrases with stop words are not excluded in the walk (planQuery: `onText`), but here, on the text;
  // not when grouping (MatchOptions.textChecks says why).
  const withoutStopWords = options.group ? [] : stopWordPhrases(index, parsed.excluded);
  const onText = withStopWords.length + withoutStopWords.length > 0;
  const k = useProximity ? Math.max(want, PROXIMITY.rerank) : want;
  let ranking = await rank(index, parsed, onText ? 2 * k + 10 : k, options, io);
  let planMs = ranking.planMs;
  let hits = ranking.hits;
  let { total, totalExact } = ranking;
  if (onText) {
    // Hits that fail the text check drop out: rank more until the page is full or every match was checked.
    // A paid paragraph's text is not stored: it holds no phrase checked on the text (nor is it excluded by one).
    for (let asked = 2 * k + 10; ; asked *= 4) {
      const stored = await storedOf(index, ranking.hits, io, false);
      const holds = (h: Hit, words: readonly PhraseWord[]) => containsPhrase(index, stored.get(h)!.text ?? '', words);
      hits = ranking.hits.filter((h) => withStopWords.every((words) => holds(h, words)) && !withoutStopWords.some((words) => holds(h, words)));
      const everyMatch = ranking.hits.length < asked;
      if (everyMatch || hits.length >= k || asked >= STOP_WORD_PHRASE_CHECKS) {
        // The count is exact only when every match was checked; else what was found is a lower bound.
        totalExact = everyMatch && ranking.totalExact;
        total = hits.length;
        break;
      }
      ranking = await rank(index, parsed, asked * 4, options, io);
      planMs += ranking.planMs;
    }
  }
  const counted = ranking.plan?.counted ?? -1;
  const reranked = useProximity ? hits.slice(0, PROXIMITY.rerank).filter((h) => popcount(h.clauses & counted) >= 2) : [];
  const candidates = pageCandidates(hits, new Set(reranked), offset, limit);
  await prefetch(index, ranking, highlights ? [...new Set([...reranked, ...candidates])] : reranked, candidates, io);
  if (useProximity) hits = await rerankByProximity(index, { ...ranking, hits }, io);
  return { ranking, hits, total, totalExact, planMs };
}

/**
 * The hits that can still be on the page [offset, offset + limit) once
 * proximity has re-ranked: a re-ranked hit's score may grow by up to
 * PROXIMITY.bonus, nobody's shrinks. A hit can end above `offset + limit`
 * only if fewer hits than that surely outscore it, and below `offset` only
 * if at least `offset` hits may outscore it.
 */
function pageCandidates(hits: readonly Hit[], reranked: ReadonlySet<Hit>, offset: number, limit: number): Hit[] {
  if (reranked.size === 0) return hits.slice(offset, offset + limit);
  const upper = (h: Hit) => (reranked.has(h) ? h.score * (1 + PROXIMITY.bonus) : h.score);
  const end = Math.min(hits.length, Math.max(offset + limit, PROXIMITY.rerank));
  const out: Hit[] = [];
  for (let i = 0; i < end; i++) {
    const h = hits[i]!;
    let surelyAbove = 0;
    let mayBeAbove = 0;
    for (let j = 0; j < hits.length && hits[j]!.score * (1 + PROXIMITY.bonus) >= h.score; j++) {
      if (j === i) continue;
      const other = hits[j]!;
      if (other.score > upper(h)) surelyAbove++;
      if (upper(other) >= h.score) mayBeAbove++;
    }
    if (surelyAbove < offset + limit && mayBeAbove >= offset) out.push(h);
  }
  return out;
}

/**
 * One wave for what comes after ranking: the positions of `positioned` hits'
 * matched terms, the stored-block index pages of `shown` hits, and the
 * stored blocks of those whose pages are already there and whose paragraphs
 * are not cached, read but not inflated: the page inflates the blocks of
 * the hits it shows (the rest are read when the page is shown).
 */
async function prefetch(index: IndexReader, ranking: Pick<Ranking, 'fetched'>, positioned: readonly Hit[], shown: readonly Hit[], io: IoStats): Promise<void> {
  const batch = index.newBatch();
  const reads: Array<Promise<unknown>> = [];
  requestPositions(index, ranking, positioned, batch, reads);
  for (const [s, docs] of docsBySegment(shown)) {
    const segment = index.segments[s]!;
    const ready = docs.filter((d) => segment.hasDocIndexPages([d]));
    if (ready.length < docs.length) reads.push(segment.loadDocIndexPages(batch, docs));
    if (ready.length) reads.push(segment.fetchStoredBlocks(batch, ready));
  }
  await index.run(batch, io);
  await Promise.all(reads);
}


/** Hits of a phrase with stop words checked on their text at most (the page may then come out short). */
const STOP_WORD_PHRASE_CHECKS = 5000;

/** The words of each phrase that has a stop word in it (those are checked on the text). */
function stopWordPhrases(index: IndexReader, clauses: ParsedQuery['clauses']): PhraseWord[][] {
  const out: PhraseWord[][] = [];
  for (const clause of clauses) {
    if (clause.type !== 'phrase') continue;
    const c = compileClause(index.analyzers, clause);
    if (hasUnindexedWords(c, index.root.analysis.stem)) out.push(c.phraseWords);
  }
  return out;
}

/** Whether the text has the phrase's words adjacent and in order, each by folded form or by stem. */
function containsPhrase(index: IndexReader, text: string, phrase: readonly PhraseWord[]): boolean {
  const words = phraseWords(index.analyzers.words.analyze(text));
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      const want = phrase[j]!;
      const got = words[i + j]!;
      if (got.exact !== want.exact && (want.stem === null || got.stem !== want.stem)) continue outer;
    }
    return true;
  }
  return phrase.length === 0;
}

/**
 * Proximity: the best `PROXIMITY.rerank` hits get up to `PROXIMITY.bonus`
 * more when their matched words stand close together (positions of stems and
 * compound parts, read for these hits only).
 */
async function rerankByProximity(index: IndexReader, ranking: Pick<Ranking, 'hits' | 'fetched' | 'plan'>, io: IoStats): Promise<Hit[]> {
  // Scaffolding is no matched word: it does not make a paragraph's words stand close.
  const counted = ranking.plan?.counted ?? -1;
  const top = ranking.hits.slice(0, PROXIMITY.rerank).map((h) => ({ ...h }));
  const needs = top.filter((h) => popcount(h.clauses & counted) >= 2);
  if (needs.length === 0) return ranking.hits;
  await loadPositions(index, ranking, needs, io);
  for (const hit of needs) {
    // In text order (proximity pairs the words by their first appearance), one clause per position as the words read.
    const tokens: MatchedToken[] = matchedOccurrences(index, ranking, hit)
      .map(({ clause, o }) => ({ start: 0, end: 0, clause, position: o.position }))
      .sort((x, y) => x.position - y.position || x.clause - y.clause);
    hit.score *= 1 + PROXIMITY.bonus * proximity(tokens);
  }
  top.sort((a, b) => (better(a, b) ? -1 : 1));
  return [...top, ...ranking.hits.slice(PROXIMITY.rerank)];
}

/** Reads the positions blocks that hold these hits in the positional lists they matched. */
async function loadPositions(index: IndexReader, ranking: Pick<Ranking, 'fetched'>, hits: readonly Hit[], io: IoStats): Promise<void> {
  const batch = index.newBatch();
  const reads: Array<Promise<unknown>> = [];
  requestPositions(index, ranking, hits, batch, reads);
  await index.run(batch, io);
  await Promise.all(reads);
}

function requestPositions(index: IndexReader, ranking: Pick<Ranking, 'fetched'>, hits: readonly Hit[], batch: ReadBatch, reads: Array<Promise<unknown>>): void {
  for (const hit of hits) {
    const segment = index.segments[hit.segment]!;
    const fetched = ranking.fetched[hit.segment] ?? [];
    for (const id of hit.matched) {
      const { planned, list } = fetched[id]!;
      // A resident list reads its positions when they are first needed.
      if (segment.positional.has(planned.field) && !list.resident) requestBlocks(segment, batch, list, [blockOfDoc(list.info, hit.doc)], true, reads);
    }
  }
}

/** Stored positions of a hit's matched terms, per query word. */
interface MatchedOccurrence {
  clause: number;
  term: string;
  field: number;
  /** The other spelling (synonyms) of several words the list stands for, if it does. */
  alternative: number | undefined;
  o: Occurrence;
}

function matchedOccurrences(index: IndexReader, ranking: Pick<Ranking, 'fetched'>, hit: Hit): MatchedOccurrence[] {
  const out: MatchedOccurrence[] = [];
  const fetched = ranking.fetched[hit.segment] ?? [];
  const positional = index.segments[hit.segment]!.positional;
  for (const id of hit.matched) {
    const { planned, list } = fetched[id]!;
    if (!positional.has(planned.field)) continue;
    for (const o of occurrencesIn(list, hit.doc)) out.push({ clause: planned.clause, term: planned.term, field: planned.field, alternative: planned.alternative, o });
  }
  return out;
}

/**
 * Stored paragraphs of hits: index pages first where not loaded (one more
 * wave), then the blocks; `cache`: as SegmentReader.storedParagraphs.
 */
async function storedOf(index: IndexReader, hits: readonly Hit[], io: IoStats, cache = true): Promise<Map<Hit, StoredParagraph>> {
  const bySegment = new Map<number, Hit[]>();
  for (const h of hits) {
    const list = bySegment.get(h.segment);
    if (list) list.push(h);
    else bySegment.set(h.segment, [h]);
  }
  const pagesBatch = index.newBatch();
  const pageLoads: Array<Promise<void>> = [];
  for (const [s, group] of bySegment) {
    const segment = index.segments[s]!;
    const docs = group.map((h) => h.doc);
    if (!segment.hasDocIndexPages(docs)) pageLoads.push(segment.loadDocIndexPages(pagesBatch, docs));
  }
  if (pageLoads.length) {
    await index.run(pagesBatch, io);
    await Promise.all(pageLoads);
  }
  const batch = index.newBatch();
  const loads = [...bySegment].map(([s, group]) => index.segments[s]!.storedParagraphs(batch, group.map((h) => h.doc), cache).then((m) => [group, m] as const));
  await index.run(batch, io);
  const out = new Map<Hit, StoredParagraph>();
  for (const [group, m] of await Promise.all(loads)) for (const h of group) out.set(h, m.get(h.doc)!);
  return out;
}

async function presentPage(index: IndexReader, ranking: Ranking, page: readonly Hit[], group: boolean, io: IoStats): Promise<SearchResult[]> {
  if (page.length === 0) return [];
  const [stored] = await Promise.all([storedOf(index, page, io), loadPositions(index, ranking, page, io)]);
  const results = page.map((hit) => {
    const p = stored.get(hit)!;
    const a = p.article;
    const { paragraph, score, text, snippet, highlights, snippetRange } = shown(index, ranking, hit, p);
    return {
      id: a.id,
      paragraph,
      score,
      title: a.title,
      text,
      snippet,
      highlights,
      snippetRange,
      date: a.date,
      url: a.url,
      source: a.source,
      category: a.category,
      // A copy: the article is cached, and a caller may change what it is given.
      tags: [...a.tags],
      access: a.access,
    } satisfies SearchResult;
  });
  if (group) await addMore(index, ranking, page, results, stored, io);
  return results;
}

/** A paragraph as shown: text, highlights from stored positions and surface forms, snippet. */
function shown(index: IndexReader, ranking: Ranking, hit: Hit, p: StoredParagraph): ShownParagraph {
  const paragraph = hit.doc - p.article.first;
  const text = p.text ?? '';
  const highlights = p.text === null ? [] : highlightsOf(index, ranking, hit, text);
  const snippet = makeSnippet(text, highlights);
  return {
    paragraph,
    score: round(hit.score),
    text,
    snippet: snippet.html,
    highlights: highlights.map((h) => [h.start, h.end]),
    snippetRange: [snippet.start, snippet.end],
  };
}

/**
 * What to mark in a paragraph: the stored positions of every matched term
 * (exact, prefix and typo matches, stems, compound parts) mapped to the
 * tokenizer's words; a phrase is marked whole, stop words included.
 */
function highlightsOf(index: IndexReader, ranking: Ranking, hit: Hit, text: string): Highlight[] {
  const plan = ranking.plan;
  if (!plan) return [];
  const spans: Highlight[] = [];
  const phraseOf = (clause: number, alternative: number | undefined): CompiledClause | null =>
    alternative !== undefined ? plan.alternatives[alternative]!.compiled : plan.clauses[clause]!.clause.type === 'phrase' ? plan.clauses[clause]! : null;
  const occurrences = matchedOccurrences(index, ranking, hit);
  // Prefix and typo expansions are looked for in the whole text, and that walk gives every word on the way. Else the
  // words are found up to the last one a mark can end at: an article's text goes on long after its last match, and
  // the snippet's window lies among the matches.
  const expansions = expansionTerms(index, ranking, hit);
  const words = expansions ? [] : wordSpans(text, lastMarkedPosition(occurrences, phraseOf));
  const expansionSpans = expansions ? expansionMatches(text, expansions, index.analyzers.surface, words) : [];
  const stems = index.root.analysis.stem;
  const phraseField = stems ? FIELD.stem : FIELD.text;
  // A phrase (or another spelling of several words) is marked where it stands whole, never word by word: per
  // phrase, the positions of each of its indexed words.
  const phrases = new Map<CompiledClause, { clause: number; byTerm: Map<string, Set<number>> }>();
  for (const { clause, term, field, alternative, o } of occurrences) {
    const phrase = phraseOf(clause, alternative);
    if (!phrase) {
      const span = spanOf(words, o);
      if (span) spans.push({ start: span[0], end: span[1], clause });
      continue;
    }
    if (field !== phraseField) continue;
    let found = phrases.get(phrase);
    if (!found) phrases.set(phrase, (found = { clause, byTerm: new Map() }));
    let positions = found.byTerm.get(term);
    if (!positions) found.byTerm.set(term, (positions = new Set()));
    positions.add(o.position);
  }
  spans.push(...expansionSpans);
  // The words of the text by position, for the stop words of a phrase (not indexed: checked on the text).
  let textWords: Map<number, PhraseWord> | null = null;
  const standsAt = (w: PhraseWord, position: number) => {
    textWords ??= new Map(phraseWords(index.analyzers.words.analyze(text)).map((t) => [t.position, t]));
    const got = textWords.get(position);
    return got !== undefined && (got.exact === w.exact || (w.stem !== null && got.stem === w.stem));
  };
  for (const [phrase, { clause, byTerm }] of phrases) {
    for (const [start, end] of phraseSpans(phrase, byTerm, stems, standsAt)) {
      const a = words[start];
      const b = words[end];
      if (a && b) spans.push({ start: a[0], end: b[1], clause });
    }
  }
  return mergeSpans(spans);
}

/** The last word position a mark can end at: an occurrence's, or past it by the length of the phrase it is in. */
function lastMarkedPosition(occurrences: readonly MatchedOccurrence[], phraseOf: (clause: number, alternative: number | undefined) => CompiledClause | null): number {
  let last = -1;
  for (const { clause, alternative, o } of occurrences) {
    const words = phraseOf(clause, alternative)?.phraseWords;
    last = Math.max(last, o.position + (words?.length ? words[words.length - 1]!.position - words[0]!.position : 0));
  }
  return last;
}

/**
 * A hit's prefix and typo expansions (each to its clause), which are marked
 * where the folded words of its text are one (expansionMatches), or null if
 * none is to be looked for. They match in the text field alone, which keeps
 * no positions in an index with stems (schema.ts positionalFields); an exact
 * word needs no such search, as its stem stands at its positions.
 */
function expansionTerms(index: IndexReader, ranking: Ranking, hit: Hit): Map<string, number> | null {
  if (index.segments[hit.segment]!.positional.has(FIELD.text)) return null;
  const clauses = ranking.plan!.clauses;
  const fetched = ranking.fetched[hit.segment] ?? [];
  let clauseOf: Map<string, number> | null = null;
  for (const id of hit.matched) {
    const { planned } = fetched[id]!;
    if (planned.field !== FIELD.text || planned.alternative !== undefined || clauses[planned.clause]!.exact.includes(planned.term)) continue;
    (clauseOf ??= new Map()).set(planned.term, planned.clause);
  }
  return clauseOf;
}

/**
 * Word positions [first, last] where every indexed word of the phrase stands at its offset, and every other word
 * (a stop word: no positions) as `standsAt` finds it in the text.
 */
function phraseSpans(
  c: CompiledClause,
  byTerm: Map<string, Set<number>>,
  stems: boolean,
  standsAt: (w: PhraseWord, position: number) => boolean,
): Array<[number, number]> {
  const termOf = (w: PhraseWord) => (stems ? w.stem : w.exact) ?? '';
  const indexed = c.phraseWords.filter((w) => byTerm.has(termOf(w)));
  if (indexed.length === 0) return [];
  const others = c.phraseWords.filter((w) => !byTerm.has(termOf(w)));
  const first = c.phraseWords[0]!.position;
  const last = c.phraseWords[c.phraseWords.length - 1]!.position;
  const anchor = indexed[0]!;
  const out: Array<[number, number]> = [];
  for (const p of byTerm.get(termOf(anchor))!) {
    const start = p - (anchor.position - first);
    const at = (w: PhraseWord) => start + w.position - first;
    if (indexed.every((w) => byTerm.get(termOf(w))!.has(at(w))) && others.every((w) => standsAt(w, at(w)))) out.push([start, start + last - first]);
  }
  return out;
}

/** With grouping: each article's other matching paragraphs, best first, scored like the rest. */
async function addMore(
  index: IndexReader,
  ranking: Ranking,
  page: readonly Hit[],
  results: SearchResult[],
  stored: Map<Hit, StoredParagraph>,
  io: IoStats,
): Promise<void> {
  const more = page.map((hit) => moreHits(ranking, hit, stored.get(hit)!.article, MAX_MORE));
  const all = more.flat();
  if (all.length === 0) {
    results.forEach((r) => (r.more = []));
    return;
  }
  const [moreStored] = await Promise.all([storedOf(index, all, io), loadPositions(index, ranking, all, io)]);
  results.forEach((r, i) => {
    r.more = more[i]!.map((h) => shown(index, ranking, h, moreStored.get(h)!));
  });
}

function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
