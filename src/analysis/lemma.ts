import { LEMMAS } from './data/lemmas';
import { WordList } from './word-list';

/**
 * Lemmas where stemming alone fails: strong verbs (`gewonnen`, `gewann` →
 * `gewinnen`), weak preterites and irregular plurals, from the generated
 * lexicon (scripts/build-lexicon.ts). Takes and returns folded terms.
 */
export function createLemmatizer(data: string = LEMMAS): (folded: string) => string | undefined {
  const list = data === LEMMAS ? germanLemmas() : new WordList(data);
  // Lookups repeat (every paragraph shown is analysed again); a binary search slices strings, a Map does not.
  const cache = new Map<string, string | null>();
  return (term) => {
    let lemma = cache.get(term);
    if (lemma === undefined) {
      lemma = list.get(term) ?? null;
      if (cache.size >= 50_000) cache.clear();
      cache.set(term, lemma);
    }
    return lemma ?? undefined;
  };
}

let lemmas: WordList | null = null;

/** The generated lemma list, shared by all analyzers (its line index is built once). */
function germanLemmas(): WordList {
  lemmas ??= new WordList(LEMMAS);
  return lemmas;
}
