import { CompoundDictionary, germanCompoundDictionary, LINKS } from './compound-dictionary';
import { WHOLE_WORDS } from './data/word-lists';
import { SortedWordList } from './word-list';

export interface SplitterOptions {
  /** Words (and parts, for recursion) shorter than this are not split. Default 8. */
  minWordLength?: number;
  /** Shortest part. Default 3 (the dictionary keeps 3-letter parts only where the lexicon uses them as parts). */
  minPartLength?: number;
  /** Folded parts never to split off (junk the lexicon cannot tell from a word). Default: JUNK_PARTS. */
  junkParts?: ReadonlySet<string>;
  /**
   * Folded words never split: names and words that only look like compounds.
   * Default: the generated list (see germanWholeWords); pass an empty one to see every split.
   */
  wholeWords?: { has(word: string, from?: number, to?: number): boolean };
}

/** One part of a compound, as offsets into the folded word. */
export interface CompoundPart {
  start: number;
  end: number;
  /** Whether the part is the head (last part) of the word or of a part split further; only heads are looked up in the lemma map. */
  head: boolean;
  /** Whether the part is itself split further (`burgermeister` in Oberbürgermeister, beside `burger` and `meister`). */
  compound: boolean;
}

/**
 * Parts the lexicon knows as words or attested modifiers but that mislead
 * as parts of a compound: the letters happen to spell them inside longer
 * words far more often than the word is meant (`Verb|raucher`,
 * `Ur|instinkt`, `Haus|halt`, `Schrift|s|teller`, `Ruß|land`). Small, and only for what
 * the rules of the splitter do not catch.
 */
export const JUNK_PARTS: ReadonlySet<string> = new Set(['verb', 'ur', 'halt', 'teller', 'russ']);

/**
 * Noun-forming suffixes: a word that is a verb plus one of these
 * (Verbrauch-er ← verbrauchen, Verfass-ung ← verfassen, Überfall ←
 * überfallen, Zusammenarbeit ← zusammenarbeiten) is a derivation, not a
 * compound, whatever its letters spell (Verb|raucher, Ver|fassung).
 */
const DERIVATIONS = ['', 'e', 'en', 'er', 'ern', 'ers', 'erin', 'erinnen', 'es', 's', 'ung', 'ungen'];

/** Shortest head, and shortest unknown modifier, for a head-only split (`Ukraine|hilfen`). */
const MIN_LONE_HEAD = 6;
const MIN_UNKNOWN_MODIFIER = 4;

/** Adjective endings, with the comparative and superlative ones (folded: härtere → hartere → hart). */
const GRADE_ENDINGS = ['ere', 'eren', 'erem', 'erer', 'eres', 'ste', 'sten', 'stem', 'ster', 'stes', 'este', 'esten', 'estem', 'ester', 'estes'];
const ADJECTIVE_ENDINGS = ['', 'e', 'en', 'em', 'er', 'es', ...GRADE_ENDINGS];

/** Words that look like adjectives (-isch, -lich, -ig, -bar, -sam, -haft, participles in -end, declined): never split head-only (demokra|tische). */
const ADJECTIVAL = /(isch|lich|ig|bar|sam|haft|end)(e|en|em|er|es|ere|eren|erem|erer|eres|ste|sten|stem|ster|stes)?$/;

/** Adverb-forming endings (möglicherweise, ebenfalls, erstmals, unterwegs, allerdings, stattdessen, einigermaßen): adverbs are no noun compounds. */
const ADVERBIAL = /(weise|weile|falls|mals|wegs|seits|dings|dessen|massen|halben)$/;

