import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Analyzer } from '../../src/analysis/analyzer';
import { wordSpans } from '../../src/analysis/word-spans';
import { DEFAULT_ANALYSIS, germanAnalyzers } from '../../src/analysis/german';
import { expansionMatches, knownStart } from '../../src/search/expansion-spans';
import type { Highlight } from '../../src/search/highlight';
import { hostileText, runs } from './arbitraries';

/**
 * The straightforward way to find a hit's expansions in a paragraph, which
 * expansionMatches must equal mark for mark: the surface analyzer over the
 * whole text, every token whose term is an expansion.
 */
function byAnalysis(text: string, clauseOf: ReadonlyMap<string, number>, surface: Analyzer): Highlight[] {
  const out: Highlight[] = [];
  for (const t of surface.analyze(text)) {
    const clause = clauseOf.get(t.term);
    if (clause !== undefined) out.push({ start: t.start, end: t.end, clause });
  }
  return out;
}

// Words whose surface form is not simply their lowercase: folding (umlauts, ß, ae/oe/ue spelled out or kept as a
// vowel pair), diacritics as combining marks (also after an invisible character), ligatures, full-width and
// titlecase letters, letters outside Latin-1, digits, apostrophes, and hyphenated words (whose joined whole
// is a word too, also when a piece is one letter or starts with a combining mark).
const TRICKY_WORDS = [
  'Uebel', 'uebel', 'Ueberweisung', 'Übel', 'über', 'Aerosol', 'Aerger', 'Ärger', 'Oel', 'Öl', 'oel', 'Israel', 'Michael',
  'Bruessel', 'Brüssel', 'Brussel', 'Tuerkei', 'Türkei', 'Feuer', 'Quelle', 'neue', 'Poeten', 'Aussenminister',
  'Außenminister', 'AUSSENMINISTER', 'Straße', 'STRAẞE', 'ẞ', 'ß', 'Maße', 'Masse', 'Käse', 'Kaese', 'für', 'fuer',
  'e\u0301tat', 'E\u0301', 'Ae\u0301', 'U\u0308bel', 'u\u0308ber', 'a\u00AD\u0308b', 'Mu\u0308ller', 'Mue\u0301ller',
  'o\u00ADe', 'u\u200Be', 'Café', 'Noël', 'Citroën', 'ﬁnanzieren', 'ﬂug', 'Ｎａｔｏ', 'ǅemal', 'ǆ', 'İstanbul', 'Ĳssel',
  'ĳ', 'Ωmega', 'Ελλάδα', 'Москва', 'москва', 'Łódź', 'Œuvre', 'Æther', 'ª', 'º', 'x²', '²x', '½', 'Ⅻ',
  'Ukraine-Hilfen', 'Ukrainehilfen', 'NATO-Generalsekretär', 'US-Dollar', 'A-\u0301b', 'e-\u0301', 'a-e', 'u-e', 'o-ebene',
  'G7-Gipfel', '3-mal', '2024', '19.', "d'Alembert", "Kohl's", 'Schröder’s', 'x-y-z', 'Betrach\u00ADtet',
  'Militär\u00ADhilfe', 'Militärhilfe', 'Militärh', 'Kiew', 'Kiev', 'Kyjiw', 'und', 'Union', 'um', 'ukr',
  '𝐀𝐁𝐂', '𝒜b', 'a\uD835\uDC00', '𠜎x', 'e\u0301\u0301', '\u0301a',
];

const SEPARATORS = [' ', ' ', ' ', '-', '--', '\u2010', '\u2011', ', ', '. ', "'", '’', '\n', '\u00A0', '\u00AD', '', '"', '(', ')'];

/** Text of tricky words and hostile pieces, with separators that split, join or hyphenate them. */
const text: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(fc.tuple(fc.constantFrom(...TRICKY_WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 30 })
      .map((parts) => parts.map(([w, s]) => w + s).join('')),
  },
  { weight: 1, arbitrary: hostileText(30) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.tuple(fc.stringMatching(/^[A-Za-zÄÖÜäöüßéÉ0-9\u0301\u0308\u00AD]{1,8}$/), fc.constantFrom(...SEPARATORS)), { maxLength: 30 })
      .map((parts) => parts.map(([w, s]) => w + s).join('')),
  },
);

/**
 * Expansion terms for a text, as a hit has them: the surface terms of the
 * text and of the tricky words that start with a prefix of one of them (a
 * prefix expansion), a few of them with terms one edit away (typo
 * candidates, which share no prefix), or random strings; each to a clause.
 */
