import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer';
import { DEFAULT_ANALYSIS, germanAnalyzers } from '../../src/analysis/german';
import { foldFilter } from '../../src/analysis/fold';
import { lowercaseFilter } from '../../src/analysis/lowercase';
import { normalizeFilter } from '../../src/analysis/normalize';
import { CompoundDictionary, germanCompoundDictionary, LINKS } from '../../src/analysis/compound-dictionary';
import { CompoundSplitter } from '../../src/analysis/compound-splitter';
import { decompoundFilter } from '../../src/analysis/decompound';
import { alignFolded } from '../../src/analysis/fold-alignment';
import { foldTerm } from '../../src/analysis/fold';
import { createLemmatizer } from '../../src/analysis/lemma';
import { stemTerm } from '../../src/analysis/stem';
import type { Token } from '../../src/analysis/token';

const dict = germanCompoundDictionary();
const splitter = new CompoundSplitter(dict);
/** The leaf parts of a word's split (folded), or null. */
const parts = (word: string) => {
  const folded = foldTerm(word.toLowerCase());
  return splitter.split(folded)?.filter((p) => !p.compound).map((p) => folded.slice(p.start, p.end)) ?? null;
};

const analyzer = germanAnalyzers(DEFAULT_ANALYSIS).index;
const partTokens = (text: string) => analyzer.analyze(text).filter((t) => t.kind === 'part');
const partTerms = (text: string) => partTokens(text).map((t) => t.term);
const partSpans = (text: string) => partTokens(text).map((t) => text.slice(t.start, t.end));