/**
 * Splits folded words into compound parts (Lucene's dictionary-based
 * decompounder, with German rules):
 *
 * The split: a chain of modifiers, each followed by a linking element it
 * takes, then a head; every part is a dictionary word of at least
 * `minPartLength` letters, the head a noun form (a Militärhilfe is a Hilfe:
 * the head decides what a compound is), and parts plus links rebuild the
 * word exactly. Among all such splits (dynamic programming over the word),
 * the one with the fewest parts wins (longest match), then the one whose
 * parts the lexicon uses most as compound parts (weights learnt from the
 * lexicon's own compounds: `amt` heads far more of them than `samt`, so
 * Bundesamt is Bund|es|amt, not Bunde|samt), then the longest head
 * (Stau|becken, not Staub|ecken). A link that spells a modifier with the
 * part before it belongs to it (Presse|konferenz, not Press|e|konferenz).
 * Parts of `minWordLength` or more are split again, so compounds of three
 * and more parts come out whole: Bundesverfassungsgericht → bund,
 * verfassung, gericht; Oberbürgermeister → ober, bürgermeister (marked
 * `compound`), bürger, meister.
 *
 * Guards against bad splits — the dictionary knows many words whole:
 * 1. a verb derivation is not split: Verbraucher (verbrauchen + -er, not
 *    Verb|raucher), Versendung, Zusammenarbeit, Unternehmen, nor a present
 *    participle (entscheidende, not Entscheid|ende);
 * 2. an adjective or participle form the lexicon knows is not split
 *    (stahlharte, not Stahl|härte): compounds are nouns;
 * 3. a word the lexicon knows whole as a noun is split only when every part
 *    is attested as a compound part (weight ≥ 1) — the evidence that it is
 *    itself a known compound: Außen|minister is, Gew|ksc|haft (Gewerkschaft)
 *    is not;
 * 4. a feminine in -in splits as its masculine does (Außenminister|in;
 *    Operator|in not as Opera|torin);
 * 5. verb particles and prefixes are no modifiers (the dictionary leaves
 *    them out: Ein|kommen, Über|fall), 3-letter parts exist only where the
 *    lexicon uses them as parts (Amt, Tag, Bau — not Gew), a comparative is
 *    no head (Leistung|stärkere), and `junkParts` (JUNK_PARTS) are never
 *    split off (Verb, Ur, Halt, Teller, Ruß).
 *
 * Names and words that only look like compounds stay whole (`wholeWords`,
 * see germanWholeWords).
 *
 * A word the lexicon does not know, whose beginning is no dictionary word (a
 * name: Ukraine|hilfen, Selenskyj|regierung), still yields its head when the
 * head is attested and has at least 6 letters, the rest at least 4, and the
 * word does not look like an adjective (demokra|tische). Words that look
 * like adverbs (-weise, -falls, -mals …: beispiels|weise, eben|falls) are
 * not split at all.
 *
 * A splitter allocates its scratch arrays once and reuses them for every
 * word; it is not reentrant (one split at a time, as JavaScript runs).
 */
export class CompoundSplitter {
  readonly minWordLength: number;
  private readonly minPart: number;
  private readonly junk: ReadonlySet<string>;
  private readonly whole: { has(word: string, from?: number, to?: number): boolean };
  private buffers: Scratch = newScratch(64);

  constructor(
    readonly dict: CompoundDictionary = germanCompoundDictionary(),
    options: SplitterOptions = {},
  ) {
    this.minWordLength = options.minWordLength ?? 8;
    this.minPart = options.minPartLength ?? 3;
    this.junk = options.junkParts ?? JUNK_PARTS;
    this.whole = options.wholeWords ?? germanWholeWords();
  }

  /** The parts of a folded word (leaves and, marked `compound`, parts split further), or null. */
  split(word: string): CompoundPart[] | null {
    return this.splitRange(word, 0, word.length);
  }

  private scratch(size: number): Scratch {
    if (this.buffers.parts.length < size) this.buffers = newScratch(size);
    return this.buffers;
  }

