import type { Analyzer } from '../analysis/analyzer';
import { TermCache } from '../analysis/term-cache';
import { isAsciiWordChar, WordRuns } from '../analysis/tokenizer';
import type { Highlight } from './highlight';

/**
 * Where the words of `text` stand whose surface form (what `surface`, the
 * tokenizer with normalising, lowercasing and folding, makes of them) is one
 * of `clauseOf`'s terms, marked with its clause: exactly the tokens of
 * `surface.analyze(text)` whose term `clauseOf` holds, in the same order,
 * but without analysing the whole text. A results page asks this of every
 * long paragraph shown whenever the query has a prefix or typo expansion (the
 * last word typed always has), and the expansions are a handful of terms
 * among the hundreds of words of an article.
 *
 * The words are found as the tokenizer finds them (pieces, and a hyphenated
 * word's joined whole before its pieces); a word is analysed only if the
 * first one or two letters its surface form must start with (known from the
 * raw word without analysing it, see `knownStart`) begin some term, or if
 * they cannot be known that way; its surface form is then memoised by the
 * raw word, as news repeats its words.
 *
 * With `words`, also appends to it the span of every word piece, by
 * position: what `wordSpans(text)` gives, from the same scan, so that the
 * caller need not scan the text for them a second time.
 */
export function expansionMatches(
  text: string,
  clauseOf: ReadonlyMap<string, number>,
  surface: Analyzer,
  words?: Array<[number, number]>,
): Highlight[] {
  const starts = StartsOfTerms.of(clauseOf.keys());
  const memo = memoOf(surface);
  const out: Highlight[] = [];
  // A piece, or pieces joined, is a single word to the tokenizer: its one token (none if it folds to nothing).
  const surfaceTerm = (word: string) => surface.analyze(word)[0]?.term ?? '';
  const mark = (word: string, start: number, end: number) => {
    const term = memo.getOrCompute(word, surfaceTerm);
    const clause = clauseOf.get(term);
    if (clause !== undefined && term !== '') out.push({ start, end, clause });
  };
  // A piece is made a string and analysed only if its start may begin a term.
  const markPiece = (s: number, e: number) => {
    if (starts.mayStart(knownStart(text.charCodeAt(s), s + 1 < e ? text.charCodeAt(s + 1) : -1, s + 2 < e ? text.charCodeAt(s + 2) : -1))) {
      mark(text.slice(s, e), s, e);
    }
  };
  // The tokenizer's walk, with word spans in place of tokens.
  const runs = new WordRuns(text);
  while (runs.next()) {
    const pieces = runs.pieces;
    if (pieces === null) {
      words?.push([runs.start, runs.end]);
      markPiece(runs.start, runs.end);
      continue;
    }
    // The joined whole first, at the span of all its pieces, as the tokenizer emits it; then each piece.
    if (starts.mayStart(knownStart(codeInPieces(text, pieces, 0), codeInPieces(text, pieces, 1), codeInPieces(text, pieces, 2)))) {
      mark(pieces.map(([s, e]) => text.slice(s, e)).join(''), runs.start, runs.end);
    }
    for (const piece of pieces) {
      words?.push(piece);
      markPiece(piece[0], piece[1]);
    }
  }
  return out;
}

/** No start known: the word must be analysed. */
const UNKNOWN = -1;
/** Keys below this are one known letter (its code); from it on, two (`TWO + first * 128 + second`). */
const TWO = 128;

/**
 * What the surface form of a word must start with, from the word's first
 * three code units (-1 past its end): `TWO + a * 128 + b` when it starts with
 * the two ASCII characters a b, a one-letter key a when only its first is
 * known, UNKNOWN otherwise.
 *
 * Why the raw characters tell: an ASCII letter or digit is its own
 * normalised form (NFKC) and lowercases to an ASCII letter; folding keeps it
 * (ß and umlauts are not ASCII, other diacritics come off combining marks);
 * but a following combining mark would compose with it (`e` + U+0301 is `é`,
 * which unfolded stays `é`), and so would one after an invisible character
 * the normalising drops (a soft hyphen, U+00AD; the others lie above
 * U+0300). Below U+0300 there is no combining mark, and a character there
 * normalises to starters only, so a next code unit there (other than the soft
 * hyphen), or none, leaves the letter as it is. Folding drops the `e` of a
 * leading `ae`, `oe`, `ue` (as in `Uebel`) unless the word is listed with the
 * vowel pair, so a second letter `e` after `a`, `o` or `u` is not known.
 */
export function knownStart(c0: number, c1: number, c2: number): number {
  if (!isAsciiWordChar(c0)) return UNKNOWN;
  if (!leavesPreviousAlone(c1)) return UNKNOWN;
  const a = lowerAscii(c0);
  if (c1 < 0 || !isAsciiWordChar(c1) || !leavesPreviousAlone(c2)) return a;
  const b = lowerAscii(c1);
  if (b === 0x65 && (a === 0x61 || a === 0x6f || a === 0x75)) return a;
  return TWO + a * 128 + b;
}

/** Whether a code unit (or -1, none) after a character can never change what that character normalises to. */
function leavesPreviousAlone(code: number): boolean {
  return code < 0x300 && code !== 0xad;
}

function lowerAscii(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

/** The code unit at offset `k` of the pieces joined (-1 past their end). */
function codeInPieces(text: string, pieces: ReadonlyArray<[number, number]>, k: number): number {
  for (const [s, e] of pieces) {
    if (k < e - s) return text.charCodeAt(s + k);
    k -= e - s;
  }
  return -1;
}

/**
 * The starts (first letter; first two letters) of a set of terms, to test a word's `knownStart` against. A handful
 * of terms, made anew for every paragraph shown: sets of their keys, not tables of every possible start.
 */
class StartsOfTerms {
  private readonly keys = new Set<number>();

  static of(terms: Iterable<string>): StartsOfTerms {
    const starts = new StartsOfTerms();
    for (const t of terms) {
      const a = t.charCodeAt(0);
      if (!(a < 128)) continue; // a term starting otherwise (or empty) is never a word whose start is known
      starts.keys.add(a);
      const b = t.charCodeAt(1);
      if (b < 128) starts.keys.add(TWO + a * 128 + b);
    }
    return starts;
  }

  /** Whether a word of that known start may be one of the terms. */
  mayStart(key: number): boolean {
    return key === UNKNOWN || this.keys.has(key);
  }
}

/** Surface forms by raw word, per analyzer (each index has its own), bounded as the chain's memos are. */
const memos = new WeakMap<Analyzer, TermCache<string>>();

function memoOf(surface: Analyzer): TermCache<string> {
  let memo = memos.get(surface);
  if (!memo) memos.set(surface, (memo = new TermCache<string>()));
  return memo;
}
