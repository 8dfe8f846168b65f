import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build';
import { search } from '../../src/search';
import { article } from '../fixtures';

// What a German reader means, found through the index: compounds, lemmas, prefixes, typos.
const index = buildIndex([
  article('seed', [
    'Die NATO will ausreichend Militärhilfe an Kiew senden.',
    'Biden werde die genehmigten Ukraine-Hilfen bereitstellen.',
    'Die Waffenproduktion in Europa soll steigen.',
    'Der nationale Sicherheitsberater Jake Sullivan bestätigte das.',
    'Das Militär bekommt Hilfe aus Europa.',
    'Die Regierung hat die Wahl gewonnen.',
    'Viele Länder schicken ihre Streitkräfte.',
    'Der Verbraucher zahlt mehr.',
  ]),
]);
const hits = (q: string, options = {}) => search(index, q, { limit: 20, ...options }).results.map((r) => r.paragraph);

describe('compounds', () => {
  it('Hilfe finds Militärhilfe and Ukraine-Hilfen, and marks the part', () => {
    expect(hits('Hilfe')).toEqual(expect.arrayContaining([0, 1, 4]));
    const r = search(index, 'Hilfe').results.find((x) => x.paragraph === 0)!;
    expect(r.snippet).toContain('Militär<mark>hilfe</mark>');
  });
  it('Waffen finds Waffenproduktion; Berater finds Sicherheitsberater', () => {
    expect(hits('Waffen')).toEqual([2]);
    expect(hits('Berater')).toEqual([3]);
  });
  it('ranks the compound itself above a paragraph that only mentions Militär … Hilfe', () => {
    const ranked = hits('Militärhilfe');
    expect(ranked[0]).toBe(0);
    expect(ranked).toContain(4);
  });
  it('does not fall into the Verb + Raucher trap', () => {
    expect(hits('Raucher')).toEqual([]);
  });
  it('can be switched off per query', () => {
    expect(hits('Waffen', { compounds: false, prefix: false })).toEqual([]);
  });
});

describe('lemmas', () => {
  it('gewann and gewinnen find gewonnen', () => {
    expect(hits('gewann')).toEqual([5]);
    expect(hits('gewinnen')).toEqual([5]);
  });
  it('Land finds Länder; Streitkraft finds Streitkräfte', () => {
    expect(hits('Land')).toEqual([6]);
    expect(hits('Streitkraft')).toEqual([6]);
  });
});

describe('prefix while typing survives stemming', () => {
  it('Regieru finds Regierung, Militä finds Militärhilfe and Militär', () => {
    expect(hits('Regieru')).toEqual([5]);
    expect(hits('Militä')).toEqual(expect.arrayContaining([0, 4]));
  });
  it('ranks an exact match above prefix matches', () => {
    expect(hits('Militär')[0]).toBe(4);
  });
});

describe('German-aware typo tolerance', () => {
  it('costs nothing for ä/ae/a, ß/ss and finds one-edit typos', () => {
    expect(hits('Militaerhilfe')[0]).toBe(0);
    expect(hits('Laender')).toEqual([6]);
    expect(hits('Sicherheitsberatr')).toEqual([3]);
  });
  it('leaves short words alone', () => {
    expect(hits('Kiev')).toEqual([]);
  });
});

describe('match kinds rank in order: exact, stem, compound part', () => {
  const idx = buildIndex([
    article('part', ['Die Militärhilfe kommt.']),
    article('stem', ['Die Hilfen kommen.']),
    article('exact', ['Die Hilfe kommt.']),
  ]);
  it('for Hilfe', () => {
    expect(search(idx, 'Hilfe ', { prefix: false }).results.map((r) => r.id)).toEqual(['exact', 'stem', 'part']);
  });
  it('for Hilfen', () => {
    expect(search(idx, 'Hilfen ', { prefix: false }).results.map((r) => r.id)).toEqual(['stem', 'exact', 'part']);
  });
});

describe('question scaffolding weighs little and is no matched word', () => {
  const idx = buildIndex([
    article('scaffold', ['Viele Vereine holten in vielen Jahren viele Punkte.']),
    article('answer', ['Die Panthers holten 24 Punkte.']),
  ]);
  const top = (q: string, options = {}) => search(idx, q, { prefix: false, ...options }).results[0]?.id;
  it('ranks the paragraph about the Panthers first for "wie viele … in welchem Jahr"', () => {
    const question = 'Wie viele Punkte holten die Panthers in welchem Jahr?';
    expect(top(question)).toBe('answer');
    // Read as content words, "viele" and "Jahr" give the other paragraph more matched words.
    expect(top(question, { questions: false })).toBe('scaffold');
  });
  it('still finds a query of scaffolding only', () => {
    expect(search(idx, 'wie viele', { prefix: false }).results.map((r) => r.id)).toContain('scaffold');
  });
});

describe('typo tolerance reaches inflected forms', () => {
  const idx = buildIndex([article('a', ['Die Personengesellschaften zahlen keine Körperschaftsteuer.']), article('b', ['Das Wetter bleibt schön.'])]);
  it('finds a paragraph with the plural for a misspelt singular (one swap), through the stem', () => {
    expect(search(idx, 'Personengeselslchaft', { prefix: false }).results.map((r) => r.id)).toEqual(['a']);
    expect(search(idx, 'Personengeselslchaft', { prefix: false, fuzzy: false }).results).toEqual([]);
  });
});
