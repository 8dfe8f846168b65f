import { VOWEL_PAIR_WORDS } from './data/word-lists';
import type { TokenFilter } from './token';
import { SortedWordList } from './word-list';

/**
 * German folding, after Lucene's GermanNormalizationFilter, so that every
 * spelling a German reader types meets the same term:
 * `Brüssel` = `Brussel` = `Bruessel`, `Außenminister` = `Aussenminister`.
 *
 * - ä ö ü → a o u, ß → ss;
 * - the transliterations ae oe ue → a o u (`ue` only where it cannot be a
 *   vowel pair: not after a vowel or `q`, as in `Feuer`, `Quelle`) — but
 *   only where German writes a transliteration: a word the lexicon knows
 *   spelled with the vowel pair, and not with the umlaut, keeps it
 *   (`Israel`, `Poeten`, `Michael`, `aktuell`, `Aerosol`), while `Bruessel`
 *   and `Tuerkei`, which nobody writes so but for want of an umlaut, fold;
 * - other Latin diacritics are stripped first, so the letter left folds as
 *   typed (`Café` = `Cafe`, `Noël` = `Noel`).
 *
 * The list of vowel-pair words is generated (scripts/build-lexicon.ts) from
 * the lexicon, a Wikipedia frequency list and lists of names: the word
 * forms whose ae/oe/ue is no umlaut. Folding loses distinctions
 * (`schon`/`schön`); the index keeps the folded form only, because readers
 * and typists lose them too. Runs after lowercasing.
 */
export const foldFilter: TokenFilter = (tokens) => {
  let empty = false;
  for (const token of tokens) {
    token.term = foldTerm(token.term);
    if (token.term === '') empty = true;
  }
  // A "word" of combining marks only (a stray accent after a space) folds to nothing: no term to index.
  return empty ? tokens.filter((t) => t.term !== '') : tokens;
};

const DIACRITIC = /\p{M}/gu;

type FoldState = 'normal' | 'afterVowel' | 'mayDropE';

/**
 * One step of Lucene's state machine: an `e` is dropped after `a`/`o`, or
 * after a `u` that does not follow a vowel or `q` (so `Feuer`, `neue`,
 * `Quelle` keep it) — unless `transliterate` is off for the word; umlauts
 * and ß are replaced. Returns the output for `c`.
 */
function step(c: string, state: { s: FoldState }, transliterate: boolean): string {
  switch (c) {
    case 'a':
    case 'o':
      state.s = 'mayDropE';
      return c;
    case 'u':
      state.s = state.s === 'normal' ? 'mayDropE' : 'afterVowel';
      return c;
    case 'e': {
      const out = state.s === 'mayDropE' && transliterate ? '' : c;
      state.s = 'afterVowel';
      return out;
    }
    case 'i':
    case 'q':
    case 'y':
      state.s = 'afterVowel';
      return c;
    case 'ä':
      state.s = 'normal';
      return 'a';
    case 'ö':
      state.s = 'normal';
      return 'o';
    case 'ü':
      state.s = 'normal';
      return 'u';
    case 'ß':
      state.s = 'normal';
      return 'ss';
    default:
      state.s = 'normal';
      return c;
  }
}

/** The folding of one lexicon: which words keep their ae/oe/ue. */
export class GermanFolder {
  constructor(private readonly vowelPairs: { has(word: string): boolean }) {}

  fold(term: string): string {
    if (foldsToItself(term)) return term;
    // Other diacritics (é, è, ñ, ç …) go first, so that the letter left takes part in the ae/oe/ue rule as
    // typed: Noël folds as Noel does, Raphaël as Raphael. Letters of other scripts stay intact.
    const plain = hasOtherDiacritics(term) ? stripOtherDiacritics(term) : term;
    const transliterate = !this.keepsVowelPairs(plain);
    let out = '';
    const state = { s: 'normal' as FoldState };
    for (let i = 0; i < plain.length; i++) out += step(plain[i]!, state, transliterate);
    return out;
  }

  /**
   * Whether a word (lowercase, other diacritics stripped) is written with a
   * vowel pair that is no umlaut: the list has it. Words without ae/oe/ue
   * are not looked up. Forms are listed one by one (the lexicon declines
   * and conjugates): a stem match would also take Baecker for a form of
   * the name Baeck.
   */
  keepsVowelPairs(plain: string): boolean {
    const first = firstVowelPair(plain);
    if (first < 0) return false;
    const word = plain.includes('ß') || /[äöü]/.test(plain) ? umlautsFolded(plain) : plain;
    if (this.vowelPairs.has(word)) return true;
    // A compound keeps the vowel pair of its head (Marmor|statue, Wort|duellen, Lyrik|poeten): its head is a
    // listed word that holds the first vowel pair, so the compound folds as its head does alone.
    const at = word.length === plain.length ? first : firstVowelPair(word);
    // Heads longer than any listed word are not tried, so a long hostile "word" costs time linear in its length.
    const from = Math.max(MIN_MODIFIER, word.length - MAX_HEAD);
    for (let start = from; start <= at && word.length - start >= MIN_HEAD; start++) if (this.vowelPairs.has(word.slice(start))) return true;
    return false;
  }