describe('CompoundSplitter with the German dictionary', () => {
  it.each([
    ['Militärhilfe', ['militar', 'hilfe']],
    ['Militärhilfen', ['militar', 'hilfen']],
    ['Waffenproduktion', ['waffen', 'produktion']], // plural modifier (-n-)
    ['Sicherheitsberater', ['sicherheit', 'berater']], // linking -s-
    ['Außenminister', ['aussen', 'minister']], // a modifier learnt from the lexicon's compounds
    ['Außenministerin', ['aussen', 'ministerin']], // a feminine splits as its masculine
    ['Kampfhandlungen', ['kampf', 'handlungen']],
    ['Generalsekretär', ['general', 'sekretar']],
    ['Pressekonferenz', ['presse', 'konferenz']], // Presse|konferenz, not Press|e|konferenz
    ['Streitkräfte', ['streit', 'krafte']],
    ['Bundesamt', ['bund', 'amt']], // Bund|es|amt, not Bunde|samt
    ['Arbeitsamt', ['arbeit', 'amt']], // Arbeit|s|amt, not Arbeit|samt
    ['Hilfsgüter', ['hilf', 'guter']], // elided -e plus linking -s-: Hilfe → Hilfs-
    ['Ladestation', ['lade', 'station']],
    ['Kindergarten', ['kinder', 'garten']], // -er- as the plural
    ['Gastraum', ['gast', 'raum']], // not Gas|traum
    ['Staubecken', ['stau', 'becken']], // not Staub|ecken
    ['Krankenhäuser', ['kranken', 'hauser']],
    ['Kriegsverbrechen', ['krieg', 'verbrechen']],
  ])('splits %s', (word, expected) => {
    expect(parts(word)).toEqual(expected);
  });

  it('splits compounds of three and more parts, keeping the compound parts too', () => {
    expect(parts('Bundesverfassungsgericht')).toEqual(['bund', 'verfassung', 'gericht']);
    const folded = 'oberburgermeister';
    const all = splitter.split(folded)!.map((p) => `${folded.slice(p.start, p.end)}${p.compound ? '*' : ''}`);
    expect(all).toEqual(['ober', 'burgermeister*', 'burger', 'meister']);
  });

  it.each([
    'Verbraucher', // verb|raucher: a derivation of verbrauchen
    'Verbrauchern',
    'Urinstinkt', // urin|stinkt: no noun head
    'Versendung', // vers|endung: a derivation of versenden
    'Beinhaltung',
    'Unternehmen', // unter|nehmen: a nominalised verb
    'Zusammenarbeit', // a particle verb's noun
    'Gewerkschaft', // known whole; gew|ksc|haft are no attested parts
    'Berater',
    'Regierung',
    'Kooperation',
    'Hilfe',
    'Ukraine',
    'Russland', // not Ruß|land
    'Schriftsteller', // not Schrift|s|teller
    'entscheidende', // a participle, not Entscheid|ende
    'stahlharte', // an adjective, not Stahl|härte
    'demokratische', // not demokra|tische
    'Leistungsstärkere',
  ])('does not split %s', (word) => {
    expect(parts(word)).toBeNull();
  });

  it.each(['Möglicherweise', 'Beispielsweise', 'Ebenfalls', 'Mittlerweile', 'Allerdings', 'Stattdessen', 'Erstmals'])(
    'does not split the adverb %s',
    (word) => {
      expect(parts(word)).toBeNull();
    },
  );

  it.each(['Deutschland', 'Deutschlands', 'Frankreich', 'Griechenland', 'Dänemark', 'Brandenburg', 'Frankfurt', 'Zimmermann'])(
    'keeps the name %s whole',
    (word) => {
      expect(parts(word)).toBeNull();
    },
  );

  it.each(['Transport', 'Transports', 'Generation', 'Kombination'])('keeps %s whole: its parts are rarer than the word', (word) => {
    expect(parts(word)).toBeNull();
    // Without the list of whole words the dictionary alone would split it.
    const folded = foldTerm(word.toLowerCase());
    expect(new CompoundSplitter(dict, { wholeWords: { has: () => false } }).split(folded)).not.toBeNull();
  });

  it('still splits compounds whose parts are frequent words', () => {
    expect(parts('Hauptstadt')).toEqual(['haupt', 'stadt']);
    expect(parts('Außenminister')).toEqual(['aussen', 'minister']);
  });

  it('leaves words the lexicon does not know alone', () => {
    expect(parts('Xylofrimbantorex')).toBeNull();
    expect(parts('Qwertzuiopasdf')).toBeNull();
  });

  it('yields the head of a compound whose first part is a name', () => {
    expect(parts('Ukrainehilfen')).toEqual(['hilfen']);
    expect(parts('Selenskyjregierung')).toEqual(['regierung']);
  });

  it('rebuilds the word exactly from parts and linking elements', () => {
    const tiny = new CompoundDictionary(['hilfe\t11', 'militar\t01', 'produktion\t11', 'waffe\t01', 'waffen\t01'].join('\n'));
    const split = (w: string) => new CompoundSplitter(tiny).split(w)?.map((p) => w.slice(p.start, p.end)) ?? null;
    expect(split('militarhilfe')).toEqual(['militar', 'hilfe']);
    expect(split('militarshilfe')).toEqual(['militar', 'hilfe']); // linking -s-
    expect(split('militarenhilfe')).toEqual(['militar', 'hilfe']); // linking -en-
    expect(split('militarxproduktion')).toEqual(['produktion']); // no full split: the head alone, after an unknown start
    expect(split('mixproduktion')).toBeNull(); // too short a start for a head-only split
    expect(split('militarxhilfe')).toBeNull(); // too short a head for a head-only split
    expect(split('waffenproduktion')).toEqual(['waffen', 'produktion']); // the modifier absorbs the link it spells
    expect(LINKS).toEqual(['', 's', 'es', 'n', 'en', 'e', 'ens']);
  });

  it('respects minimum lengths', () => {
    expect(new CompoundSplitter(dict, { minWordLength: 13 }).split('militarhilfe')).toBeNull();
    expect(parts('Zeitraum')).toEqual(['zeit', 'raum']); // 8 letters: long enough
    expect(parts('Bahnhof')).toBeNull(); // 7 letters: not split
  });
});

