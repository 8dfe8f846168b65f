import type { Query } from 'minisearch';
import type { Analyzers } from '../analysis/german';
import type { Token } from '../analysis/token';
import type { SearchIndex } from '../index/search-index';
import type { Clause } from './query';
import { FIELDS } from '../index/schema';
import { BM25, FUZZY, MIN_PREFIX, QUERY_PARTS, WEIGHTS } from './scoring';

/** What one query word (or phrase) becomes: its analysed terms, by kind. */
export interface CompiledClause {
  clause: Clause;
  exact: string[];
  stem: string[];
  part: string[];
  /** For phrases: the exact and stem terms at each successive word position. */
  phraseWords: Array<{ exact: string; stem: string | null; start: number; end: number }>;
}

export interface MatchOptions {
  /** Prefix search on the word being typed. */
  prefix: boolean;
  /** Typo tolerance for words the index does not know. */
  fuzzy: boolean;
  /** Compound parts (the index must have been built with them). */
  compounds: boolean;
}

/**
 * Analyses a clause with the index's query analyzer. Phrases are also
 * analysed with the phrase analyzer (the same chain without stop words),
 * because a phrase must match word for word, stop words included (`"jeden Dollar"`).
 */
export function compileClause(analyzers: Analyzers, clause: Clause): CompiledClause {
  const tokens = analyzers.query.analyze(clause.text);
  const compiled: CompiledClause = {
    clause,
    exact: unique(tokens, 'exact'),
    stem: unique(tokens, 'stem'),
    part: unique(tokens, 'part'),
    phraseWords: [],
  };
  if (clause.type === 'phrase') compiled.phraseWords = phraseWords(analyzers.phrase.analyze(clause.text));
  return compiled;
}

/**
 * The MiniSearch query for one word: its exact form in `text` (with prefix
 * and typo tolerance), its stem in `stem` and `title`, its stem among
 * compound parts, and — for a compound query word — its parts among stems.
 * Weights are explained in scoring.ts.
 */
export function toMiniSearchQuery(index: SearchIndex, c: CompiledClause, options: MatchOptions): Query | null {
  const queries: Query[] = [];
  // A prefix of one or two letters says too little to expand; it is matched as typed.
  const prefix = options.prefix && c.clause.type === 'term' && c.clause.prefix && c.exact.every((t) => t.length >= MIN_PREFIX);
  if (c.exact.length) {
    queries.push({
      queries: c.exact,
      fields: ['text'],
      boost: { text: WEIGHTS.exact },
      prefix,
      fuzzy: options.fuzzy ? (term: string) => fuzzyDistance(index, term, options.compounds && c.part.length > 0) : false,
      weights: { prefix: WEIGHTS.prefix, fuzzy: WEIGHTS.fuzzy },
    });
  }
  if (c.stem.length) {
    queries.push({
      queries: c.stem,
      fields: ['stem', 'title'],
      boost: { stem: WEIGHTS.stem, title: WEIGHTS.title },
      // A typo in a long word also meets the word's other forms through its stem (Personengeselslchaft → Personengesellschaften).
      fuzzy: options.fuzzy ? (term: string) => (term.length >= FUZZY.stemFrom ? fuzzyDistance(index, term, true) : false) : false,
      weights: { fuzzy: WEIGHTS.fuzzy, prefix: WEIGHTS.prefix },
    });
    if (options.compounds) {
      queries.push({ queries: c.stem, fields: ['part'], boost: { part: WEIGHTS.partOfParagraphWord } });
    }
  }
  if (c.part.length && options.compounds && rareInIndex(index, c.stem)) {
    queries.push({
      queries: c.part,
      fields: ['stem', 'part'],
      boost: { stem: WEIGHTS.partOfQueryWord, part: WEIGHTS.partOfQueryWord },
    });
  }
  return queries.length ? { combineWith: 'OR', queries, bm25: BM25 } : null;
}

/**
 * A compound query word is also looked up by its parts only when the word
 * itself is rare in the index: `Militärhilfe` then finds `Hilfe für das
 * Militär`, while a common compound (`Griechenland`) is not diluted by its
 * parts (`Land`).
 */
function rareInIndex(index: SearchIndex, stems: readonly string[]): boolean {
  const STEM = FIELDS.indexOf('stem');
  return stems.every((s) => (index.terms.get(s)?.get(STEM)?.size ?? 0) < QUERY_PARTS.maxWordFrequency);
}

/** The stricter lookup for excluded words: exact or stem, no prefix, typos or parts. */
export function toExclusionQuery(c: CompiledClause): Query | null {
  const queries: Query[] = [];
  if (c.exact.length) queries.push({ queries: c.exact, fields: ['text'] });
  if (c.stem.length) queries.push({ queries: c.stem, fields: ['stem'] });
  return queries.length ? { combineWith: 'OR', queries } : null;
}

/**
 * Edits allowed for a term (a folded word, or a stem of one): none for short terms and for terms the index
 * knows (a known word is no typo). A word the dictionary splits into parts is
 * a real compound the corpus lacks rather than a typo, and its parts already
 * find it: it gets one edit, not two — a two-edit scan of the vocabulary for
 * a long compound (`Fuhrparkmanager`) took ~40 ms.
 */
function fuzzyDistance(index: SearchIndex, term: string, compound: boolean): number | false {
  if (term.length < FUZZY.minLength || index.terms.has(term)) return false;
  return term.length >= FUZZY.twoEditsFrom && !compound ? 2 : 1;
}

function unique(tokens: readonly Token[], kind: Token['kind']): string[] {
  const seen = new Set<string>();
  for (const t of tokens) if (t.kind === kind) seen.add(t.term);
  return [...seen];
}

/** One entry per word position, skipping the joined whole of hyphenated words (its parts follow). */
export function phraseWords(tokens: readonly Token[]): CompiledClause['phraseWords'] {
  // One pass (it runs over every paragraph a phrase is checked in): the stem filter puts a word's
  // stem right after it, and a hyphenated whole is followed by its first piece at the same position.
  const words: Array<CompiledClause['phraseWords'][number] & { position: number }> = [];
  for (const t of tokens) {
    const last = words[words.length - 1];
    if (t.kind === 'exact') {
      if (last && last.position === t.position) words.pop(); // the hyphenated whole gives way to its pieces
      words.push({ exact: t.term, stem: null, start: t.start, end: t.end, position: t.position });
    } else if (t.kind === 'stem' && last && last.start === t.start && last.end === t.end) {
      last.stem = t.term;
    }
  }
  return words;
}
