import { foldFilter } from './fold';
import { lowercaseFilter } from './lowercase';
import { normalizeFilter } from './normalize';
import { stemFilter } from './stem';
import { GERMAN_STOP_WORDS, stopFilter } from './stop';
import type { Token, TokenFilter } from './token';
import { tokenize } from './tokenizer';

/**
 * Which stages run. Every stage can be switched off, so that evaluation can
 * show what each one earns (ablation) and so that baselines can be built from
 * the same parts.
 */
export interface AnalyzerOptions {
  /** Umlaut, ß and diacritic folding (`Brüssel` = `Bruessel`). Default true. */
  fold?: boolean;
  /** Drop German stop words. Default true. */
  stopWords?: boolean;
  /** Add a stem (or lemma) token per word. Default true. */
  stem?: boolean;
  /** Maps a folded word to its lemma when stemming alone cannot (`gewonnen` → `gewinnen`). */
  lemma?: (term: string) => string | undefined;
  /** Adds `part` tokens for the parts of compounds (`Militärhilfe` → militar, hilf). */
  decompound?: TokenFilter;
}

export interface Analyzer {
  /** Tokens of `text`, in order of position, with offsets into `text`. */
  analyze(text: string): Token[];
  readonly options: Readonly<AnalyzerOptions>;
}

/**
 * The one analysis chain, shared by indexing and querying:
 * tokenize → normalise → lowercase → fold → stop → stem/lemma → decompound.
 */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const filters: TokenFilter[] = [normalizeFilter, lowercaseFilter];
  if (options.fold !== false) filters.push(foldFilter);
  if (options.stopWords !== false) filters.push(stopFilter(GERMAN_STOP_WORDS));
  if (options.stem !== false) filters.push(stemFilter(options.lemma));
  if (options.decompound) filters.push(options.decompound);
  return {
    options,
    analyze(text: string): Token[] {
      let tokens = tokenize(text);
      for (const filter of filters) tokens = filter(tokens, text);
      return tokens;
    },
  };
}