  private splitRange(word: string, from: number, to: number): CompoundPart[] | null {
    const { dict, minPart, junk } = this;
    const n = to - from;
    if (n < this.minWordLength || !isLowerAscii(word, from, to) || this.whole.has(word, from, to)) return null;
    const prefixes = new Prefixes(dict, word, from, to, this.scratch(n + 1));
    const self = prefixes.lineTo(to);
    const known = self !== -1 && dict.headWeight(self) >= 0;
    if (isDerivation(prefixes, word, to)) return null;
    if (!known && (isAdjectiveForm(prefixes, word, to, ADJECTIVE_ENDINGS) || ADVERBIAL.test(word.slice(from, to)))) return null;
    const feminine = feminineBase(prefixes, word, to);
    if (feminine > 0) {
      // Sozialassistent|in splits as Sozialassistent does, Operator|in (opera|torin) as Operator does: not at all.
      const masculine = this.splitRange(word, from, feminine);
      if (!masculine) return null;
      for (const part of masculine) if (part.end === feminine) part.end = to;
      return masculine;
    }

    // parts[i]: the fewest parts of a chain of modifier+link ending at i (the next part starts at i), -1: unreachable;
    // score[i]: its weight; back[i]: start of its last modifier; modEnd[i]: that modifier's end (before its link).
    // The scratch arrays are the splitter's: recursion below only starts once this call is done with them.
    const { parts, score, back, modEnd, ends, lines } = this.scratch(n + 1);
    parts.fill(-1, 0, n + 1);
    parts[0] = 0;
    let bestParts = Infinity;
    let bestScore = -1;
    let bestHead = -1;

    for (let s = 0; s < n; s++) {
      if (parts[s]! < 0) continue;
      const count = dict.matches(word, from + s, to, ends, lines);
      for (let i = 0; i < count; i++) {
        const e = ends[i]! - from;
        const line = lines[i]!;
        if (e - s < minPart) continue;
        if (e === n) {
          // The rest of the word as the head.
          if (s === 0) continue;
          const w = dict.headWeight(line);
          if (w < 0 || (known && w < 1) || isJunk(junk, word, from + s, to)) continue;
          // A head that is an adjective's comparative or superlative (Leistung|stärkere) is none.
          if (isGradeForm(dict, word, from + s, to)) continue;
          const p = parts[s]! + 1;
          const sc = score[s]! + w;
          if (p < bestParts || (p === bestParts && sc > bestScore)) {
            bestParts = p;
            bestScore = sc;
            bestHead = s;
          }
          continue;
        }
        const w = dict.modifierWeight(line);
        if (w < 0 || (known && w < 1) || isJunk(junk, word, from + s, from + e)) continue;
        const links = dict.modifierLinks(line);
        for (let k = 0; k < LINKS.length; k++) {
          if (!(links & (1 << k))) continue;
          const link = LINKS[k]!;
          const t = e + link.length;
          if (t > n - minPart || !word.startsWith(link, from + e)) continue;
          // A link that makes a modifier of its own belongs to it: Presse|konferenz, not Press|e|konferenz.
          if (link && isModifierEnd(dict, ends, lines, i + 1, count, from + t)) continue;
          const p = parts[s]! + 1;
          const sc = score[s]! + w;
          // Fewer parts, then more weight; on a tie the longer modifier (found later) wins.
          if (parts[t]! < 0 || p < parts[t]! || (p === parts[t]! && sc >= score[t]!)) {
            parts[t] = p;
            score[t] = sc;
            back[t] = s;
            modEnd[t] = e;
          }
        }
      }
    }

    let result: CompoundPart[];
    if (bestHead > 0) {
      result = [{ start: from + bestHead, end: to, head: true, compound: false }];
      for (let t = bestHead; t > 0; t = back[t]!) result.unshift({ start: from + back[t]!, end: from + modEnd[t]!, head: false, compound: false });
    } else {
      const head = known || ADJECTIVAL.test(word.slice(from, to)) ? -1 : loneHead(word, from, to, dict, junk);
      if (head < 0) return null;
      result = [{ start: head, end: to, head: true, compound: false }];
    }
    // Parts long enough to be compounds themselves are split again; their parts follow them.
    const out: CompoundPart[] = [];
    for (const part of result) {
      const sub = this.splitRange(word, part.start, part.end);
      out.push(sub ? { ...part, compound: true } : part);
      if (sub) out.push(...sub);
    }
    return out;
  }
}

let wholeWords: SortedWordList | null = null;

/**
 * Words that stay whole, generated by scripts/build-lexicon.ts: names
 * (German and foreign first and last names, countries, German districts and
 * their towns: Deutschland, Wolfgang, Brandenburg) and frequent words whose
 * parts are rarer than the word itself, after Koehn and Knight (2003): a
 * word is a compound of its parts only if the parts are, on average
 * (geometric mean), more frequent than the word — Transport is no
 * Tran|sport, Programm no Pro|gramm, Generation no Gene|ration, while
 * Zeit|raum and Außen|minister are split. With every inflected form.
 */
export function germanWholeWords(): SortedWordList {
  wholeWords ??= new SortedWordList(WHOLE_WORDS);
  return wholeWords;
}

let german: CompoundSplitter | null = null;

/** The splitter over the generated German dictionary with default options (built once, shared). */
export function germanCompoundSplitter(): CompoundSplitter {
  german ??= new CompoundSplitter();
  return german;
}

/** Whether one of the matches after `i` ends at `end` and is a modifier. */
function isModifierEnd(dict: CompoundDictionary, ends: Int32Array, lines: Int32Array, i: number, count: number, end: number): boolean {
  for (; i < count && ends[i]! <= end; i++) if (ends[i] === end && dict.modifierWeight(lines[i]!) >= 0) return true;
  return false;
}

/** Start of the longest attested head after an unknown beginning (`Ukraine|hilfen`), or -1. */
function loneHead(word: string, from: number, to: number, dict: CompoundDictionary, junk: ReadonlySet<string>): number {
  for (let start = from + MIN_UNKNOWN_MODIFIER; start <= to - MIN_LONE_HEAD; start++) {
    const line = dict.find(word, start, to);
    if (line !== -1 && dict.headWeight(line) >= 1 && !isJunk(junk, word, start, to)) return start;
  }
  return -1;
}

