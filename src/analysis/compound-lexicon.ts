import { MODIFIERS, NOUNS, VERBS } from './data/compound-words';
import { WordList } from './word-list';

// The generated word lists as WordLists (see scripts/build-lexicon.ts for what each holds).
export const COMPOUND_NOUNS = () => new WordList(NOUNS);
export const COMPOUND_MODIFIERS = () => new WordList(MODIFIERS);
export const COMPOUND_VERBS = () => new WordList(VERBS);
