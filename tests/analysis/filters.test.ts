import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS, germanAnalyzers } from '../../src/analysis/german';
import { foldTerm } from '../../src/analysis/fold';
import { normalizeTerm } from '../../src/analysis/normalize';
import { GERMAN_STOP_WORDS } from '../../src/analysis/stop';
import { stemFilter, stemTerm } from '../../src/analysis/stem';
import { createLemmatizer } from '../../src/analysis/lemma';
import { TERM_CACHE_LIMIT } from '../../src/analysis/term-cache';
import type { Token } from '../../src/analysis/token';

const analyzer = germanAnalyzers({ ...DEFAULT_ANALYSIS, lemmas: false, compounds: false }).index;
const exact = (text: string) => analyzer.analyze(text).filter((t) => t.kind === 'exact').map((t) => t.term);
const stems = (text: string) => analyzer.analyze(text).filter((t) => t.kind === 'stem').map((t) => t.term);

describe('normalise', () => {
  it('composes decomposed umlauts and drops invisible characters', () => {
    expect(normalizeTerm('Bru\u0308ssel')).toBe('Brüssel');
    expect(normalizeTerm('Betrach\u00ADtet')).toBe('Betrachtet');
    expect(normalizeTerm('\uFB01nal')).toBe('final');
  });
});

describe('fold', () => {
  it('makes Brüssel, Brussel and Bruessel meet', () => {
    expect(new Set([foldTerm('brüssel'), foldTerm('brussel'), foldTerm('bruessel')]).size).toBe(1);
  });
  it('makes Außenminister and Aussenminister meet', () => {
    expect(foldTerm('außenminister')).toBe(foldTerm('aussenminister'));
  });
  it('keeps ue where it is a vowel pair, not a transliteration', () => {
    expect(foldTerm('feuer')).toBe('feuer');
    expect(foldTerm('quelle')).toBe('quelle');
    expect(foldTerm('neue')).toBe('neue');
  });
  it('strips other diacritics', () => {
    expect(foldTerm('café')).toBe('cafe');
  });
});

describe('stop words', () => {
  it('uses the Snowball list, folded', () => {
    expect(GERMAN_STOP_WORDS.has('und')).toBe(true);
    expect(GERMAN_STOP_WORDS.has('fur')).toBe(true); // für
    expect(GERMAN_STOP_WORDS.has('jahr')).toBe(false);
  });
  it('drops stop words but leaves position gaps so phrases stay honest', () => {
    const tokens = analyzer.analyze('Die NATO und die Ukraine');
    expect(tokens.filter((t) => t.kind === 'exact').map((t) => [t.term, t.position])).toEqual([
      ['nato', 1],
      ['ukraine', 4],
    ]);
  });
});

describe('stem', () => {
  it('adds a stem token beside each exact token', () => {
    expect(exact('Regierungen')).toEqual(['regierungen']);
    expect(stems('Regierungen')).toEqual([stemTerm('regierung')]);
    expect(stems('Hilfen')).toEqual(stems('Hilfe'));
  });
  it('memoises the stem token of each word, and gives the stem of its lemma whether or not the memo still holds it', () => {
    const lemma = createLemmatizer();
    const filter = stemFilter(lemma);
    // A participle by its lemma, plurals by their stems, numbers and short words as they are.
    const words = ['gewonnen', 'regierungen', 'sagte', '2024', 'eu', 'hilfen'];
    const expected = [stemTerm('gewinnen'), stemTerm('regierung'), stemTerm('sagen'), '2024', 'eu', stemTerm('hilfe')];
    const stemsOf = (terms: readonly string[]) =>
      filter(
        terms.map((term, position): Token => ({ term, start: 0, end: term.length, position, kind: 'exact' })),
        '',
      )
        .filter((t) => t.kind === 'stem')
        .map((t) => t.term);
    expect(stemsOf(words)).toEqual(expected);
    expect(stemsOf(words)).toEqual(expected);
    // Enough other words to turn the memo's generations over twice: the first words are then stemmed anew.
    const filler = Array.from({ length: 4 * TERM_CACHE_LIMIT + 1 }, (_, i) => `wort${i}`);
    stemsOf(filler);
    expect(stemsOf(words)).toEqual(expected);
  });
});

describe('folding as German writes it', () => {
  it('folds ae/oe/ue where they stand for an umlaut', () => {
    expect(foldTerm('bruessel')).toBe(foldTerm('brüssel'));
    expect(foldTerm('tuerkei')).toBe('turkei');
    expect(foldTerm('aerzte')).toBe(foldTerm('ärzte'));
    expect(foldTerm('mueller')).toBe(foldTerm('müller')); // both spellings are names; they meet
  });
  it('keeps a vowel pair that is no umlaut: Israel stays israel, Poeten stays poeten', () => {
    expect(foldTerm('israel')).toBe('israel');
    expect(foldTerm('israelis')).toBe('israelis');
    expect(foldTerm('poeten')).toBe('poeten');
    expect(foldTerm('poeten')).not.toBe(foldTerm('pöten'));
    expect(foldTerm('michael')).toBe('michael');
    expect(foldTerm('raphaël')).toBe('raphael');
    expect(foldTerm('aktuelle')).toBe('aktuelle');
    expect(foldTerm('goethe')).toBe('goethe');
  });
  it('leaves ß → ss as it was', () => {
    expect(foldTerm('straße')).toBe('strasse');
    expect(foldTerm('strasse')).toBe('strasse');
  });
  it('finds Israel whichever way a query writes it, through the whole chain', () => {
    expect(stems('Israels Poeten')).toEqual(stems('israels poeten'));
    expect(exact('Israel')).toEqual(['israel']);
  });
});

describe('analyzer', () => {
  it('is the same for index and query text in any spelling', () => {
    expect(stems('US-Außenminister in Brüssel')).toEqual(stems('US-Aussenminister in Bruessel'));
  });
  it('can switch stages off for ablation', () => {
    const plain = germanAnalyzers({ fold: false, stopWords: false, stem: false, lemmas: false, compounds: false }).index;
    expect(plain.analyze('Die Brüssel').map((t) => t.term)).toEqual(['die', 'brüssel']);
  });
  it('maps every token back to its span in the original text', () => {
    const text = 'Außenminister Blinken in Brüssel';
    for (const t of analyzer.analyze(text)) expect(text.slice(t.start, t.end).length).toBeGreaterThan(0);
    expect(analyzer.analyze(text).map((t) => text.slice(t.start, t.end))).toContain('Außenminister');
  });
});

describe('a compound folds as its head does', () => {
  it('keeps the vowel pair of a listed head: Marmorstatue, Wortduellen', () => {
    expect(foldTerm('marmorstatue')).toBe('marmorstatue');
    expect(foldTerm('wortduellen')).toBe('wortduellen');
  });
  it('does not take short listed words inside transliterations for heads (Leinoel is no Lei|Noel)', () => {
    expect(foldTerm('leinoel')).toBe(foldTerm('leinöl'));
    expect(foldTerm('draeneis')).toBe(foldTerm('dräneis'));
  });
});
