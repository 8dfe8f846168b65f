import { describe, expect, it } from 'vitest';
import { MAX_CLAUSES, parseQuery, wordBeingTyped } from '../../src/search/parse-query';

describe('parseQuery', () => {
  it('reads plain words, the last one as a prefix while typing', () => {
    expect(parseQuery('Ukraine Militä').clauses).toEqual([
      { type: 'term', text: 'Ukraine', prefix: false },
      { type: 'term', text: 'Militä', prefix: true },
    ]);
  });
  it('treats a finished word (trailing space) as whole', () => {
    expect(parseQuery('Ukraine ').clauses).toEqual([{ type: 'term', text: 'Ukraine', prefix: false }]);
  });
  it('reads phrases, exclusions, OR and field filters', () => {
    const q = parseQuery('"jeden Dollar" Ukraine OR Kiew -Russland tag:NATO date:2024-11..2024-12 category:"Welt Politik"');
    expect(q.clauses).toEqual([
      { type: 'phrase', text: 'jeden Dollar' },
      { type: 'term', text: 'Ukraine', prefix: false },
      { type: 'term', text: 'Kiew', prefix: false },
    ]);
    expect(q.excluded).toEqual([{ type: 'term', text: 'Russland', prefix: false }]);
    expect(q.filters).toEqual([
      { field: 'tag', value: 'NATO' },
      { field: 'date', from: '2024-11', to: '2024-12' },
      { field: 'category', value: 'Welt Politik' },
    ]);
  });
  it('degrades instead of failing', () => {
    expect(parseQuery('"jeden Dollar').clauses).toEqual([{ type: 'phrase', text: 'jeden Dollar' }]);
    expect(parseQuery(' - ')).toEqual({ clauses: [], excluded: [], filters: [], excludedFilters: [] });
    expect(parseQuery('OR AND ||')).toEqual({ clauses: [], excluded: [], filters: [], excludedFilters: [] });
    expect(parseQuery('""').clauses).toEqual([]);
    expect(parseQuery('date:gestern').filters).toEqual([]);
    expect(parseQuery('foo:bar').clauses).toEqual([{ type: 'term', text: 'foo:bar', prefix: true }]);
  });
  it('caps the number of clauses', () => {
    expect(parseQuery('wort '.repeat(100)).clauses.length).toBe(MAX_CLAUSES);
  });
});

describe('wordBeingTyped (what suggestions complete and a picked suggestion replaces)', () => {
  it('is the trailing word, hyphens inside it included', () => {
    expect(wordBeingTyped('Ukraine Milit')).toBe('Milit');
    expect(wordBeingTyped('US-Dol')).toBe('US-Dol');
    expect(wordBeingTyped('Stra\u00ADßen')).toBe('Stra\u00ADßen');
    expect(wordBeingTyped('NOT Milit')).toBe('Milit');
  });
  it('leaves out the minus that excludes the word, so that a pick keeps the exclusion', () => {
    expect(wordBeingTyped('Ukraine -Milit')).toBe('Milit');
    expect(wordBeingTyped('Ukraine --Milit')).toBe('Milit');
    expect(wordBeingTyped('-US-Dol')).toBe('US-Dol');
    expect(wordBeingTyped('Ukraine -')).toBe('');
  });
  it('is empty after white space or punctuation', () => {
    expect(wordBeingTyped('Ukraine ')).toBe('');
    expect(wordBeingTyped('Ukraine,')).toBe('');
    expect(wordBeingTyped('"jeden Dollar"')).toBe('');
    expect(wordBeingTyped('')).toBe('');
  });
  it('is empty in a filter\'s value, which is metadata, not a word of the text', () => {
    for (const typed of ['tag:NA', 'Ukraine tag:NA', '-tag:NA', 'NOT tag:NA', 'TAG:na', 'tag:"Mark Ru', 'category:"Welt Po', 'date:2024-1', 'tag:NATO', 'tag:'])
      expect(wordBeingTyped(typed), typed).toBe('');
  });
  it('is the word again once the filter is left, and where the parser reads no filter', () => {
    expect(wordBeingTyped('tag:NATO Milit')).toBe('Milit');
    expect(wordBeingTyped('tag:"Mark Rutte" Milit')).toBe('Milit');
    expect(wordBeingTyped('"jeden Dol')).toBe('Dol');
    // An unknown field is a plain word to the parser (and searched as one), so it is completed like one.
    expect(wordBeingTyped('Zeit:Fra')).toBe('Fra');
  });
});
