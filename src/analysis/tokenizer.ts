import type { Token } from './token';

/**
 * Splits text into word tokens with offsets into the original text.
 *
 * A word is a run of letters, combining marks and digits. Invisible characters
 * that scrapers leave inside words (soft hyphen, zero-width space/joiners, word
 * joiner, BOM) belong to the word, so `Betrach\u00ADtet` stays one token; the
 * normalise filter removes them from the term.
 *
 * Hyphenated compounds (`NATO-Generalsekretär`, `US-Dollar`, with ASCII or
 * Unicode hyphens, including the non-breaking one) yield each part as a token
 * of its own, at consecutive positions, plus the whole joined without hyphens
 * at the position of its first part, so the compound is found whole, by its
 * parts, and written together (`Natogeneralsekretär`).
 *
 * The scan is one linear pass (no backtracking regular expression), so
 * hostile input costs time proportional to its length.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  const runs = new WordRuns(text);
  while (runs.next()) {
    const pieces = runs.pieces;
    if (pieces === null) {
      // One piece, as most words are.
      tokens.push({ term: text.slice(runs.start, runs.end), start: runs.start, end: runs.end, position, kind: 'exact' });
      position++;
      continue;
    }
    // The joined word first (a run has at least two pieces here), then each piece.
    let joined = '';
    for (const [s, e] of pieces) joined += text.slice(s, e);
    tokens.push({ term: joined, start: runs.start, end: runs.end, position, kind: 'exact' });
    for (const [s, e] of pieces) {
      tokens.push({ term: text.slice(s, e), start: s, end: e, position, kind: 'exact' });
      position++;
    }
  }
  return tokens;
}

/**
 * The tokenizer's walk over a text, as a cursor: `next()` moves to the next
 * run of word pieces joined by single hyphens (most runs are one piece). The
 * tokenizer, the word spans of highlights (word-spans.ts) and the marks of
 * prefix and typo matches (search/expansion-spans.ts) all walk a text with
 * it, so that they find the same words; it makes no token and no string.
 */
export class WordRuns {
  /** Where the run starts and where it ends. */
  start = 0;
  end = 0;
  /** The pieces of a run of several, in order (the array is reused by the next run), or null for a single piece. */
  pieces: Array<[number, number]> | null = null;
  private at = 0;
  private readonly several: Array<[number, number]> = [];

  constructor(private readonly text: string) {}

  /** Moves to the next run; false once the text has no more. */
  next(): boolean {
    const text = this.text;
    const n = text.length;
    let i = this.at;
    while (i < n && !isWordCharAt(text, i)) i++;
    if (i >= n) {
      this.at = n;
      return false;
    }
    const end = pieceEnd(text, i);
    this.start = i;
    if (!joinsNext(text, end)) {
      this.end = Math.min(end, n);
      this.pieces = null;
      this.at = end;
      return true;
    }
    const pieces = this.several;
    pieces.length = 0;
    this.at = joinedPieces(text, i, end, pieces);
    this.end = pieces[pieces.length - 1]![1];
    this.pieces = pieces;
    return true;
  }
}

/** End of the word piece starting at `start`: word characters and the invisible ones inside words. */
function pieceEnd(text: string, start: number): number {
  const n = text.length;
  let end = start;
  // ASCII letters and digits, most of a German text, are told apart inline: a call of isWordChar per letter
  // (too large to be inlined) cost as much as the rest of a word scan.
  while (end < n) {
    const code = text.charCodeAt(end);
    if (code < 0x80) {
      if (!isAsciiWordChar(code)) break;
      end++;
    } else if (isWordChar(code, text, end) || isIgnorable(code)) end += isHighSurrogate(code) ? 2 : 1;
    else break;
  }
  return end;
}

/**
 * Whether the character at `at` is a word character (isWordChar), ASCII told
 * apart inline: small enough for the walk that calls it per character to
 * inline it.
 */
function isWordCharAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code < 0x80 ? isAsciiWordChar(code) : isWordChar(code, text, at);
}

/** isWordChar of an ASCII character: a letter or a digit. */
export function isAsciiWordChar(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

/**
 * The pieces of a run joined by single hyphens, from its first piece
 * (`start` … `end`, which joinsNext), into `pieces`; returns where the run ends.
 */
function joinedPieces(text: string, start: number, end: number, pieces: Array<[number, number]>): number {
  const n = text.length;
  for (;;) {
    pieces.push([start, Math.min(end, n)]);
    if (!joinsNext(text, end)) return end;
    start = end + 1;
    end = pieceEnd(text, start);
  }
}

/** Whether the piece ending at `end` is joined by a single hyphen to a next one. */
function joinsNext(text: string, end: number): boolean {
  return end + 1 < text.length && isHyphen(text.charCodeAt(end)) && isWordChar(text.charCodeAt(end + 1), text, end + 1);
}

const LETTER_OR_DIGIT = /[\p{L}\p{M}\p{N}]/u;

/**
 * What the Unicode test said of each character of the Basic Multilingual
 * Plane met so far (0: not asked yet, 1: a word character, 2: not): German
 * text is full of umlauts, ß and typographic quotes, and a regular
 * expression per such character was most of a long text's tokenizing.
 */
const BMP_WORD = new Uint8Array(0x10000);

/** Whether the character at `at` (whose code unit is `code`) is a letter, combining mark or digit. */
export function isWordChar(code: number, text: string, at: number): boolean {
  if (code < 0x80) return isAsciiWordChar(code);
  if (isIgnorable(code)) return false;
  if (isHighSurrogate(code)) return LETTER_OR_DIGIT.test(text.slice(at, at + 2));
  if (code >= 0xdc00 && code <= 0xdfff) return false; // lone low surrogate
  let known = BMP_WORD[code]!;
  if (known === 0) BMP_WORD[code] = known = LETTER_OR_DIGIT.test(text[at]!) ? 1 : 2;
  return known === 1;
}

/** Whether a UTF-16 code unit is the first of a letter beyond the BMP. */
export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Characters that are invisible inside a word and must not split it. */
export function isIgnorable(code: number): boolean {
  return code === 0x00ad || (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff;
}

function isHyphen(code: number): boolean {
  // hyphen-minus, hyphen, non-breaking hyphen
  return code === 0x2d || code === 0x2010 || code === 0x2011;
}
