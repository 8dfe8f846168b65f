import { CompoundSplitter, germanCompoundSplitter, type CompoundPart } from './compound-splitter';
import { alignFolded, foldsLetterForLetter, originalEnd } from './fold-alignment';
import { createLemmatizer } from './lemma';
import { stemTerm } from './stem';
import { TermCache } from './term-cache';
import type { Token, TokenFilter } from './token';

export interface DecompoundOptions {
  /**
   * Lemma of a folded part, so that a part's term meets the stem token of
   * the word standing alone. Default: the German lemmatizer; `null` for none.
   */
  lemma?: ((folded: string) => string | undefined) | null;
  /**
   * Split only words written with a capital (nouns: German capitalises
   * them). `'auto'` (default): when the analysed text has any capital
   * letter, so that a query typed all in lowercase is still split; `true`:
   * always; `false`: never look at case.
   */
  nounsOnly?: boolean | 'auto';
}

/**
 * Longer "words" are not split: no German compound in use is longer
 * (Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz has 63
 * letters), and aligning a split with the original text costs time
 * quadratic in the word's length where folding changes it (soft hyphens,
 * ligatures), which a 100k-character word in a corpus file or query must
 * not buy.
 */
const MAX_COMPOUND_LENGTH = 64;

/**
 * The token filter of compound splitting (Lucene's
 * DictionaryCompoundWordTokenFilter): adds a `part` token for each part of a
 * compound `exact` token — the stem of the part (of its lemma, where the
 * lemma map knows it: Streitkräfte → streit, kraft), spanning the part in
 * the ORIGINAL text (`Militär[hilfe]`, `Außen[minister]`, without the
 * linking element), at the word's position. The ranking weighs part matches
 * below whole-word matches. What is a compound is the splitter's business
 * (compound-splitter.ts); mapping folded offsets back, fold-alignment.ts's.
 *
 * Splits are cached per term (a corpus has far fewer distinct words than
 * tokens). Hyphenated wholes (`NATO-Generalsekretär`, which the tokenizer
 * also emits as `natogeneralsekretar`) are skipped: their pieces are tokens
 * of their own.
 */
export function decompoundFilter(splitter: CompoundSplitter = germanCompoundSplitter(), options: DecompoundOptions = {}): TokenFilter {
  const lemma = options.lemma === undefined ? createLemmatizer() : options.lemma;
  const cache = new TermCache<{ parts: CompoundPart[]; terms: string[] } | null>();
  // Only heads go through the lemma map: it holds verb forms too, and a modifier `schien` (Schien|en|netz) is no `schien` of scheinen.
  const partTerm = (part: string, head: boolean) => {
    const base = (head ? lemma?.(part) : undefined) ?? part;
    return base.length < 3 ? base : stemTerm(base);
  };
  const splitTerm = (term: string) => {
    const split = splitter.split(term);
    if (!split) return null;
    // One token per distinct term and start (Oberbürgermeister: bürgermeister and bürger start together but differ).
    const parts: CompoundPart[] = [];
    const terms: string[] = [];
    for (const p of split) {
      const t = partTerm(term.slice(p.start, p.end), p.head);
      if (parts.some((q, i) => q.start === p.start && terms[i] === t)) continue;
      parts.push(p);
      terms.push(t);
    }
    return { parts, terms };
  };
  const nounsOnly = options.nounsOnly ?? 'auto';
  const minWord = splitter.minWordLength;
  return (tokens, source) => {
    const out: Token[] = [];
    // German capitalises nouns, and only nouns are compounds: in text that uses capitals at all (not a query typed
    // in lowercase), a word written in lowercase (ebenfalls, mittlerweile, unterwegs) is no noun and stays whole.
    const cased = nounsOnly === true || (nounsOnly === 'auto' && HAS_UPPER.test(source));
    for (const token of tokens) {
      out.push(token);
      if (token.kind !== 'exact' || token.term.length < minWord || token.term.length > MAX_COMPOUND_LENGTH) continue;
      if (cased && !isUpper(source.charCodeAt(token.start), source, token.start)) continue;
      const entry = cache.getOrCompute(token.term, splitTerm);
      if (!entry) continue;
      // Most words fold letter for letter (ä → a): their offsets need no alignment.
      let original: string | null = null;
      let map: number[] | null = null;
      if (!foldsLetterForLetter(source, token.start, token.end, token.term)) {
        original = source.slice(token.start, token.end);
        // Hyphenated wholes (NATO-Generalsekretär, also emitted joined) are left to their pieces.
        if (original.includes('-') || original.includes('\u2010') || original.includes('\u2011')) continue;
        map = alignFolded(original, token.term);
      }
      for (let i = 0; i < entry.parts.length; i++) {
        const part = entry.parts[i]!;
        let start = token.start;
        let end = token.end;
        if (original === null) {
          start += part.start;
          end = token.start + part.end;
        } else if (map) {
          start += map[part.start]!;
          end = token.start + originalEnd(original, map, part.start, part.end);
        }
        out.push({ term: entry.terms[i]!, start, end, position: token.position, kind: 'part' });
      }
    }
    return out;
  };
}

const HAS_UPPER = /\p{Lu}/u;
const UPPER = /^\p{Lu}/u;

function isUpper(code: number, source: string, at: number): boolean {
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  return UPPER.test(source.slice(at, at + 2));
}