describe('decompoundFilter', () => {
  it('adds part tokens with stems at the word position, spanning each part in the original text', () => {
    const text = 'Die Militärhilfe für Kiew';
    const ps = partTokens(text);
    expect(ps.map((p) => p.term)).toEqual(['militar', 'hilf']);
    expect(ps.map((p) => text.slice(p.start, p.end))).toEqual(['Militär', 'hilfe']);
    const word = analyzer.analyze(text).find((t) => t.kind === 'exact' && t.term === 'militarhilfe')!;
    expect(ps.every((p) => p.position === word.position)).toBe(true);
  });

  it('gives Hilfen and Hilfe, Kräfte and Kraft the same part term', () => {
    expect(partTerms('Militärhilfen')).toEqual(partTerms('Militärhilfe'));
    expect(partTerms('Streitkräfte')).toEqual(['streit', 'kraft']);
    expect(partTerms('Streitkräfte')).toEqual(partTerms('Streitkraft'));
  });

  it('uses the stems of the cases above', () => {
    expect(partTerms('Waffenproduktion')).toEqual(['waff', 'produktion']);
    expect(partTerms('Sicherheitsberater')).toEqual([stemTerm('sicherheit'), 'berat']);
    expect(partTerms('Außenminister')).toEqual([stemTerm('aussen'), 'minist']);
    expect(partTerms('Kampfhandlungen')).toEqual(['kampf', 'handlung']);
    expect(partTerms('Generalsekretär')).toEqual(['general', 'sekretar']);
    expect(partTerms('Pressekonferenz')).toEqual(['press', 'konferenz']);
    expect(partTerms('Bundesverfassungsgericht')).toEqual(['bund', stemTerm('verfassung'), 'gericht']);
  });

  it('maps offsets through ß, transliterations and linking elements', () => {
    expect(partSpans('Außenminister')).toEqual(['Außen', 'minister']);
    expect(partSpans('AUSSENMINISTER')).toEqual(['AUSSEN', 'MINISTER']);
    expect(partSpans('Militaerhilfe')).toEqual(['Militaer', 'hilfe']);
    expect(partSpans('Sicherheitsberaterin')).toEqual(['Sicherheit', 'beraterin']); // without the linking -s-
    expect(partSpans('Fußballspiel')).toEqual(['Fuß', 'ball', 'spiel']);
    // A soft hyphen inside the word: the tokenizer keeps it in the word, the alignment skips it.
    expect(partSpans('Militär\u00ADhilfe')).toEqual(['Militär', 'hilfe']);
    expect(partSpans('Milita\u0308rhilfe')).toEqual(['Milita\u0308r', 'hilfe']); // decomposed umlaut
  });

  it('splits only capitalised words in cased text, any word in a query typed in lowercase', () => {
    expect(partTerms('Die Militärhilfe kam ebenfalls')).toEqual(['militar', 'hilf']);
    expect(partTerms('Die militärhilfe')).toEqual([]); // lowercase in cased text: no noun
    expect(partTerms('militärhilfe')).toEqual(['militar', 'hilf']); // an all-lowercase query
    const always = createAnalyzer([normalizeFilter, lowercaseFilter, foldFilter, decompoundFilter(undefined, { nounsOnly: false })]);
    expect(always.analyze('Die militärhilfe').filter((t) => t.kind === 'part').map((t) => t.term)).toEqual(['militar', 'hilf']);
  });

  it('leaves hyphenated wholes to their pieces, which are short enough to stay whole', () => {
    const tokens = analyzer.analyze('Ukraine-Hilfen');
    expect(tokens.filter((t) => t.kind === 'part')).toEqual([]);
    expect(tokens.filter((t) => t.kind === 'stem').map((t) => t.term)).toContain('hilf');
  });

  it('adds nothing for words that are no compounds, and keeps the other tokens as they were', () => {
    const plain = germanAnalyzers({ ...DEFAULT_ANALYSIS, compounds: false }).index;
    for (const text of ['Der Verbraucher', 'Die Regierung in Kiew', 'Urinstinkt']) {
      expect(analyzer.analyze(text)).toEqual(plain.analyze(text));
    }
  });

  it('lets a query for a part meet the compound in the index', () => {
    const stemOf = (word: string) => analyzer.analyze(word).find((t) => t.kind === 'stem')!.term;
    expect(partTerms('Militärhilfen')).toContain(stemOf('Hilfe'));
    expect(partTerms('Oberbürgermeister')).toContain(stemOf('Bürgermeister'));
    expect(partTerms('Streitkräfte')).toContain(stemOf('Kräfte'));
  });
});

