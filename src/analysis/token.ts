/**
 * A token is one term the index stores or the query looks up, tied back to
 * the span of the ORIGINAL text it came from, so that highlighting can mark
 * exactly what matched (`Militär<mark>hilfe</mark>`), whatever the filters
 * did to the term.
 */
export interface Token {
  /** The term after the filters that have run so far. */
  term: string;
  /** UTF-16 offset of the first character in the original text. */
  start: number;
  /** UTF-16 offset one past the last character in the original text. */
  end: number;
  /** Word position, for phrases and proximity; tokens derived from one word share it. */
  position: number;
  /**
   * What the term stands for; the index keeps each kind in its own field so
   * that ranking can weigh them (exact above stem above compound part):
   * - `exact`: the folded surface form (also what prefix search runs on),
   * - `stem`: the lemma or stem of the word,
   * - `part`: the stem of one part of a compound (`hilf` in Militärhilfe).
   */
  kind: TokenKind;
}

export type TokenKind = 'exact' | 'stem' | 'part';

/**
 * One step of the analysis chain. A filter may drop, rewrite or add tokens.
 * It gets the original text for filters that need to map back to it.
 */
export type TokenFilter = (tokens: Token[], source: string) => Token[];
