import type { IndexReader } from '../index/index-reader';
import type { IoStats } from '../index/storage/byte-source';
import type { ReadBatch } from '../index/storage/read-batch';
import type { DictionaryBlock, ListInfo, TermEntry } from '../index/segment/dictionary';
import type { SegmentReader, TypoMatches } from '../index/segment/reader';
import { FIELD, metaKey } from '../index/segment/schema';
import { TypoScanner } from './fuzzy-scan';
import { termTableOf, type TermTable } from './term-table';
import { compileClause, hasUnindexedWords, type CompiledClause } from './compile';
import type { FieldFilter, ParsedQuery } from './query';
import { FUZZY, MIN_PREFIX, PREFIX, QUERY_PARTS, QUESTION, WEIGHTS } from './scoring';
import { questionScaffolding } from '../analysis/question-words';
import { synonymsOf } from './synonyms';

export interface MatchOptions {
  /** Prefix search on the word being typed. */
  prefix: boolean;
  /** Typo tolerance for words the index does not know. */
  fuzzy: boolean;
  /** Compound parts (the index must have been built with them). */
  compounds: boolean;
  /** Question scaffolding (`wie viele`, `in welchem Jahr`) weighs little and is no matched word. */
  questions: boolean;
  /**
   * Excluded phrases with stop words are checked on the text of the hits (engine.ts). Not when grouping: its walk
   * keeps one paragraph per article, and a paragraph dropped after it would take its article along. There such a
   * phrase is excluded on positions, which drops it wherever any word stands for a stop word (too many, never too few).
   */
  textChecks: boolean;
}

/** One term in one field that a query scores, with its weight, its statistics and its list in each segment. */
export interface PlannedList {
  term: string;
  field: number;
  /** The query word (or phrase) it answers. */
  clause: number;
  /** Term weight × field boost (see scoring.ts). */
  weight: number;
  /** Paragraphs containing it, over all segments. */
  docFreq: number;
  /** Its list in each segment (null where the segment lacks it). */
  lists: Array<ListInfo | null>;
  /** A word of another spelling of its clause that has several words (synonyms.ts): the id of that spelling, whose words must stand as a phrase. */
  alternative?: number;
  /** A typo candidate's list (known only after the typo wave). */
  typo?: true;
}

/** Another spelling of several words for a query word (synonyms.ts): its lists count for `clause` only where its words stand as a phrase. */
export interface PlannedAlternative {
  id: number;
  clause: number;
  compiled: CompiledClause;
}

/** A list found for a term in a segment. */
export interface TermList {
  term: string;
  field: number;
  info: ListInfo;
}

/** An excluded word or phrase: its lists per segment, and for a phrase, the words to check. */
export interface PlannedExclusion {
  lists: TermList[][];
  phrase: CompiledClause | null;
  /** A phrase with stop words: its positions would exclude any word where a stop word stands, so it is checked on the text (engine.ts), not in the walk. */
  onText: boolean;
}

/**
 * A filter resolved per segment: doc spans that pass (null: the whole segment passes), and the stretches of docs
 * that excluded dates drop (`-date:2024`).
 */
export type SegmentFilter = { lists: ListInfo[]; range: [number, number] | null; without: Array<[number, number]> } | 'none';

export interface QueryPlan {
  clauses: CompiledClause[];
  lists: PlannedList[];
  exclusions: PlannedExclusion[];
  /** Per segment: what the filters allow, or 'none' when nothing in the segment can pass. */
  filters: SegmentFilter[];
  /** Bit per query word that counts as matched (question scaffolding does not). */
  counted: number;
  /** Spellings of several words that query words also match (synonyms), checked as phrases. */
  alternatives: PlannedAlternative[];
}

/**
 * Turns a parsed query into the lists to score: analyses each word, looks
 * its terms up in every segment's dictionary in one wave (prefix ranges
 * included; typo candidates in a second wave only for words the index does
 * not know), and weighs each (term, field) as scoring.ts says.
 */
/**
 * Reads to add to the typo wave, when there is one: the plan without typo
 * candidates is known by then, and its lists' first postings need not wait
 * for the candidates (searcher.ts).
 */
