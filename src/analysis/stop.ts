import { stopwords as snowballGerman } from '@orama/stopwords/german';
import { foldTerm } from './fold';
import type { TokenFilter } from './token';

/**
 * German stop words: the Snowball project's German list (231 words, via
 * `@orama/stopwords`, Apache-2.0), folded like the terms it is compared with.
 * Deliberately the short Snowball list, not a 600-word one that also drops
 * content words such as `Jahr`, `Mensch` or `gut`.
 */
export const GERMAN_STOP_WORDS: ReadonlySet<string> = new Set(snowballGerman.map((w) => foldTerm(w.toLowerCase())));

/**
 * Drops stop words. A hyphenated compound's whole token is kept even when a
 * part is a stop word; the parts are judged one by one.
 */
export function stopFilter(stopWords: ReadonlySet<string> = GERMAN_STOP_WORDS): TokenFilter {
  return (tokens) => tokens.filter((t) => !stopWords.has(t.term));
}
