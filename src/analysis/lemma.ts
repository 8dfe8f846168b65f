import { LEMMAS } from './data/lemmas';
import { WordList } from './word-list';

/**
 * Lemmas where stemming alone fails: strong verbs (`gewonnen`, `gewann` →
 * `gewinnen`), weak preterites and irregular plurals, from the generated
 * lexicon (scripts/build-lexicon.ts). Takes and returns folded terms.
 */
export function createLemmatizer(data: string = LEMMAS): (folded: string) => string | undefined {
  const list = new WordList(data);
  return (term) => list.get(term);
}