export type AlongTypoWave = (provisional: QueryPlan, batch: ReadBatch) => void;

export async function planQuery(index: IndexReader, parsed: ParsedQuery, options: MatchOptions, io?: IoStats, alongTypoWave?: AlongTypoWave): Promise<QueryPlan> {
  const clauses = parsed.clauses.map((c) => compileClause(index.analyzers, c));
  const excluded = parsed.excluded.map((c) => compileClause(index.analyzers, c));
  const spellings = compiledAlternatives(index, parsed);
  const segments = index.segments;

  // Wave 1: every term of every word, its other spellings, exclusion and filter, and the prefix ranges, in every segment.
  const terms = new Set<string>();
  for (const c of [...clauses, ...excluded, ...spellings.flat()]) for (const t of [...c.exact, ...c.stem, ...c.part]) terms.add(t);
  const filterKeys = [...keysOf(parsed.filters), ...keysOf(parsed.excludedFilters)];
  for (const key of filterKeys) terms.add(key);
  const prefixOf = (c: CompiledClause) =>
    options.prefix && c.clause.type === 'term' && c.clause.prefix && c.exact.length > 0 && c.exact.every((t) => t.length >= MIN_PREFIX);
  const prefixes = new Set<string>();
  for (const c of clauses) if (prefixOf(c)) for (const t of c.exact) prefixes.add(t);

  const batch = index.newBatch();
  const termList = [...terms];
  const prefixList = [...prefixes];
  // The smallest segments' terms come from the reader's term table, once per term; the others' from their dictionaries.
  const table = termTableOf(index, batch);
  // The segments the table does not cover, each looked up in its own dictionary.
  const own = table ? segments.flatMap((_, s) => (table.covers(s) ? [] : [s])) : segments.map((_, s) => s);
  const lookups = own.map((s) => segments[s]!.lookupTerms(batch, termList));
  const prefixScans = own.map((s) => prefixList.map((p) => segments[s]!.withPrefix(batch, p, PREFIX.maxBlocks)));
  // A wave that failed rejects every read in it, before anything awaits them: none may go unhandled; the first error is thrown.
  for (const scan of lookups) scan.catch(() => undefined);
  for (const scans of prefixScans) for (const scan of scans) scan.catch(() => undefined);
  await index.run(batch, io);
  const [found, prefixFound] = await Promise.all([Promise.all(lookups), prefixList.length > 0 ? Promise.all(prefixScans.map((scans) => Promise.all(scans))) : []]);
  // Each term's entries, one per segment (null where the segment lacks it).
  const entriesOf = new Map<string, Array<TermEntry | null>>();
  termList.forEach((term, t) => {
    const entries = new Array<TermEntry | null>(segments.length).fill(null);
    for (let k = 0; k < own.length; k++) entries[own[k]!] = found[k]![t]!;
    if (table) {
      const n = table.find(term);
      if (n >= 0) table.entriesOf(n, entries);
    }
    entriesOf.set(term, entries);
  });
  const expansions = new Map<string, Map<string, Array<TermEntry | null>>>();
  for (const [k, p] of prefixList.entries()) {
    const byTerm = new FirstFound<Array<TermEntry | null>>(() => new Array<TermEntry | null>(segments.length).fill(null));
    for (const [o, s] of own.entries()) {
      const scan = prefixFound[o]![k]!;
      for (let i = 0; i < scan.terms.length; i++) byTerm.at(scan.terms[i]!, s)[s] = scan.entry(i);
    }
    if (table) {
      const [from, to] = table.prefixRange(p);
      for (let t = from; t < to; t++) table.forEachHolder(t, (s, block, i) => (byTerm.at(table.terms[t]!, s)[s] = block.entry(i)));
    }
    expansions.set(p, byTerm.inOrder());
  }
  const none = segments.map(() => null);
  const entryOf = (term: string): Array<TermEntry | null> => entriesOf.get(term) ?? none;
  const known = (term: string) => entryOf(term).some((e) => e !== null);

  // Typo candidates, only for words no segment knows (a second wave, rarely needed): exact words among the
  // text field's terms, and long stems among the stems (so a typo meets the word's other forms).
  const planWith = (fuzzyCandidates: ReadonlyMap<string, FuzzyCandidates>) =>
    finishPlan(index, parsed, options, clauses, excluded, spellings, entryOf, prefixOf, expansions, fuzzyCandidates);
  const along = alongTypoWave && ((batch: ReadBatch) => alongTypoWave(planWith(new Map()), batch));
  return planWith(options.fuzzy ? await typoCandidates(index, table, own, clauses, options, known, io, along) : new Map<string, FuzzyCandidates>());
}

