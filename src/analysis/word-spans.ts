import { tokenize } from './tokenizer';

/**
 * Where each word of a text stands, by position, as the tokenizer counts
 * positions (stop words included). Stored positions point at these words,
 * so a highlight needs the tokenizer alone, never the analysis chain. Of a
 * hyphenated word, a position holds its piece, not the joined whole.
 */
export function wordSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  // The joined whole of a hyphenated word comes first at its first piece's position; the piece replaces it.
  for (const t of tokenize(text)) spans[t.position] = [t.start, t.end];
  return spans;
}