describe('alignFolded', () => {
  it('maps folded characters back to the original', () => {
    expect(alignFolded('Bruessel', 'brussel')).toEqual([0, 1, 2, 4, 5, 6, 7, 8]);
    expect(alignFolded('Maß', 'mass')).toEqual([0, 1, 2, 2, 3]);
    expect(alignFolded('Be\u00ADtrag', 'betrag')).toEqual([0, 1, 3, 4, 5, 6, 7]);
    expect(alignFolded('\uFB01nal', 'final')).toEqual([0, 0, 1, 2, 3, 4]);
    expect(alignFolded('anders', 'other')).toBeNull();
  });
});

describe('CompoundDictionary', () => {
  const d = new CompoundDictionary(['amt\t51', 'arbeit\t34', 'arbeiten\t-0v', 'hilf\t-2s', 'hilfe', 'hoch\t-3pa'].join('\n'));
  it('reads weights, link classes and flags', () => {
    const line = (w: string) => d.find(w);
    expect(d.size).toBe(6);
    expect(d.headWeight(line('amt'))).toBe(5);
    expect(d.modifierWeight(line('amt'))).toBe(1);
    expect(d.headWeight(line('hilfe'))).toBe(0);
    expect(d.modifierWeight(line('hilfe'))).toBe(-1);
    expect(d.headWeight(line('hilf'))).toBe(-1);
    expect(d.modifierLinks(line('hilf'))).toBe(0b11); // none or -s-
    expect(d.modifierLinks(line('hoch'))).toBe(0b1); // none
    expect(d.modifierLinks(line('amt'))).toBe(0x7f); // any
    expect(d.isVerb(line('arbeiten'))).toBe(true);
    expect(d.isVerb(line('arbeit'))).toBe(false);
    expect(d.isAdjective(line('hoch'))).toBe(true);
    expect(d.find('arbei')).toBe(-1);
    expect(d.find('xarbeitx', 1, 7)).toBe(line('arbeit'));
  });

  it('finds every word starting at an offset in one walk', () => {
    const ends = new Int32Array(16);
    const lines = new Int32Array(16);
    const n = d.matches('arbeitenhilfe', 0, 13, ends, lines);
    expect([...ends.slice(0, n)]).toEqual([6, 8]);
    expect(new CompoundDictionary('').find('x')).toBe(-1);
  });

  it('is sorted and well-formed in the generated data', () => {
    const text = (germanCompoundDictionary() as unknown as { text: string }).text;
    const lines = text.split('\n');
    expect(lines.length).toBeGreaterThan(50_000);
    for (let i = 1; i < lines.length; i++) {
      expect(lines[i - 1]! < lines[i]!).toBe(true);
      if (!/^[a-z]+(\t[-0-9][-0-9][sebp]?a?v?)?$/.test(lines[i]!)) throw new Error(`bad line ${lines[i]}`);
    }
  });
});

describe('end to end through the German analyzer', () => {
  it('indexes a sentence with exact, stem and part tokens', () => {
    const text = 'Die Streitkräfte gewannen mit Militärhilfe.';
    const tokens: Token[] = analyzer.analyze(text);
    const of = (kind: Token['kind']) => tokens.filter((t) => t.kind === kind).map((t) => t.term);
    expect(of('exact')).toEqual(['streitkrafte', 'gewannen', 'militarhilfe']);
    expect(of('stem')).toEqual(['streitkraft', stemTerm('gewinnen'), 'militarhilf']);
    expect(of('part')).toEqual(['streit', 'kraft', 'militar', 'hilf']);
    for (const t of tokens) expect(t.end).toBeGreaterThan(t.start);
  });
});