/** The lists to score and how each weighs, once every term's entries (typo candidates included) are known. */
function finishPlan(
  index: IndexReader,
  parsed: ParsedQuery,
  options: MatchOptions,
  clauses: CompiledClause[],
  excluded: readonly CompiledClause[],
  spellings: readonly CompiledClause[][],
  entryOf: (term: string) => Array<TermEntry | null>,
  prefixOf: (c: CompiledClause) => boolean,
  expansions: ReadonlyMap<string, Map<string, Array<TermEntry | null>>>,
  fuzzyCandidates: ReadonlyMap<string, FuzzyCandidates>,
): QueryPlan {
  const segments = index.segments;

  const docFreqIn = (entries: ReadonlyArray<TermEntry | null>, field: number) => {
    let n = 0;
    for (const e of entries) if (e) n += listIn(e, field)?.docFreq ?? 0;
    return n;
  };

  // Question scaffolding weighs little (scoring.ts QUESTION) and does not count as a matched word.
  const clauseWeight = options.questions ? scaffoldingWeights(parsed.clauses) : parsed.clauses.map(() => 1);
  let counted = 0;
  clauseWeight.forEach((w, i) => {
    if (w === 1) counted |= 1 << i;
  });

  // The typo candidates of one word score with the document frequency of the most frequent of them (Lucene's
  // blended rewrite of fuzzy queries), so closeness ranks them, not rarity: `Bundeswehrr` means the common
  // `Bundeswehr` (one edit), not the rare `Bundeslehrer` (two), which its own frequency would put first.
  const blended = (typos: Iterable<[string, { distance: number; entries: ReadonlyArray<TermEntry | null> }]>, field: number) => {
    let most = 0;
    for (const [, { distance, entries }] of typos) if (distance > 0) most = Math.max(most, docFreqIn(entries, field));
    return most;
  };
  // Lists keyed by clause, term and field: MiniSearch sums a term found two ways, so weights add up.
  const planned = new Map<string, PlannedList>();
  // `typoDocFreq`: a typo candidate's, the document frequency it scores with (blended).
  const add = (clause: number, term: string, field: number, termWeight: number, entries: ReadonlyArray<TermEntry | null>, alternative?: number, typoDocFreq?: number) => {
    const weight = termWeight * clauseWeight[clause]!;
    const key = `${clause}\u0000${field}\u0000${term}\u0000${alternative ?? ''}`;
    const existing = planned.get(key);
    if (existing) {
      existing.weight += weight;
      return;
    }
    // The field's list in each segment and their paragraphs (nothing is made for a term no segment has in the field).
    const own = docFreqIn(entries, field);
    if (own === 0) return;
    const typo = typoDocFreq !== undefined;
    const docFreq = Math.max(own, typoDocFreq ?? 0);
    const lists = new Array<ListInfo | null>(entries.length);
    for (let s = 0; s < entries.length; s++) lists[s] = entries[s] ? listIn(entries[s]!, field) : null;
    planned.set(key, { term, field, clause, weight, docFreq, lists, ...(alternative === undefined ? {} : { alternative }), ...(typo ? { typo: true as const } : {}) });
  };

  clauses.forEach((c, i) => {
    for (const e of c.exact) {
      add(i, e, FIELD.text, WEIGHTS.exact, entryOf(e));
      const prefixTerms = new Set<string>();
      if (prefixOf(c)) {
        for (const [term, entries] of topExpansions(expansions.get(e)!, PREFIX.expansions)) {
          prefixTerms.add(term);
          if (term.length === e.length) continue;
          const weight = (WEIGHTS.prefix * term.length) / (term.length + 0.3 * (term.length - e.length));
          add(i, term, FIELD.text, weight * WEIGHTS.exact, entries);
        }
      }
      const textTypos = fuzzyCandidates.get(`${FIELD.text}:${e}`) ?? [];
      const textBlend = blended(textTypos, FIELD.text);
      for (const [term, { distance, entries }] of textTypos) {
        if (distance === 0 || prefixTerms.has(term)) continue;
        add(i, term, FIELD.text, ((WEIGHTS.fuzzy * term.length) / (term.length + distance)) * WEIGHTS.exact, entries, undefined, textBlend);
      }
    }
    for (const s of c.stem) {
      const entries = entryOf(s);
      add(i, s, FIELD.stem, WEIGHTS.stem, entries);
      add(i, s, FIELD.title, WEIGHTS.title, entries);
      if (options.compounds) add(i, s, FIELD.part, WEIGHTS.partOfParagraphWord, entries);
      // A long stem the index lacks: its typo candidates among the stems score as the stem would, at the typo weight.
      const stemTypos = fuzzyCandidates.get(`${FIELD.stem}:${s}`) ?? [];
      const [stemBlend, titleBlend] = [blended(stemTypos, FIELD.stem), blended(stemTypos, FIELD.title)];
      for (const [term, { distance, entries: found }] of stemTypos) {
        if (distance === 0) continue;
        const weight = (WEIGHTS.fuzzy * term.length) / (term.length + distance);
        add(i, term, FIELD.stem, weight * WEIGHTS.stem, found, undefined, stemBlend);
        add(i, term, FIELD.title, weight * WEIGHTS.title, found, undefined, titleBlend);
      }
    }
    // A compound query word is also sought by its parts only when the word itself is rare in the index:
    // `Militärhilfe` then finds `Hilfe für das Militär`, while a common compound is not diluted by its parts.
    if (options.compounds && c.part.length > 0 && c.stem.every((s) => docFreqIn(entryOf(s), FIELD.stem) < QUERY_PARTS.maxWordFrequency)) {
      for (const p of c.part) {
        const entries = entryOf(p);
        add(i, p, FIELD.stem, WEIGHTS.partOfQueryWord, entries);
        add(i, p, FIELD.part, WEIGHTS.partOfQueryWord, entries);
      }
    }
  });

  // Other spellings (synonyms) score as the word they stand for: exact and stem, no prefix or typos; one of several
  // words scores its share, and only where they stand as a phrase (the walk checks).
  const alternatives: PlannedAlternative[] = [];
  spellings.forEach((list, i) => {
    for (const c of list) {
      if (c.phraseWords.length <= 1) {
        for (const e of c.exact) add(i, e, FIELD.text, WEIGHTS.exact, entryOf(e));
        for (const t of c.stem) {
          add(i, t, FIELD.stem, WEIGHTS.stem, entryOf(t));
          add(i, t, FIELD.title, WEIGHTS.title, entryOf(t));
        }
        continue;
      }
      const id = alternatives.length;
      alternatives.push({ id, clause: i, compiled: c });
      const share = 1 / c.phraseWords.length;
      for (const e of c.exact) add(i, e, FIELD.text, WEIGHTS.exact * share, entryOf(e), id);
      for (const t of c.stem) add(i, t, FIELD.stem, WEIGHTS.stem * share, entryOf(t), id);
    }
  });

  // Exclusions are stricter: exact or stem, no prefix, typos or parts.
  const listOf = (s: number, term: string, field: number): TermList[] => {
    const info = entryOf(term)[s]?.lists.find((l) => l.field === field);
    return info ? [{ term, field, info }] : [];
  };
  const exclusions: PlannedExclusion[] = excluded.map((c) => ({
    lists: segments.map((_, s) => [...c.exact.flatMap((t) => listOf(s, t, FIELD.text)), ...c.stem.flatMap((t) => listOf(s, t, FIELD.stem))]),
    phrase: c.clause.type === 'phrase' ? c : null,
    onText: options.textChecks && hasUnindexedWords(c, index.root.analysis.stem),
  }));
  // An excluded filter (`-tag:NATO`) is an excluded term of the metadata field: its postings span whole articles.
  for (const key of keysOf(parsed.excludedFilters)) exclusions.push({ lists: segments.map((_, s) => listOf(s, key, FIELD.meta)), phrase: null, onText: false });

  const unfiltered: SegmentFilter = { lists: [], range: null, without: [] };
  const excludedDates = parsed.excludedFilters.flatMap((f) => (f.field === 'date' ? [f] : []));
  const filters: SegmentFilter[] = segments.map((segment, s) => {
    // Docs are in date order within a segment: an excluded date range is one stretch of docs.
    const without = excludedDates.map((f) => segment.docsBetween(f.from, f.to)).filter(([a, b]) => a < b);
    if (parsed.filters.length === 0) return without.length ? { lists: [], range: null, without } : unfiltered;
    let range: [number, number] | null = null;
    const lists: ListInfo[] = [];
    for (const f of parsed.filters) {
      if (f.field === 'date') {
        const r = segment.docsBetween(f.from, f.to);
        range = range ? [Math.max(range[0], r[0]), Math.min(range[1], r[1])] : r;
        if (range[0] >= range[1]) return 'none';
      } else {
        const list = entryOf(metaKey(f.field, f.value))[s]?.lists.find((l) => l.field === FIELD.meta);
        if (!list) return 'none';
        lists.push(list);
      }
    }
    return { lists, range, without };
  });

  return {
    clauses,
    lists: [...planned.values()],
    exclusions,
    filters,
    counted,
    alternatives,
  };
}

