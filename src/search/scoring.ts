import { FIELD } from '../index/segment/schema';

/**
 * Every number that decides ranking, in one place.
 *
 * A paragraph's score is the sum, over the query's words, of that word's
 * BM25+ score (MiniSearch's formula, k=1.2, b=0.7, d=0.5, per field, with the
 * field weights below; question scaffolding at QUESTION.weight), multiplied by
 * the square root of the number of query words it matched (scaffolding does
 * not count) — so a paragraph that matches more of the words ranks higher,
 * though less steeply than MiniSearch's own factor, the number itself, which
 * measured worse on the question sets — then by the recency factor when asked
 * for, and for the best paragraphs by a small bonus when matched words stand
 * close together (PROXIMITY below).
 *
 * One query word is looked up as several terms, in fields of their own
 * (see src/index/segment/schema.ts). Because a word that matches exactly also matches
 * by stem, an exact match earns both weights and outranks a stem-only match,
 * which outranks a compound-part match, which outranks prefix and fuzzy ones.
 */
export const WEIGHTS = {
  /** The folded surface form in the paragraph (`Militärhilfe` for `Militaerhilfe`). */
  exact: 1.0,
  /** The stem or lemma in the paragraph (`Militärhilfen`, `gewann` for `gewonnen`). */
  stem: 1.0,
  /**
   * The stem in the article's title. A title match lifts every paragraph of
   * the article, most of which do not speak of what the title names: in an
   * archive of long documents (a law of hundreds of paragraphs, a speech) it
   * outweighed the words of the paragraph itself. Half a paragraph match:
   * measured with laws and speeches around the judged paragraphs, and
   * without them (docs/QUALITY.md, "With 1.74 M distractors").
   */
  title: 0.5,
  /** The query word is a part of a compound in the paragraph (`Hilfe` → `Militärhilfe`). */
  partOfParagraphWord: 0.4,
  /** A part of a compound query word is in the paragraph (`Militärhilfe` → `Hilfe für das Militär`). */
  partOfQueryWord: 0.25,
  /** MiniSearch's weights for derived matches, scaled by how far the term is from the query. */
  prefix: 0.375,
  fuzzy: 0.45,
} as const;

/** BM25+ parameters (MiniSearch's defaults: k 1.2, b 0.7, d 0.5). */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/**
 * The length BM25 normalises a paragraph's words against (its pivot), for
 * the fields whose length is the paragraph's length in words (`text`,
 * `stem`): the average over paragraphs of at least `minLength` terms, and a
 * paragraph shorter than that is scored as if it had `minLength`
 * (src/search/length-pivot.ts). A paragraph of fewer terms than a sentence
 * has content words is a heading, a list item, an interjection, a repealed
 * section: an archive of laws and speeches holds them by the hundred
 * thousand, and with the plain average they dragged the pivot to a quarter
 * of a news paragraph's length and won on a single matched word
 * (docs/QUALITY.md, "With 1.74 M distractors"). Below
 * EXACT_NORM_LENGTHS (codec/norms.ts), where segments count lengths.
 */
export const LENGTH_PIVOT = { minLength: 12, fields: [FIELD.text, FIELD.stem] as readonly number[] } as const;

/**
 * A compound query word is also sought by its parts only when it occurs in
 * fewer paragraphs than this. At 10, a large archive (laws, speeches) held
 * most compounds of a question more often than that, their parts were no
 * longer sought, and the paragraph saying `Dauer` for `Gültigkeitsdauer`
 * lost to short ones holding the compound itself (docs/QUALITY.md,
 * "With 1.74 M distractors").
 */
export const QUERY_PARTS = { maxWordFrequency: 1000 } as const;

/** Prefix search expands only words of at least this many letters. */
export const MIN_PREFIX = 3;

/**
 * Prefix expansion: the word being typed stands for at most `expansions`
 * terms, those found in the most paragraphs, among the terms of at most
 * `maxBlocks` dictionary blocks (a two-letter prefix of a large archive would
 * otherwise read much of the dictionary).
 */
export const PREFIX = { expansions: 64, maxBlocks: 8 } as const;

/**
 * Typo tolerance: only words long enough to bear an edit get one (two from
 * this length on, except compounds the dictionary splits: see compile.ts).
 * One edit instead of two for those cost 0.001 MRR@10 on xglue-qam-de and
 * took the one- and two-word p50 from 1.13 to 1.0 ms (22k paragraphs).
 * A stem the index does not know gets the edits its word gets, from
 * `stemFrom` letters, so that a typo in a long word meets the word's other
 * forms (Personengeselslchaft → Personengesellschaften; with two edits,
 * unpfendbsrer → Unpfändbare, which the word itself is three edits from);
 * shorter stems are too close to a truncated word (Regieru is no typo of
 * Regierung). Only a word no segment knows pays for it: the second edit
 * widens its stem's scan and adds candidates' lists.
 */
export const FUZZY = { minLength: 5, twoEditsFrom: 9, stemFrom: 9, maxBlocks: 256 } as const;

/** Matches are counted exactly up to this many; beyond, the total is shown as "mehr als" this. */
export const TOTALS = { exactUpTo: 1000 } as const;

/**
 * Proximity: the best `rerank` paragraphs by BM25 get up to `bonus` more
 * (score × (1 + bonus × share of matched words standing within `window`
 * positions of the next one)). Only the top is re-ranked: their positions
 * are read for those hits alone, in the wave that also fetches the page's texts.
 * Only for keyword queries of up to `maxWords` words: in a long question,
 * words standing together in the paragraph say little (measured with
 * `npm run eval`: proximity cost 0.001–0.003 MRR@10 on the question sets).
 */
export const PROXIMITY = { window: 3, bonus: 0.25, rerank: 30, maxWords: 4 } as const;

/**
 * Question scaffolding (src/analysis/question-words.ts: interrogatives,
 * `wie viele`, `in welchem Jahr`, `wie heißt`): its words score at `weight`
 * times a content word's and do not count as matched words, so a paragraph
 * is not preferred for containing "viele" or "Jahr". Not zero: where a
 * scaffolding word does occur near the answer it still tells a little.
 */
export const QUESTION = { weight: 0.2 } as const;

/** Snippet length bounds in characters. */
export const SNIPPET = { target: 200, max: 240 } as const;

/** Optional recency boost (search option `recency`: half-life in days): up to `weight` more for the newest. */
export const RECENCY = { weight: 0.3 } as const;
