import { articleTitle, type SearchIndex } from '../index/search-index';
import { compileClause, toExclusionQuery, toMiniSearchQuery, type CompiledClause, type MatchOptions } from './compile';
import { findMatchedTokens, matchKey, mergeSpans, type Highlight, type MatchedTerms } from './highlight';
import { executeRaw, type RawHit } from '../index/minisearch-adapter';
import { parseQuery } from './parse-query';
import { containsPhrase, findPhrase } from './phrase';
import { proximity } from './proximity';
import { recencyFactor } from './recency';
import type { Clause, FieldFilter, ParsedQuery } from './query';
import { BM25, EXPANSION, PROXIMITY, QUESTION } from './scoring';
import { isInterrogative, questionScaffolding } from '../analysis/question-words';
import { expansionTerms, type ExpansionTerm } from './expansion';
import { FIELDS } from '../index/schema';
import { makeSnippet } from './snippet';

export interface SearchOptions {
  /** Results per page (default 10). */
  limit?: number;
  /** Results to skip (default 0). */
  offset?: number;
  /** Collapse paragraphs by article: best paragraph first, the others under `more` (default false). */
  group?: boolean;
  /** Prefix search on the word being typed (default true). */
  prefix?: boolean;
  /** Typo tolerance for words the index does not know (default true). */
  fuzzy?: boolean;
  /** Match compound parts (default: whenever the index has them). */
  compounds?: boolean;
  /** Re-rank the top by how close the matched words stand (default true). */
  proximity?: boolean;
  /** Favour recent articles: the half-life of the boost in days (default 0: off). See scoring.ts. */
  recency?: number;
  /** Weigh question scaffolding (`wie viele`, `in welchem Jahr`) low, as not matched words (default true). */
  questions?: boolean;
  /**
   * Expand questions with terms of the first pass's best paragraphs (pseudo-relevance feedback; default
   * false: on the evaluation sets it cost MRR@10 and a second pass, see docs/QUALITY.md).
   */
  expand?: boolean;
}

export interface SearchResult {
  /** The article's id. */
  id: string;
  /** 0-based number of the paragraph within its article. */
  paragraph: number;
  score: number;
  title: string;
  /** The paragraph's plain text. */
  text: string;
  /** HTML-escaped excerpt with matches in `<mark>`. */
  snippet: string;
  /** Matches as [start, end) offsets into `text`, for clients that render without HTML. */
  highlights: Array<[number, number]>;
  /** The part of `text` the snippet shows, as [start, end). */
  snippetRange: [number, number];
  date: string | null;
  url: string | null;
  source: string | null;
  category: string | null;
  tags: string[];
  /** With `group`: the article's other matching paragraphs, best first. */
  more?: Array<{ paragraph: number; score: number; snippet: string }>;
}

export interface SearchResponse {
  query: string;
  /** Matching paragraphs (or articles, with `group`). */
  total: number;
  tookMs: number;
  results: SearchResult[];
}

/** Paragraphs a phrase is checked against at most; beyond, the rest are taken unchecked. */
const MAX_PHRASE_CHECKS = 5000;
/** Other paragraphs listed under a grouped article. */
const MAX_MORE = 3;

interface Candidate {
  doc: number;
  score: number;
  /** Per clause: the raw hit, or undefined where the clause did not match. */
  hits: Array<RawHit | undefined>;
  matched: number;
}

/** The engine: runs a query on an index and returns one page of ranked, highlighted results. */
export function search(index: SearchIndex, query: string, options: SearchOptions = {}): SearchResponse {
  const started = performance.now();
  const limit = options.limit ?? 10;
  const offset = options.offset ?? 0;
  const ranked = rankAll(index, query, options);

  const pageOf = <T>(items: T[]) => items.slice(offset, offset + limit);
  let results: SearchResult[];
  let total: number;
  if (options.group) {
    const groups = groupByArticle(index, ranked.candidates);
    total = groups.length;
    results = pageOf(groups).map(([best, ...rest]) => ({
      ...present(index, best!, ranked),
      more: rest.slice(0, MAX_MORE).map((c) => {
        const r = present(index, c, ranked);
        return { paragraph: r.paragraph, score: r.score, snippet: r.snippet };
      }),
    }));
  } else {
    total = ranked.candidates.length;
    results = pageOf(ranked.candidates).map((c) => present(index, c, ranked));
  }
  return { query, total, tookMs: round(performance.now() - started), results };
}

/**
 * The ranking alone, without snippets: the best `limit` paragraphs as
 * (article id, paragraph number, score). For evaluation and benchmarks, which
 * judge the ranking and need no highlighting; same code path as `search`.
 */