/** The metadata terms of filters (`tag:NATO` → `\u0001tag:nato`); dates are ranges of docs, no terms. */
function keysOf(filters: readonly FieldFilter[]): string[] {
  return filters.flatMap((f) => (f.field === 'date' ? [] : [metaKey(f.field, f.value)]));
}

/** An entry's list in `field`, if it has one. */
function listIn(entry: TermEntry, field: number): ListInfo | null {
  for (const list of entry.lists) if (list.field === field) return list;
  return null;
}

/** A query word's typo candidates in one field: each term within reach, its distance and its entry per segment. */
type FuzzyCandidates = Map<string, { distance: number; entries: Array<TermEntry | null> }>;

/**
 * Terms found segment by segment, kept in the order a scan of one segment
 * after the other finds them: by the first segment holding each, then in
 * term order. That order is the plan's order of lists (and so the order in
 * which a doc's scores add up), whether the terms came from each segment's
 * dictionary or from the term table, which yields them term by term.
 */
class FirstFound<V> {
  private readonly found = new Map<string, { value: V; first: number }>();

  constructor(private readonly make: () => V) {}

  /** The value of `term`, found (again) in segment `s`. */
  at(term: string, s: number): V {
    const known = this.found.get(term);
    if (known) {
      if (s < known.first) known.first = s;
      return known.value;
    }
    const value = this.make();
    this.found.set(term, { value, first: s });
    return value;
  }

