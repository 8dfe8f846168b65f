import { COMPOUND_MODIFIERS, COMPOUND_NOUNS, COMPOUND_VERBS } from './compound-lexicon';
import { foldWithOffsets } from './fold';
import { stemTerm } from './stem';
import type { Token, TokenFilter } from './token';
import type { WordList } from './word-list';

/** The word lists a decompounder consults (all folded). */
export interface CompoundLexicon {
  /** Nouns and their inflected forms: heads and modifiers (`hilfen`, `waffen`, `sicherheit`). */
  nouns: WordList;
  /** Modifiers that are not nouns: adjective and verb stems (`gross`, `fahr`). */
  modifiers: WordList;
  /** Verb infinitives, to recognise derivations (`Verbraucher` ← `verbrauchen`) that are not compounds. */
  verbs: WordList;
}

export interface DecompoundOptions {
  /** Words shorter than this are not split. */
  minWordLength?: number;
  /** Shortest modifier (`Ost-`). */
  minModifierLength?: number;
  /** Shortest head (`-hilfe`). */
  minHeadLength?: number;
}

/** One part of a compound, as offsets into the folded word, and its lemma (for elided forms: `hilf-s` → `hilfe`). */
export interface CompoundPart {
  start: number;
  end: number;
  lemma: string;
}

/** Linking elements (Fugen) between parts: `Sicherheit-s-berater`, `Waffe-n-produktion`, `Hilf-s-güter`. */
const LINKS = ['', 's', 'es', 'n', 'en', 'er', 'e', 'ens'];
/** Suffixes that turn a verb into a noun: a word that is such a derivation (`Verbrauch-er`) is not split. */
const DERIVATIONS = ['er', 'erin', 'ung', 'ungen', 'e', 'en', 'ern'];

/**
 * Dictionary decompounding, as Lucene's DictionaryCompoundWordTokenFilter
 * does it but with German word formation in mind:
 *
 * - the head (last part) is the longest noun the word ends with, at least
 *   `minHeadLength` letters (the head decides what a compound is: a
 *   Militärhilfe is a Hilfe), tried from longest to shortest;
 * - the rest must split completely into modifiers — nouns, adjective or verb
 *   stems of at least `minModifierLength` letters — each followed by a
 *   linking element, and the parts must rebuild the word exactly;
 * - among modifier splits, fewer and longer parts win;
 * - a word that is a verb derivation (`Verbraucher` ← `verbrauchen`,
 *   `Berater` ← `beraten`) is not split, which stops `Verb + Raucher`;
 *   one whose only split has a tiny modifier is not split (`Ur + instinkt`);
 *   the longest-head rule takes `Stau + becken` over `Staub + ecken`;
 * - a modifier the lexicon does not know (names, adverbs: `Ukraine|hilfen`,
 *   `Außen|minister`) still yields the head, when the head has at least 5
 *   letters, the modifier at least 4, and the whole word is no known noun.
 *
 * Returns the parts, or null when the word is not a compound.
 */
export function splitCompound(word: string, lexicon: CompoundLexicon, options: DecompoundOptions = {}): CompoundPart[] | null {
  const minWord = options.minWordLength ?? 8;
  const minModifier = options.minModifierLength ?? 3;
  const minHead = options.minHeadLength ?? 4;
  if (word.length < minWord || !/^[a-z]+$/.test(word)) return null;
  if (isDerivation(word, lexicon)) return null;

  let unknownModifierHead = -1;
  for (let headStart = minModifier; headStart <= word.length - minHead; headStart++) {
    const head = word.slice(headStart);
    if (!lexicon.nouns.has(head)) continue;
    const modifiers = splitModifiers(word, 0, headStart, lexicon, minModifier, new Map());
    if (modifiers) return [...modifiers, { start: headStart, end: word.length, lemma: head }];
    if (unknownModifierHead === -1) unknownModifierHead = headStart;
  }
  // A modifier the lexicon does not know (a name, an adverb: `Ukraine|hilfen`, `Außen|minister`):
  // the head alone, if it is long enough to be telling and the word is not itself a known noun.
  const start = unknownModifierHead;
  if (start >= MIN_UNKNOWN_MODIFIER && word.length - start >= MIN_LONE_HEAD && !lexicon.nouns.has(word)) {
    return [{ start, end: word.length, lemma: word.slice(start) }];
  }
  return null;
}