export function rankParagraphs(
  index: SearchIndex,
  query: string,
  options: SearchOptions = {},
): Array<{ id: string; paragraph: number; score: number }> {
  return rankAll(index, query, options)
    .candidates.slice(0, options.limit ?? 10)
    .map((c) => ({ id: index.articles[index.paragraphArticle[c.doc]!]!.id, paragraph: index.paragraphOrdinal[c.doc]!, score: c.score }));
}

function rankAll(index: SearchIndex, query: string, options: SearchOptions): Ranking {
  const parsed = parseQuery(query);
  const settings = {
    prefix: options.prefix ?? true,
    fuzzy: options.fuzzy ?? true,
    compounds: options.compounds ?? true,
    recency: options.recency ?? 0,
    proximity: options.proximity ?? true,
    questions: options.questions ?? true,
  };
  const first = rank(index, parsed, settings);
  if (!(options.expand ?? false) || !parsed.clauses.some((c) => c.type === 'term' && isInterrogative(c.text))) return first;
  const extra = expandFrom(index, parsed, first.candidates);
  return extra.length ? rank(index, parsed, settings, extra) : first;
}

/** Expansion terms from the best paragraphs of a first pass (see expansion.ts; a second pass adds them). */
function expandFrom(index: SearchIndex, parsed: ParsedQuery, ranked: readonly Candidate[]): ExpansionTerm[] {
  const stemsOf = (text: string) => index.analyzers.index.analyze(text).filter((t) => t.kind === 'stem').map((t) => t.term);
  const feedback = ranked.slice(0, EXPANSION.paragraphs).map((c) => ({ score: c.score, stems: stemsOf(index.texts.get(c.doc)) }));
  const queryStems = new Set(parsed.clauses.flatMap((c) => stemsOf(c.text)));
  const STEM = FIELDS.indexOf('stem');
  const df = (stem: string) => index.terms.get(stem)?.get(STEM)?.size ?? 0;
  return expansionTerms(feedback, queryStems, df, index.texts.count, EXPANSION);
}

interface Ranking {
  candidates: Candidate[];
  matched: (c: Candidate) => MatchedTerms;
  /** Phrase clauses with their index, so that whole phrases are marked (stop words included). */
  phrases: ReadonlyArray<readonly [CompiledClause, number]>;
}

/** Scores every matching paragraph; see scoring.ts for how. */
function rank(
  index: SearchIndex,
  parsed: ParsedQuery,
  options: MatchOptions & { recency: number; proximity: boolean; questions: boolean },
  expansion: readonly ExpansionTerm[] = [],
): Ranking {
  const { analyzers } = index;
  const clauses = parsed.clauses.map((c) => compileClause(analyzers, c));
  const candidates = new Map<number, Candidate>();
  const weights = options.questions ? clauseWeights(parsed.clauses) : parsed.clauses.map(() => 1);

  clauses.forEach((clause, i) => {
    const query = toMiniSearchQuery(index, clause, options);
    if (!query) return;
    const weight = weights[i]!;
    for (const [doc, hit] of executeRaw(index.engine, query)) {
      let c = candidates.get(doc);
      if (!c) {
        c = { doc, score: 0, hits: new Array(clauses.length), matched: 0 };
        candidates.set(doc, c);
      }
      c.hits[i] = hit;
      c.score += hit.score * weight;
      // Question scaffolding (weight below 1) does not count towards coordination.
      if (weight === 1) c.matched++;
    }
  });
  // Expansion terms add to the score, on stems only; they are no query words (no coordination, no highlight).
  for (const { term, weight } of expansion) {
    for (const [doc, hit] of executeRaw(index.engine, { combineWith: 'OR', queries: [{ queries: [term], fields: ['stem'] }], bm25: BM25 })) {
      let c = candidates.get(doc);
      if (!c) {
        c = { doc, score: 0, hits: new Array(clauses.length), matched: 0 };
        candidates.set(doc, c);
      }
      c.score += hit.score * weight;
    }
  }

  const excluded = new Set<number>();
  for (const clause of parsed.excluded) {
    const compiled = compileClause(analyzers, clause);
    const query = toExclusionQuery(compiled);
    if (!query) continue;
    for (const doc of executeRaw(index.engine, query).keys()) {
      if (clause.type === 'term' || containsPhrase(analyzers.phrase, index.texts.get(doc), compiled.phraseWords)) {
        excluded.add(doc);
      }
    }
  }

  const phrases = clauses.map((c, i) => [c, i] as const).filter(([c]) => c.clause.type === 'phrase');
  const filters = parsed.filters;
  let checks = 0;
  const kept: Candidate[] = [];
  for (const c of candidates.values()) {
    if (excluded.has(c.doc)) continue;
    if (filters.length && !passesFilters(index, c.doc, filters)) continue;
    // A phrase is required: its words must all match, adjacent and in order.
    let phrasesHold = true;
    for (const [phrase, i] of phrases) {
      if (!c.hits[i] || (checks++ < MAX_PHRASE_CHECKS && !containsPhrase(analyzers.phrase, index.texts.get(c.doc), phrase.phraseWords))) {
        phrasesHold = false;
        break;
      }
    }
    if (!phrasesHold) continue;
    c.score *= Math.sqrt(Math.max(c.matched, 1));
    if (options.recency > 0) c.score *= recencyFactor(index, c.doc, options.recency);
    kept.push(c);
  }
  // Only filters, no words (`tag:NATO`): every paragraph that passes, in index order.
  if (clauses.length === 0 && filters.length > 0) {
    for (let doc = 0; doc < index.texts.count; doc++) {
      if (!excluded.has(doc) && passesFilters(index, doc, filters)) kept.push({ doc, score: 0, hits: [], matched: 0 });
    }
  }
  const byScore = (a: Candidate, b: Candidate) => b.score - a.score || a.doc - b.doc;
  kept.sort(byScore);
  const matched = (c: Candidate) => matchedTerms(c, clauses);
  if (options.proximity && clauses.length > 1 && clauses.length <= PROXIMITY.maxWords) {
    const top = kept.slice(0, PROXIMITY.rerank);
    for (const c of top) {
      if (c.matched < 2) continue;
      const tokens = findMatchedTokens(index.analyzers.index, index.texts.get(c.doc), matched(c));
      c.score *= 1 + PROXIMITY.bonus * proximity(tokens);
    }
    top.sort(byScore);
    kept.splice(0, top.length, ...top);
  }
  return { candidates: kept, matched, phrases };
}