  inOrder(): Map<string, V> {
    const all = [...this.found].sort(([a, x], [b, y]) => x.first - y.first || (a < b ? -1 : a > b ? 1 : 0));
    return new Map(all.map(([term, { value }]) => [term, value]));
  }
}

/**
 * Typo candidates of the words no segment knows, keyed `field:word`: exact
 * words among the text field's terms, long stems among the stems. A word
 * sought in both fields is scanned once, at the larger distance, each
 * candidate then kept for the fields it has a list in and is close enough
 * for. One scanner serves every block of every segment, and blocks whose
 * terms all start where no candidate can are not read
 * (SegmentReader.typoBlockNumbers); the segments the term table covers are
 * scanned once, in the table. What a segment's scan found is remembered
 * (SegmentCaches.typos): the word asked again reads and walks only the
 * blocks its candidates are in.
 */
async function typoCandidates(
  index: IndexReader,
  table: TermTable | null,
  own: readonly number[],
  clauses: readonly CompiledClause[],
  options: MatchOptions,
  known: (term: string) => boolean,
  io: IoStats | undefined,
  along?: (batch: ReadBatch) => void,
): Promise<Map<string, FuzzyCandidates>> {
  const out = new Map<string, FuzzyCandidates>();
  // Edits allowed per word in each field (0: not sought there); a later clause's say overrides an earlier one's.
  const wanted = new Map<string, { text: number; stem: number }>();
  const want = (t: string) => wanted.get(t) ?? (wanted.set(t, { text: 0, stem: 0 }), wanted.get(t)!);
  for (const c of clauses) {
    for (const t of c.exact) {
      const d = fuzzyDistance(t, known(t), options.compounds && c.part.length > 0);
      if (d) want(t).text = d;
    }
    // A stem gets the edits its word gets (two for a long word that is no compound), so a word with two typos
    // reaches the other forms of the word it misspells, not only the one form within two edits of it.
    for (const t of c.stem) {
      const d = t.length >= FUZZY.stemFrom ? fuzzyDistance(t, known(t), options.compounds && c.part.length > 0) : 0;
      if (d) want(t).stem = d;
    }
  }
  if (wanted.size === 0) return out;
  const segments = index.segments;
  const batch = index.newBatch();
  // Per word and segment, what an earlier scan found (its blocks only are read), or the blocks to scan.
  const scans = [...wanted].map(([word, w]) => {
    const edits = Math.max(w.text, w.stem);
    const scanner = new TypoScanner(word, edits);
    // Two edits are sought in the first two letters' slice; the first letter's slice is ruled in or out at one.
    const oneEdit = edits > 1 ? new TypoScanner(word, 1) : scanner;
    const bySegment = own.map((s) => {
      const segment = segments[s]!;
      const remembered = segment.typosOf(word, edits);
      const numbers = remembered ? remembered.blocks : typoBlocks(segment, word, scanner, oneEdit);
      return { remembered, numbers, blocks: segment.dictionaryBlocksAt(batch, numbers) };
    });
    return { word, w, edits, scanner, bySegment };
  });
  const reads = scans.flatMap(({ bySegment }) => bySegment.map((b) => b.blocks).filter((b) => b instanceof Promise));
  for (const read of reads) read.catch(() => undefined);
  if (reads.length > 0) along?.(batch);
  await index.run(batch, io);
  // Candidates in the order a scan segment by segment finds them (FirstFound): the plan's order of lists.
  for (const { word, w, edits, scanner, bySegment } of scans) {
    type Candidate = { distance: number; entries: Array<TermEntry | null> };
    const candidate = () => ({ distance: 0, entries: new Array<TermEntry | null>(segments.length).fill(null) });
    const text = new FirstFound<Candidate>(candidate);
    const stem = new FirstFound<Candidate>(candidate);
    const keep = (block: DictionaryBlock, i: number, distance: number, s: number) => {
      const inText = distance <= w.text && block.hasField(i, FIELD.text);
      const inStem = distance <= w.stem && block.hasField(i, FIELD.stem);
      if (!inText && !inStem) return;
      const entry = block.entry(i);
      const term = entry.term;
      const put = (into: FirstFound<Candidate>) => {
        const found = into.at(term, s);
        found.distance = distance;
        found.entries[s] = entry;
      };
      if (inText) put(text);
      if (inStem) put(stem);
    };
    for (const [o, s] of own.entries()) {
      const { remembered, numbers, blocks: pending } = bySegment[o]!;
      // Cached blocks come as they are: a query over many small segments would otherwise wait a tick per segment.
      const blocks = pending instanceof Promise ? await pending : pending;
      if (remembered) {
        const { hits } = remembered;
        for (let h = 0; h < hits.length; h += 3) keep(blocks[hits[h]!]!, hits[h + 1]!, hits[h + 2]!, s);
        continue;
      }
      const found: number[] = [];
      for (const [k, block] of blocks.entries()) {
        scanner.scanFrontCoded(block, (i, distance) => {
          found.push(k, i, distance);
          keep(block, i, distance, s);
        });
      }
      segments[s]!.rememberTypos(word, edits, typoMatches(numbers, found));
    }
    if (table) scanner.scan(table.terms, (t, distance) => table.forEachHolder(t, (s, block, i) => keep(block, i, distance, s)));
    if (w.text) out.set(`${FIELD.text}:${word}`, text.inOrder());
    if (w.stem) out.set(`${FIELD.stem}:${word}`, stem.inOrder());
  }
  return out;
}

