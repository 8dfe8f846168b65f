import type { Token, TokenFilter } from './token';
import { tokenize } from './tokenizer';

export interface Analyzer {
  /** Tokens of `text`, in order of position, with offsets into `text`. */
  analyze(text: string): Token[];
}

/**
 * An analysis chain: the tokenizer, then each filter in turn (Lucene's
 * CustomAnalyzer). Which filters, with which data, is decided in one place:
 * the German builder in german.ts.
 */
export function createAnalyzer(filters: readonly TokenFilter[]): Analyzer {
  return {
    analyze(text: string): Token[] {
      let tokens = tokenize(text);
      for (const filter of filters) tokens = filter(tokens, text);
      return tokens;
    },
  };
}
