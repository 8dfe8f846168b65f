import type { Token, TokenFilter } from './token';
import { tokenize } from './tokenizer';
import type { WordPieces } from './word-spans';

export interface Analyzer {
  /**
   * Tokens of `text`, in order of position, with offsets into `text`. With
   * `pieces`, also records where each word of `text` stands (wordSpans), from
   * the same tokenizer pass.
   */
  analyze(text: string, pieces?: WordPieces): Token[];
}

/**
 * An analysis chain: the tokenizer, then each filter in turn (Lucene's
 * CustomAnalyzer). Which filters, with which data, is decided in one place:
 * the German builder in german.ts.
 */
export function createAnalyzer(filters: readonly TokenFilter[]): Analyzer {
  return {
    analyze(text: string, pieces?: WordPieces): Token[] {
      let tokens = tokenize(text);
      pieces?.record(tokens);
      for (const filter of filters) tokens = filter(tokens, text);
      return tokens;
    },
  };
}