/**
 * The dictionary blocks a typo scan of `word` reads in a segment: those of its first letter's slice that may
 * hold a term within one edit (`oneEdit`), and, where `scanner` allows two (only with the first two letters,
 * see TypoScanner), those of its first two letters' slice that may hold one within two. A two-edit check of a
 * whole letter's slice would rule out few blocks.
 */
function typoBlocks(segment: SegmentReader, word: string, scanner: TypoScanner, oneEdit: TypoScanner): number[] {
  const mayHold = (s: TypoScanner) => (low: string, high: string | undefined) => s.mayHoldBetween(low, high);
  const wide = segment.typoBlockNumbers(word[0]!, word, FUZZY.maxBlocks, mayHold(oneEdit));
  if (scanner === oneEdit) return wide;
  const near = segment.typoBlockNumbers(word.slice(0, 2), word, FUZZY.maxBlocks, mayHold(scanner));
  return [...new Set([...wide, ...near])].sort((a, b) => a - b);
}

/** What a scan of blocks `numbers` found (`found`: block index, entry, distance, a term at a time), kept with only the blocks it found terms in. */
function typoMatches(numbers: readonly number[], found: readonly number[]): TypoMatches {
  const blocks: number[] = [];
  const at = new Map<number, number>();
  const hits = new Int32Array(found.length);
  for (let h = 0; h < found.length; h += 3) {
    const k = found[h]!;
    let used = at.get(k);
    if (used === undefined) at.set(k, (used = blocks.push(numbers[k]!) - 1));
    hits[h] = used;
    hits[h + 1] = found[h + 1]!;
    hits[h + 2] = found[h + 2]!;
  }
  return { blocks, hits };
}

