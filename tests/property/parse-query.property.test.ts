import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectFast } from '../timing';
import { MAX_CLAUSES, parseQuery } from '../../src/search/parse-query';
import { FILTER_FIELDS, type Clause, type ParsedQuery } from '../../src/search/query';
import { hostileQuery, longText, runs } from './arbitraries';

const SPACE = /[ \t\n\r\u00a0\u3000]/;
const OPERATORS = new Set(['OR', 'AND', '||', '&&', '|', '&', 'NOT']);
const DATE_PART = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * Every way a parsed query can be malformed, for `input`; empty when the tree is valid.
 * The engine relies on these: clauses are non-empty words or phrases taken from the input,
 * at most MAX_CLAUSES of them, only the last scoring word may be a prefix, filters name
 * known fields with usable values.
 */
export function treeProblems(input: string, q: ParsedQuery): string[] {
  const problems: string[] = [];
  const keys = Object.keys(q).sort().join(',');
  if (keys !== 'clauses,excluded,excludedFilters,filters') problems.push(`unexpected keys ${keys}`);
  if (!Array.isArray(q.clauses) || !Array.isArray(q.excluded) || !Array.isArray(q.filters) || !Array.isArray(q.excludedFilters)) return [...problems, 'not arrays'];
  if (q.clauses.length + q.excluded.length > MAX_CLAUSES) problems.push(`${q.clauses.length + q.excluded.length} clauses`);
  const clauseProblems = (c: Clause, where: string, last: boolean) => {
    if (typeof c.text !== 'string' || c.text.length === 0) return problems.push(`${where}: empty text`);
    if (!input.includes(c.text)) problems.push(`${where}: text not from the input`);
    if (c.text.includes('"')) problems.push(`${where}: text with a quote`);
    if (c.type === 'term') {
      if (SPACE.test(c.text)) problems.push(`${where}: term with white space`);
      if (!/[\p{L}\p{N}]/u.test(c.text)) problems.push(`${where}: term without letter or digit`);
      if (OPERATORS.has(c.text)) problems.push(`${where}: operator as a term`);
      if (typeof c.prefix !== 'boolean') problems.push(`${where}: prefix not boolean`);
      if (c.prefix && (!last || !input.endsWith(c.text))) problems.push(`${where}: prefix but not the word being typed`);
    } else if (c.type === 'phrase') {
      if (c.text !== c.text.trim()) problems.push(`${where}: phrase not trimmed`);
      if (Object.keys(c).sort().join(',') !== 'text,type') problems.push(`${where}: phrase keys`);
    } else problems.push(`${where}: unknown clause type`);
    return 0;
  };
  q.clauses.forEach((c, i) => clauseProblems(c, `clause ${i}`, i === q.clauses.length - 1));
  q.excluded.forEach((c, i) => {
    clauseProblems(c, `excluded ${i}`, false);
    if (c.type === 'term' && c.prefix) problems.push(`excluded ${i}: prefix`);
  });
  [...q.filters, ...q.excludedFilters].forEach((f, i) => {
    if (!(FILTER_FIELDS as readonly string[]).includes(f.field)) problems.push(`filter ${i}: field ${f.field}`);
    if (f.field === 'date') {
      for (const end of [f.from, f.to]) if (end !== null && !DATE_PART.test(end)) problems.push(`filter ${i}: date ${end}`);
      if (f.from === null && f.to === null) problems.push(`filter ${i}: open date range`);
    } else {
      if (!f.value || f.value !== f.value.trim()) problems.push(`filter ${i}: value ${JSON.stringify(f.value)}`);
      if (f.value.includes('"')) problems.push(`filter ${i}: value with a quote`);
    }
  });
  return problems;
}

describe('parseQuery on hostile input', () => {
  it('never throws and always yields a valid tree', () => {
    fc.assert(
      fc.property(fc.oneof(hostileQuery, fc.string({ unit: 'binary', maxLength: 200 })), (input) => {
        expect(treeProblems(input, parseQuery(input))).toEqual([]);
      }),
      runs(1500),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(hostileQuery, (input) => {
        expect(parseQuery(input)).toEqual(parseQuery(input));
      }),
      runs(300),
    );
  });

  it('parses 10k–100k character inputs in linear time into a valid, bounded tree', () => {
    fc.assert(
      fc.property(fc.oneof(longText, hostileQuery.map((q) => (q || 'x').repeat(Math.ceil(50_000 / (q.length || 1))))), (input) => {
        const parsed = expectFast(() => parseQuery(input), 1000, 'parsing a long query');
        expect(treeProblems(input, parsed)).toEqual([]);
      }),
      runs(10),
    );
  });

  it('the checker itself rejects malformed trees', () => {
    const valid = parseQuery('Ukraine "jeden Dollar" -Russland tag:NATO date:2024..');
    expect(treeProblems('Ukraine "jeden Dollar" -Russland tag:NATO date:2024..', valid)).toEqual([]);
    const input = 'a b';
    expect(treeProblems(input, { clauses: [{ type: 'term', text: '', prefix: false }], excluded: [], filters: [], excludedFilters: [] })).not.toEqual([]);
    expect(treeProblems(input, { clauses: [{ type: 'term', text: 'a', prefix: true }, { type: 'term', text: 'b', prefix: false }], excluded: [], filters: [], excludedFilters: [] })).not.toEqual([]);
    expect(treeProblems(input, { clauses: [], excluded: [], filters: [{ field: 'date', from: null, to: null }], excludedFilters: [] })).not.toEqual([]);
    expect(treeProblems(input, { clauses: [{ type: 'term', text: 'x', prefix: false }], excluded: [], filters: [], excludedFilters: [] })).not.toEqual([]);
    const many = Array.from({ length: MAX_CLAUSES + 1 }, () => ({ type: 'term' as const, text: 'a', prefix: false }));
    expect(treeProblems(input, { clauses: many, excluded: [], filters: [], excludedFilters: [] })).not.toEqual([]);
  });
});

describe('regressions found by these properties', () => {
  it('does not make the last word kept a prefix when the word being typed is dropped beyond MAX_CLAUSES', () => {
    const input = `${'Militärhilfe '.repeat(MAX_CLAUSES)}Mil`;
    const parsed = parseQuery(input);
    expect(parsed.clauses).toHaveLength(MAX_CLAUSES);
    expect(parsed.clauses.some((c) => c.type === 'term' && c.prefix)).toBe(false);
    expect(treeProblems(input, parsed)).toEqual([]);
  });
});