/** Shortest unknown modifier and shortest head for a head-only split. */
const MIN_UNKNOWN_MODIFIER = 4;
const MIN_LONE_HEAD = 5;

/** The best split of word[from, to) into modifier + link pieces: fewest parts, then longest first part. */
function splitModifiers(
  word: string,
  from: number,
  to: number,
  lexicon: CompoundLexicon,
  minModifier: number,
  memo: Map<number, CompoundPart[] | null>,
): CompoundPart[] | null {
  if (from === to) return [];
  const known = memo.get(from);
  if (known !== undefined) return known;
  let best: CompoundPart[] | null = null;
  for (let end = to; end >= from + minModifier; end--) {
    const piece = word.slice(from, end);
    const lemma = modifierLemma(piece, lexicon);
    if (!lemma) continue;
    for (const link of LINKS) {
      const next = end + link.length;
      if (next > to || !word.startsWith(link, end)) continue;
      const rest = splitModifiers(word, next, to, lexicon, minModifier, memo);
      if (rest && (!best || rest.length + 1 < best.length)) best = [{ start: from, end, lemma }, ...rest];
    }
    if (best && best.length === 1) break; // one piece is as good as it gets
  }
  memo.set(from, best);
  return best;
}

/** The lemma a modifier piece stands for: itself, or itself + `e` (`hilf-s` → `hilfe`), if the lexicon knows it. */
function modifierLemma(piece: string, lexicon: CompoundLexicon): string | null {
  if (lexicon.nouns.has(piece) || lexicon.modifiers.has(piece)) return piece;
  if (lexicon.nouns.has(`${piece}e`)) return `${piece}e`;
  return null;
}

function isDerivation(word: string, lexicon: CompoundLexicon): boolean {
  for (const suffix of DERIVATIONS) {
    if (!word.endsWith(suffix)) continue;
    const base = word.slice(0, word.length - suffix.length);
    if (lexicon.verbs.has(`${base}en`) || lexicon.verbs.has(`${base}n`)) return true;
  }
  return false;
}

/**
 * Adds a `part` token for each part of a compound `exact` token: the stem of
 * the part's lemma, spanning the part in the original text, at the word's
 * position. The ranking weighs part matches below whole-word matches.
 */
export function decompoundFilter(lexicon: CompoundLexicon = germanCompoundLexicon(), options: DecompoundOptions = {}): TokenFilter {
  const cache = new Map<string, CompoundPart[] | null>();
  return (tokens, source) => {
    const out: Token[] = [];
    for (const token of tokens) {
      out.push(token);
      if (token.kind !== 'exact') continue;
      let parts = cache.get(token.term);
      if (parts === undefined) {
        parts = splitCompound(token.term, lexicon, options);
        if (cache.size > 100_000) cache.clear();
        cache.set(token.term, parts);
      }
      if (!parts) continue;
      const original = source.slice(token.start, token.end);
      // Hyphenated wholes (`NATO-Generalsekretär`) are skipped: their pieces are tokens of their own.
      if (original.includes('-')) continue;
      const aligned = foldWithOffsets(original);
      const exact = aligned?.folded === token.term ? aligned : null;
      const seen = new Set<string>();
      for (const part of parts) {
        const term = stemTerm(part.lemma);
        if (seen.has(term)) continue;
        seen.add(term);
        out.push({
          term,
          start: exact ? token.start + exact.map[part.start]! : token.start,
          end: exact ? token.start + exact.map[part.end]! : token.end,
          position: token.position,
          kind: 'part',
        });
      }
    }
    return out;
  };
}

let german: CompoundLexicon | null = null;

/** The lexicon generated from the registry's German dictionaries (loaded once). */
export function germanCompoundLexicon(): CompoundLexicon {
  german ??= { nouns: COMPOUND_NOUNS(), modifiers: COMPOUND_MODIFIERS(), verbs: COMPOUND_VERBS() };
  return german;
}