/**
 * Each clause's weight: 1, or QUESTION.weight for question scaffolding
 * (`wie viele`, `in welchem Jahr`). A query of scaffolding only (`wann`) is
 * taken as it is: its words are all it has.
 */
function clauseWeights(clauses: readonly Clause[]): number[] {
  const scaffold = questionScaffolding(clauses.map((c) => (c.type === 'term' ? c.text : '')));
  const content = clauses.some((c, i) => !scaffold[i] && c.type === 'term') || clauses.some((c) => c.type === 'phrase');
  return scaffold.map((s) => (s && content ? QUESTION.weight : 1));
}

/** `field:term` keys of every index term that matched, per clause, for highlighting. */
function matchedTerms(c: Candidate, clauses: readonly CompiledClause[]): MatchedTerms {
  return clauses.map((_, i) => {
    const keys = new Set<string>();
    const hit = c.hits[i];
    if (hit) for (const [term, fields] of Object.entries(hit.match)) for (const f of fields) keys.add(matchKey(f, term));
    return keys;
  });
}

function passesFilters(index: SearchIndex, doc: number, filters: readonly FieldFilter[]): boolean {
  const article = index.articles[index.paragraphArticle[doc]!]!;
  return filters.every((f) => {
    switch (f.field) {
      case 'tag':
        return article.tags.some((t) => sameValue(t, f.value));
      case 'category':
        return article.category !== null && sameValue(article.category, f.value);
      case 'source':
        return article.source !== null && sameValue(article.source, f.value);
      case 'id':
        return article.id === f.value;
      case 'date': {
        const d = article.date;
        if (!d) return false;
        return (f.from === null || d.slice(0, f.from.length) >= f.from) && (f.to === null || d.slice(0, f.to.length) <= f.to);
      }
    }
  });
}

function sameValue(a: string, b: string): boolean {
  return a.localeCompare(b, 'de', { sensitivity: 'base' }) === 0;
}

function groupByArticle(index: SearchIndex, ranked: readonly Candidate[]): Candidate[][] {
  const groups = new Map<number, Candidate[]>();
  for (const c of ranked) {
    const article = index.paragraphArticle[c.doc]!;
    const group = groups.get(article);
    if (group) group.push(c);
    else groups.set(article, [c]);
  }
  return [...groups.values()];
}

function present(index: SearchIndex, c: Candidate, ranking: Ranking): SearchResult {
  const article = index.articles[index.paragraphArticle[c.doc]!]!;
  const text = index.texts.get(c.doc);
  const tokens: Highlight[] = findMatchedTokens(index.analyzers.index, text, ranking.matched(c));
  for (const [phrase, clause] of ranking.phrases) {
    for (const [start, end] of findPhrase(index.analyzers.phrase, text, phrase.phraseWords)) tokens.push({ start, end, clause });
  }
  const highlights = mergeSpans(tokens);
  const snippet = makeSnippet(text, highlights);
  return {
    id: article.id,
    paragraph: index.paragraphOrdinal[c.doc]!,
    score: round(c.score),
    title: articleTitle(index, index.paragraphArticle[c.doc]!),
    text,
    snippet: snippet.html,
    highlights: highlights.map((h) => [h.start, h.end]),
    snippetRange: [snippet.start, snippet.end],
    date: article.date,
    url: article.url,
    source: article.source,
    category: article.category,
    tags: article.tags,
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
