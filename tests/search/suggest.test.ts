import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build';
import { suggest } from '../../src/search/suggest';
import { article } from '../fixtures';

const index = buildIndex([
  article('a', ['Militärhilfe für Kiew.', 'Das Militärbündnis NATO.', 'Mehr Militärhilfe.', 'Milch und Brot.']),
]);
const terms = (q: string) => suggest(index, q).suggestions.map((s) => s.term);

describe('suggest', () => {
  it('completes from the vocabulary, most frequent first, in the corpus spelling', () => {
    expect(terms('milit')).toEqual(['Militärhilfe', 'Militärbündnis']);
  });
  it('matches folded prefixes', () => {
    expect(terms('Militae')).toEqual(['Militärhilfe', 'Militärbündnis']);
    expect(terms('MILITÄRB')).toEqual(['Militärbündnis']);
  });
  it('completes only the last word and needs two letters', () => {
    // Equal counts: the shorter word first.
    expect(terms('Kiew mil')).toEqual(['Militärhilfe', 'Milch', 'Militärbündnis']);
    expect(terms('m')).toEqual([]);
    expect(terms('Kiew ')).toEqual([]);
  });
});
