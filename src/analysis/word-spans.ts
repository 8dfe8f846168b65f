import type { Token } from './token';
import { WordRuns } from './tokenizer';

/**
 * Where each word of a text stands, by position, as the tokenizer counts
 * positions (stop words included). Stored positions point at these words,
 * so a highlight needs the tokenizer alone, never the analysis chain. Of a
 * hyphenated word, a position holds its piece, not the joined whole — so the
 * positions are simply the pieces in order, as the tokenizer's walk
 * (WordRuns) finds them, without a token, a term or a joined word: a results
 * page runs this over every long text shown. With `upTo`, the walk stops
 * once the word at that position is found.
 */
export function wordSpans(text: string, upTo = Infinity): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const runs = new WordRuns(text);
  while (spans.length <= upTo && runs.next()) {
    if (runs.pieces === null) spans.push([runs.start, runs.end]);
    else for (const piece of runs.pieces) spans.push(piece);
  }
  return spans;
}

/**
 * The spans wordSpans gives, taken from tokens the tokenizer has already
 * made (an analyzer records them before its filters drop stop words), in
 * columns reused from text to text: the index build needs them for every
 * paragraph, and tokenizing each paragraph a second time for them cost as
 * much as a filter of the chain.
 */
export class WordPieces {
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  /** Positions recorded, or -1 when nothing was recorded since `clear`. */
  count = -1;

  clear(): void {
    this.count = -1;
  }

  /** Records the tokenizer's tokens of one text (before any filter). */
  record(tokens: readonly Token[]): void {
    const count = tokens.length ? tokens[tokens.length - 1]!.position + 1 : 0;
    if (count > this.starts.length) {
      const capacity = Math.max(count, this.starts.length * 2);
      this.starts = new Int32Array(capacity);
      this.ends = new Int32Array(capacity);
    }
    // As in wordSpans: the last token at a position (the piece, after a hyphenated word's joined whole) holds it.
    for (const t of tokens) {
      this.starts[t.position] = t.start;
      this.ends[t.position] = t.end;
    }
    this.count = count;
  }
}