interface Scratch {
  parts: Int32Array;
  score: Float64Array;
  back: Int32Array;
  modEnd: Int32Array;
  ends: Int32Array;
  lines: Int32Array;
  los: Int32Array;
  his: Int32Array;
}

/** Arrays for a word of up to `size - 1` letters: a split allocates no arrays of its own. */
function newScratch(size: number): Scratch {
  const n = Math.max(size, 64);
  return {
    parts: new Int32Array(n),
    score: new Float64Array(n),
    back: new Int32Array(n),
    modEnd: new Int32Array(n),
    ends: new Int32Array(n),
    lines: new Int32Array(n),
    los: new Int32Array(n),
    his: new Int32Array(n),
  };
}

/** Whether a candidate head is an adjective's comparative or superlative (stärkere ← stark). */
function isGradeForm(dict: CompoundDictionary, word: string, from: number, to: number): boolean {
  for (const ending of GRADE_ENDINGS) {
    const baseEnd = to - ending.length;
    if (baseEnd - from < 4 || !word.startsWith(ending, baseEnd)) continue;
    const line = dict.find(word, from, baseEnd);
    if (line !== -1 && dict.isAdjective(line)) return true;
  }
  return false;
}

/** Dictionary lookups of prefixes of one word (`word[from, from + length)`, optionally + a suffix), sharing one walk. */
class Prefixes {
  private readonly los: Int32Array;
  private readonly his: Int32Array;
  private readonly depth: number;

  constructor(
    readonly dict: CompoundDictionary,
    word: string,
    readonly from: number,
    to: number,
    buffers: Scratch,
  ) {
    this.los = buffers.los;
    this.his = buffers.his;
    this.depth = dict.prefixRanges(word, from, to, this.los, this.his);
  }

  /** The line of the prefix ending at `end` (an offset into the word), plus `suffix`; or -1. */
  lineTo(end: number, suffix = ''): number {
    const length = end - this.from;
    if (length < 0 || length > this.depth) return -1;
    return this.dict.lineOf(this.los[length]!, this.his[length]!, length, suffix);
  }
}
/**
 * Whether `word[from, to)` is a form of an adjective or participle the
 * lexicon knows (stahlharte, ertragreiche, entscheidende): adjectives are
 * no noun compounds, though their forms may spell one (Stahl|härte, Ertrag|reiche).
 */
function isAdjectiveForm(prefixes: Prefixes, word: string, to: number, endings: readonly string[]): boolean {
  for (const ending of endings) {
    const baseEnd = to - ending.length;
    if (baseEnd - prefixes.from < 4 || !word.startsWith(ending, baseEnd)) continue;
    const line = prefixes.lineTo(baseEnd);
    if (line !== -1 && prefixes.dict.isAdjective(line)) return true;
  }
  return false;
}

/** The end of the masculine noun a feminine in -in/-innen is made from (`sozialassistent` in Sozialassistentinnen), or -1. */
function feminineBase(prefixes: Prefixes, word: string, to: number): number {
  for (const suffix of ['in', 'innen']) {
    const end = to - suffix.length;
    if (end - prefixes.from < 4 || !word.startsWith(suffix, end)) continue;
    const line = prefixes.lineTo(end);
    if (line !== -1 && prefixes.dict.headWeight(line) >= 0) return end;
  }
  return -1;
}

/**
 * Whether `word[from, to)` is a derivation of a verb: a noun formed with
 * one of DERIVATIONS, or a present participle, declined or not
 * (entscheidende ← entscheiden, wandernden ← wandern).
 */
function isDerivation(prefixes: Prefixes, word: string, to: number): boolean {
  const dict = prefixes.dict;
  for (const ending of ['', 'e', 'en', 'em', 'er', 'es']) {
    const d = to - ending.length - 1;
    if (d - prefixes.from < 4 || word.charCodeAt(d) !== 0x64 || !word.startsWith(ending, d + 1)) continue; // 'd'
    const line = prefixes.lineTo(d);
    if (line !== -1 && dict.isVerb(line)) return true;
  }
  for (const suffix of DERIVATIONS) {
    const baseEnd = to - suffix.length;
    if (baseEnd - prefixes.from < 4 || !word.startsWith(suffix, baseEnd)) continue;
    for (const ending of ['en', 'n']) {
      const line = prefixes.lineTo(baseEnd, ending);
      if (line !== -1 && dict.isVerb(line)) return true;
    }
  }
  return false;
}

/** Junk parts are short: longer pieces skip the lookup (and the string it needs). */
function isJunk(junk: ReadonlySet<string>, word: string, from: number, to: number): boolean {
  return to - from <= 6 && junk.size > 0 && junk.has(word.slice(from, to));
}

function isLowerAscii(word: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = word.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}