function expansionTerms(surface: Analyzer, t: string): fc.Arbitrary<Map<string, number>> {
  const inText = [...new Set(surface.analyze(t).map((x) => x.term))];
  const known = [...new Set([...inText, ...TRICKY_WORDS.flatMap((w) => surface.analyze(w).map((x) => x.term))])];
  const anyKnown = known.length ? fc.constantFrom(...known) : fc.constant('a');
  const some = inText.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...inText) }, { weight: 1, arbitrary: anyKnown }) : anyKnown;
  const prefixes = fc
    .tuple(some, fc.integer({ min: 1, max: 6 }))
    .map(([term, k]) => known.filter((x) => x.startsWith(term.slice(0, k))));
  const edit = fc
    .tuple(some, fc.nat(), fc.constantFrom('', 'e', 'u', 'a', 'ß', 'ä', 'é', 's', 'k', 'ž'))
    .map(([term, at, c]) => {
      const i = at % (term.length + 1);
      return term.slice(0, i) + c + term.slice(i + 1);
    });
  const typos = fc.array(fc.oneof(some, edit), { minLength: 1, maxLength: 8 });
  const random = fc.array(fc.string({ unit: 'grapheme', maxLength: 4 }), { maxLength: 4 });
  return fc
    .tuple(fc.oneof({ weight: 3, arbitrary: prefixes }, { weight: 3, arbitrary: typos }, { weight: 1, arbitrary: random }), fc.array(fc.oneof(some, edit), { maxLength: 3 }), fc.nat({ max: 3 }))
    .map(([terms, more, firstClause]) => new Map([...terms, ...more].map((term, i) => [term, (firstClause + i) % 4])));
}

const analyzersOf = [
  ['the default chain (folding)', germanAnalyzers(DEFAULT_ANALYSIS).surface],
  ['a chain without folding', germanAnalyzers({ ...DEFAULT_ANALYSIS, fold: false }).surface],
] as const;

describe('expansionMatches', () => {
  for (const [name, surface] of analyzersOf) {
    it(`marks exactly what the surface analyzer over the whole text marks, with ${name}`, () => {
      let marked = 0;
      let total = 0;
      fc.assert(
        fc.property(
          text.chain((t) => fc.tuple(fc.constant(t), expansionTerms(surface, t))),
          ([t, clauseOf]) => {
            const expected = byAnalysis(t, clauseOf, surface);
            total++;
            if (expected.length) marked++;
            // Asked twice: the second time the words' surface forms come from the memo.
            expect(expansionMatches(t, clauseOf, surface)).toEqual(expected);
            const words: Array<[number, number]> = [];
            expect(expansionMatches(t, clauseOf, surface, words)).toEqual(expected);
            // The words found on the way are the text's words by position, as highlights map stored positions.
            expect(words).toEqual(wordSpans(t));
          },
        ),
        runs(600),
      );
      // The term sets are made from the texts' own words: most runs have marks to miss.
      expect(marked).toBeGreaterThan(total / 2);
    });
  }

  it('finds each tricky word, alone, hyphenated and between others, by its surface form', () => {
    for (const [, surface] of analyzersOf) {
      for (const word of TRICKY_WORDS) {
        const t = `vor ${word}-Ende und ${word}, nach`;
        for (const term of new Set(surface.analyze(word).map((x) => x.term))) {
          const clauseOf = new Map([[term, 0]]);
          const found = expansionMatches(t, clauseOf, surface);
          expect(found, `${word} as ${term}`).toEqual(byAnalysis(t, clauseOf, surface));
          expect(found.length, `${word} as ${term}`).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe('knownStart', () => {
  const folding = germanAnalyzers(DEFAULT_ANALYSIS).surface;
  const start = (w: string) => knownStart(w.charCodeAt(0), w.length > 1 ? w.charCodeAt(1) : -1, w.length > 2 ? w.charCodeAt(2) : -1);
  it('knows two letters of a plain word, one before a letter that is not ASCII or a possibly dropped e, none before a combining mark', () => {
    expect(start('Kiew')).toBe(128 + 'k'.charCodeAt(0) * 128 + 'i'.charCodeAt(0));
    expect(start('für')).toBe('f'.charCodeAt(0));
    expect(start('Uebel')).toBe('u'.charCodeAt(0));
    expect(start('Ke\u0301')).toBe('k'.charCodeAt(0));
    expect(start('e\u0301tat')).toBe(-1);
    expect(start('e\u00AD\u0301')).toBe(-1);
    expect(start('Übel')).toBe(-1);
  });
  it('is, where it knows a start, the start of the word\'s surface form', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...TRICKY_WORDS), fc.stringMatching(/^[A-Za-z0-9][A-Za-zäöüßé0-9\u0301\u0308\u00AD\u200B]{0,3}$/)), (w) => {
        const key = start(w);
        const term = folding.analyze(w)[0]?.term ?? '';
        if (key >= 128) expect(term.slice(0, 2)).toBe(String.fromCharCode((key - 128) >> 7, (key - 128) & 127));
        else if (key >= 0) expect(term[0]).toBe(String.fromCharCode(key));
      }),
      runs(1000),
    );
  });
});