  /**
   * Folds a word as the chain does (lowercase + fold), and maps every folded
   * character back to the original: `map[k]` is the offset in `original` of
   * the character that produced folded character `k`; `map[folded.length]` is
   * `original.length`. Lets a filter that works on folded terms (the
   * decompounder) mark spans of the original text (`Militär[hilfe]`).
   * Returns null for words that fold differently as a whole (other diacritics,
   * ligatures, decomposed umlauts), so callers fall back to the whole word.
   */
  foldWithOffsets(original: string): { folded: string; map: number[] } | null {
    const lower = original.toLowerCase();
    if (lower.length !== original.length) return null;
    const transliterate = !this.keepsVowelPairs(lower);
    let folded = '';
    const map: number[] = [];
    const state = { s: 'normal' as FoldState };
    for (let i = 0; i < lower.length; i++) {
      const out = step(lower[i]!, state, transliterate);
      for (let k = 0; k < out.length; k++) map.push(i);
      folded += out;
    }
    if (!isAscii(folded)) return null;
    map.push(original.length);
    return { folded, map };
  }
}

/**
 * Shortest listed head that lends a compound its vowel pair, and shortest
 * part before it: shorter ones are found by chance inside transliterated
 * words (Lein|oel would read as Lei|Noel, Dr|aeneis as a word on Aeneis).
 */
const MIN_HEAD = 6;
const MIN_MODIFIER = 3;
/** Longest head tried: above the length of any word in the vowel-pair list. */
const MAX_HEAD = 40;

/** Whether `word` has an a/o/u followed by e that Lucene's rule would take for a transliteration. */
export function hasVowelPair(word: string): boolean {
  return firstVowelPair(word) >= 0;
}

/** Offset of the vowel (a/o/u) of the first such pair, or -1. */
function firstVowelPair(word: string): number {
  for (let i = word.indexOf('e', 1); i !== -1; i = word.indexOf('e', i + 1)) {
    const c = word[i - 1];
    if (c === 'a' || c === 'o') return i - 1;
    if (c === 'u') {
      const b = word[i - 2];
      if (b === undefined || !'aeiouyqäöü'.includes(b)) return i - 1;
    }
  }
  return -1;
}

/** ä ö ü → a o u and ß → ss, nothing else: the form vowel-pair words are listed in. */
export function umlautsFolded(word: string): string {
  return word.replace(/[äöüß]/g, (c) => (c === 'ä' ? 'a' : c === 'ö' ? 'o' : c === 'ü' ? 'u' : 'ss'));
}

let german: GermanFolder | null = null;

/** The folder over the generated vowel-pair list (built once, shared). */
export function germanFolder(): GermanFolder {
  german ??= new GermanFolder(new SortedWordList(VOWEL_PAIR_WORDS));
  return german;
}

export function foldTerm(term: string): string {
  return germanFolder().fold(term);
}

export function foldWithOffsets(original: string): { folded: string; map: number[] } | null {
  return germanFolder().foldWithOffsets(original);
}

/**
 * Whether folding leaves `term` as it is, known without folding it: ASCII
 * (no umlaut, ß or other diacritic) with no vowel pair, the only place
 * folding may drop a letter. Most words of a text are such.
 */
function foldsToItself(term: string): boolean {
  return isAscii(term) && !hasVowelPair(term);
}

/** Whether every character of `text` is ASCII. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** Whether `term` has a non-ASCII character other than ä ö ü ß (most German words have none). */
function hasOtherDiacritics(term: string): boolean {
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    if (c >= 0x80 && c !== 0xe4 && c !== 0xf6 && c !== 0xfc && c !== 0xdf) return true;
  }
  return false;
}

/** Drops every combining mark except the diaeresis of ä ö ü (é → e, ë → e, but ä stays ä). */
export function stripOtherDiacritics(term: string): string {
  return term
    .normalize('NFD')
    .replace(DIACRITIC, (mark, at: number, s: string) => (mark === '\u0308' && /[aou]/.test(s[at - 1] ?? '') ? mark : ''))
    .normalize('NFC');
}
