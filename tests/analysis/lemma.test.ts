import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS, germanAnalyzers } from '../../src/analysis/german';
import { LEMMAS } from '../../src/analysis/data/lemmas';
import { createLemmatizer, decodeLemma } from '../../src/analysis/lemma';
import { stemTerm } from '../../src/analysis/stem';

const lemma = createLemmatizer();
const analyzer = germanAnalyzers({ ...DEFAULT_ANALYSIS, compounds: false }).index;
const stem = (word: string) => analyzer.analyze(word).find((t) => t.kind === 'stem')?.term;

describe('createLemmatizer', () => {
  it('maps strong verb forms and participles to their infinitive', () => {
    expect(lemma('gewonnen')).toBe('gewinnen');
    expect(lemma('gewann')).toBe('gewinnen');
    expect(lemma('gewannen')).toBe('gewinnen');
    expect(lemma('ging')).toBe('gehen');
    expect(lemma('gebracht')).toBe('bringen');
    expect(lemma('brachte')).toBe('bringen');
  });

  it('maps weak preterites and -innen plurals where Snowball stems them apart', () => {
    expect(lemma('sagte')).toBe('sagen');
    expect(lemma('ministerinnen')).toBe('ministerin');
  });

  it('knows nothing of words the stemmer already handles, or does not know', () => {
    expect(lemma('haus')).toBeUndefined();
    expect(lemma('regierungen')).toBeUndefined(); // regierung and regierungen share a stem
    expect(lemma('xylofrimbantorex')).toBeUndefined();
  });

  it('takes its own data', () => {
    const tiny = createLemmatizer('gewonnen\t5innen\nging\t3ehen');
    expect(tiny('ging')).toBe('gehen');
    expect(tiny('gewonnen')).toBe('gewinnen');
    expect(tiny('gewann')).toBeUndefined();
    expect(decodeLemma('sagte', '2en')).toBe('sagen');
  });

  it('holds only forms whose stem differs from their lemma', () => {
    const lines = LEMMAS.split('\n');
    for (let i = 0; i < lines.length; i += 97) {
      const [form, code] = lines[i]!.split('\t') as [string, string];
      expect(stemTerm(form)).not.toBe(stemTerm(decodeLemma(form, code)));
    }
    for (let i = 1; i < lines.length; i++) expect(lines[i - 1]! < lines[i]!).toBe(true);
  });
});

describe('lemmas in the analyzer', () => {
  it('makes inflected forms meet their lemma in the stem field', () => {
    expect(stem('gewonnen')).toBe(stem('gewinnen'));
    expect(stem('gewann')).toBe(stem('gewinnen'));
    expect(stem('ging')).toBe(stem('gehen'));
    expect(stem('gebracht')).toBe(stem('bringen'));
    expect(stem('sagte')).toBe(stem('sagen'));
    expect(stem('Länder')).toBe('land');
    expect(stem('Länder')).toBe(stem('Land'));
    expect(stem('Streitkräfte')).toBe('streitkraft');
    expect(stem('Häuser')).toBe(stem('Haus'));
  });

  it('leaves words without a lemma to the stemmer', () => {
    expect(stem('Regierungen')).toBe('regier');
    expect(germanAnalyzers({ ...DEFAULT_ANALYSIS, lemmas: false, compounds: false }).index.analyze('gewonnen').find((t) => t.kind === 'stem')?.term).not.toBe(stem('gewinnen'));
  });
});

describe('lemma fixes: participles that are adjectives of their own, forms the stemmer already joins', () => {
  it('keeps bekannt and beliebt apart from bekennen and belieben (graded: die bekanntesten)', () => {
    expect(stem('bekannt')).not.toBe(stem('bekennen'));
    expect(stem('bekannten')).toBe(stem('bekannt'));
    expect(stem('beliebt')).not.toBe(stem('belieben'));
  });
  it('still joins verbal participles with their verb', () => {
    expect(stem('bezeichnet')).toBe(stem('bezeichnen'));
    expect(stem('geschlossen')).toBe(stem('schließen'));
  });
  it('leaves Gäste with Gast, not with gasen', () => {
    expect(stem('Gäste')).toBe(stem('Gast'));
    expect(stem('Typen')).toBe(stem('Typ'));
  });
});