/** The other spellings of each query word (synonyms.ts), compiled as phrases: their words, in order. */
function compiledAlternatives(index: IndexReader, parsed: ParsedQuery): CompiledClause[][] {
  const synonyms = synonymsOf(index);
  if (!synonyms) return parsed.clauses.map(() => []);
  return synonyms.alternatives(parsed.clauses).map((list) => list.map((text) => compileClause(index.analyzers, { type: 'phrase', text })));
}

/**
 * MiniSearch's prefix expansion: the terms that start with the prefix and
 * occur most often (over all fields). A short prefix of a word being typed
 * can stand for thousands of terms; scoring them all costs more than the
 * rare ones could add to the ranking.
 */
function topExpansions(byTerm: Map<string, Array<TermEntry | null>>, limit: number): Array<[string, Array<TermEntry | null>]> {
  const all = [...byTerm];
  if (all.length <= limit) return all;
  const weight = (entries: Array<TermEntry | null>) => entries.reduce((n, e) => n + (e?.lists.reduce((m, l) => m + l.docFreq, 0) ?? 0), 0);
  return all
    .map(([term, entries]) => ({ term, entries, n: weight(entries) }))
    .sort((a, b) => b.n - a.n || (a.term < b.term ? -1 : 1))
    .slice(0, limit)
    .sort((a, b) => (a.term < b.term ? -1 : 1))
    .map(({ term, entries }) => [term, entries]);
}

/**
 * Each query word's weight: 1, or QUESTION.weight for question scaffolding
 * (`wie viele`, `in welchem Jahr`). A query of scaffolding only (`wann`) is
 * taken as it is: its words are all it has.
 */
function scaffoldingWeights(clauses: ParsedQuery['clauses']): number[] {
  const scaffold = questionScaffolding(clauses.map((c) => (c.type === 'term' ? c.text : '')));
  const content = clauses.some((c, i) => !scaffold[i] && c.type === 'term') || clauses.some((c) => c.type === 'phrase');
  return scaffold.map((s) => (s && content ? QUESTION.weight : 1));
}

/**
 * Edits allowed for a term: none for short terms and for terms the index
 * knows (a known word is no typo). A word the dictionary splits into parts is
 * a real compound the corpus lacks rather than a typo, and its parts already
 * find it: it gets one edit, not two.
 */
function fuzzyDistance(term: string, known: boolean, compound: boolean): number {
  if (term.length < FUZZY.minLength || known) return 0;
  return term.length >= FUZZY.twoEditsFrom && !compound ? 2 : 1;
}

export type { FieldFilter };
