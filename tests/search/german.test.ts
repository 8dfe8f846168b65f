import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { buildMemoryIndex } from '../../src/index/memory-index';
import { search } from '../../src/search';
import { article } from '../fixtures';

// What a German reader means, found through the index: compounds, lemmas, prefixes, typos.
const index = await buildMemoryIndex([
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
const hits = async (q: string, options = {}) => (await search(index, q, { limit: 20, ...options })).results.map((r) => r.paragraph);

describe('compounds', () => {
  it('Hilfe finds Militärhilfe and Ukraine-Hilfen, and marks the part', async () => {
    expect(await hits('Hilfe')).toEqual(expect.arrayContaining([0, 1, 4]));
    const r = (await search(index, 'Hilfe')).results.find((x) => x.paragraph === 0)!;
    expect(r.snippet).toContain('Militär<mark>hilfe</mark>');
  });
  it('Waffen finds Waffenproduktion; Berater finds Sicherheitsberater', async () => {
    expect(await hits('Waffen')).toEqual([2]);
    expect(await hits('Berater')).toEqual([3]);
  });
  it('ranks the compound itself above a paragraph that only mentions Militär … Hilfe', async () => {
    const ranked = await hits('Militärhilfe');
    expect(ranked[0]).toBe(0);
    expect(ranked).toContain(4);
  });
  it('does not fall into the Verb + Raucher trap', async () => {
    expect(await hits('Raucher')).toEqual([]);
  });
  it('can be switched off per query', async () => {
    expect(await hits('Waffen', { compounds: false, prefix: false })).toEqual([]);
  });
});

describe('lemmas', () => {
  it('gewann and gewinnen find gewonnen', async () => {
    expect(await hits('gewann')).toEqual([5]);
    expect(await hits('gewinnen')).toEqual([5]);
  });
  it('Land finds Länder; Streitkraft finds Streitkräfte', async () => {
    expect(await hits('Land')).toEqual([6]);
    expect(await hits('Streitkraft')).toEqual([6]);
  });
});

describe('prefix while typing survives stemming', () => {
  it('Regieru finds Regierung, Militä finds Militärhilfe and Militär', async () => {
    expect(await hits('Regieru')).toEqual([5]);
    expect(await hits('Militä')).toEqual(expect.arrayContaining([0, 4]));
  });
  it('ranks an exact match above prefix matches', async () => {
    expect((await hits('Militär'))[0]).toBe(4);
  });
});

describe('German-aware typo tolerance', () => {
  it('costs nothing for ä/ae/a, ß/ss and finds one-edit typos', async () => {
    expect((await hits('Militaerhilfe'))[0]).toBe(0);
    expect(await hits('Laender')).toEqual([6]);
    expect(await hits('Sicherheitsberatr')).toEqual([3]);
  });
  it('leaves short words alone', async () => {
    expect(await hits('Kiev')).toEqual([]);
  });
});

const idx = await buildMemoryIndex([
  article('part', ['Die Militärhilfe kommt.']),
  article('stem', ['Die Hilfen kommen.']),
  article('exact', ['Die Hilfe kommt.']),
]);

describe('match kinds rank in order: exact, stem, compound part', () => {
  it('for Hilfe', async () => {
    expect((await search(idx, 'Hilfe ', { prefix: false })).results.map((r) => r.id)).toEqual(['exact', 'stem', 'part']);
  });
  it('for Hilfen', async () => {
    expect((await search(idx, 'Hilfen ', { prefix: false })).results.map((r) => r.id)).toEqual(['stem', 'exact', 'part']);
  });
});

const questions = await buildMemoryIndex([
  article('scaffold', ['Viele Vereine holten in vielen Jahren viele Punkte.']),
  article('answer', ['Die Panthers holten 24 Punkte.']),
]);

describe('question scaffolding weighs little and is no matched word', () => {
  const top = async (q: string, options = {}) => (await search(questions, q, { prefix: false, ...options })).results[0]?.id;
  it('ranks the paragraph about the Panthers first for "wie viele … in welchem Jahr"', async () => {
    const question = 'Wie viele Punkte holten die Panthers in welchem Jahr?';
    expect(await top(question)).toBe('answer');
    // Read as content words, "viele" and "Jahr" give the other paragraph more matched words.
    expect(await top(question, { questions: false })).toBe('scaffold');
  });
  it('still finds a query of scaffolding only', async () => {
    expect((await search(questions, 'wie viele', { prefix: false })).results.map((r) => r.id)).toContain('scaffold');
  });
});

const forms = await buildMemoryIndex([article('a', ['Die Personengesellschaften zahlen keine Körperschaftsteuer.']), article('b', ['Das Wetter bleibt schön.'])]);

describe('typo tolerance reaches inflected forms', () => {
  it('finds a paragraph with the plural for a misspelt singular (one swap), through the stem', async () => {
    expect((await search(forms, 'Personengeselslchaft', { prefix: false })).results.map((r) => r.id)).toEqual(['a']);
    expect((await search(forms, 'Personengeselslchaft', { prefix: false, fuzzy: false })).results).toEqual([]);
  });
  it('reaches the plural through the stem at the two edits a long word gets (two letters left out)', async () => {
    expect((await search(forms, 'Persnengeselschaft', { prefix: false })).results.map((r) => r.id)).toEqual(['a']);
    expect((await search(forms, 'Persnengeselschaft', { prefix: false, fuzzy: false })).results).toEqual([]);
  });
  it('ranks the candidates of a misspelt word by closeness, not by how rare each is (their frequencies blended)', async () => {
    const army = await buildMemoryIndex([
      ...Array.from({ length: 6 }, (_, i) => article(`wehr${i}`, [`Die Bundeswehr übt im Manöver ${i} mit vielen Soldaten und Fahrzeugen.`])),
      article('lehrer', ['Der Bundeslehrer übt.']),
      ...Array.from({ length: 6 }, (_, i) => article(`other${i}`, [`Das Wetter am Tag ${i} bleibt schön und warm.`])),
    ]);
    const top = (await search(army, 'Bundeswehrr', { prefix: false })).results.map((r) => r.id);
    expect(top[0]).toMatch(/^wehr/);
    expect(top).toContain('lehrer');
  });
  it('allows one edit in the second letter, and a second edit only where the first two letters match', async () => {
    expect((await search(forms, 'Pwrsonengesellschaft', { prefix: false })).results.map((r) => r.id)).toEqual(['a']);
    expect((await search(forms, 'Pwrsonengeselschaft', { prefix: false })).results).toEqual([]);
  });
});
