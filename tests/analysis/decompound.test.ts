import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer';
import { decompoundFilter, germanCompoundLexicon, splitCompound } from '../../src/analysis/decompound';
import { foldTerm, foldWithOffsets } from '../../src/analysis/fold';
import { WordList } from '../../src/analysis/word-list';

const lexicon = germanCompoundLexicon();
const parts = (word: string) => {
  const folded = foldTerm(word.toLowerCase());
  return splitCompound(folded, lexicon)?.map((p) => folded.slice(p.start, p.end)) ?? null;
};

describe('splitCompound with the German lexicon', () => {
  it.each([
    ['Militärhilfe', ['militar', 'hilfe']],
    ['Waffenproduktion', ['waffen', 'produktion']],
    ['Sicherheitsberater', ['sicherheit', 'berater']], // linking -s-
    ['Kampfhandlungen', ['kampf', 'handlungen']],
    ['Generalsekretär', ['general', 'sekretar']],
    ['Pressekonferenz', ['presse', 'konferenz']],
    ['Bundesverfassungsgericht', ['bunde', 'verfassung', 'gericht']], // three parts
    ['Streitkräfte', ['streit', 'krafte']],
    ['Hilfsgüter', ['hilf', 'guter']], // elided -e plus linking -s-: Hilfe → Hilfs-
    ['Ukrainehilfen', ['hilfen']], // a name as modifier: the head alone
  ])('splits %s', (word, expected) => {
    expect(parts(word)).toEqual(expected);
  });

  it.each(['Verbraucher', 'Berater', 'Urinstinkt', 'Regierung', 'Präsident', 'Hilfe', 'Kooperation'])(
    'does not split %s',
    (word) => {
      expect(parts(word)).toBeNull();
    },
  );

  it('takes Stau + Becken, not Staub + Ecken (longest head)', () => {
    expect(parts('Staubecken')).toEqual(['stau', 'becken']);
  });

  it('needs parts that rebuild the word exactly', () => {
    const tiny = { nouns: new WordList('hilfe\nmilitar'), modifiers: new WordList(''), verbs: new WordList('') };
    // `militarx` is no modifier, so there is no full split, only the head (see the head-only rule).
    expect(splitCompound('militarxhilfe', tiny)?.map((p) => p.lemma)).toEqual(['hilfe']);
    expect(splitCompound('mixhilfe', tiny)).toBeNull(); // too short a modifier for a head-only split
    expect(splitCompound('militarhilfe', tiny)?.map((p) => p.lemma)).toEqual(['militar', 'hilfe']);
    expect(splitCompound('militarshilfe', tiny)?.map((p) => p.lemma)).toEqual(['militar', 'hilfe']); // linking -s-
  });
});

describe('decompoundFilter', () => {
  const analyzer = createAnalyzer({ decompound: decompoundFilter() });
  const partsOf = (text: string) => analyzer.analyze(text).filter((t) => t.kind === 'part');

  it('adds part tokens with stems, spanning the part in the original text', () => {
    const text = 'Die Militärhilfe für Kiew';
    const ps = partsOf(text);
    expect(ps.map((p) => p.term)).toEqual(['militar', 'hilf']);
    expect(ps.map((p) => text.slice(p.start, p.end))).toEqual(['Militär', 'hilfe']);
    expect(new Set(ps.map((p) => p.position)).size).toBe(1);
  });

  it('maps offsets through transliterations and ß', () => {
    const text = 'Die Sicherheitsberaterin und der Fussballtrainer, die Außenpolitik';
    const spans = partsOf(text).map((p) => text.slice(p.start, p.end));
    expect(spans).toContain('Sicherheit'); // the part, without its linking -s-
    expect(spans).toContain('trainer');
  });

  it('leaves hyphenated wholes to their pieces', () => {
    const tokens = analyzer.analyze('Ukraine-Hilfen');
    expect(tokens.filter((t) => t.kind === 'part')).toEqual([]);
    expect(tokens.filter((t) => t.kind === 'stem').map((t) => t.term)).toContain('hilf');
  });
});

describe('foldWithOffsets', () => {
  it('maps folded characters back to the original', () => {
    const r = foldWithOffsets('Außenminister')!;
    expect(r.folded).toBe('aussenminister');
    expect(r.map[r.folded.indexOf('minister')]).toBe('Außen'.length);
    expect(foldWithOffsets('Bruessel')).toEqual({ folded: 'brussel', map: [0, 1, 2, 4, 5, 6, 7, 8] });
  });
});
