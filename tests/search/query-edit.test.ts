import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeMetaValue } from '../../src/index/segment/schema';
import { parseQuery } from '../../src/search/parse-query';
import type { FieldFilter } from '../../src/search/query';
import {
  dateFilterProblem,
  dateRangeOf,
  filtersOf,
  filterText,
  hasFilter,
  isDatePrefix,
  isReversedRange,
  scoringPieces,
  withDateRange,
  withFilter,
  withoutFilter,
  withoutPiece,
} from '../../src/search/query-edit';
import { hostileQuery, piece, runs } from '../property/arbitraries';

/** The filters as the engine reads them, comparable with filtersOf (a date filter as the text after `date:`). */
/** The filters as the engine reads them: those kept to, then those excluded (marked `-`). */
function engineFilters(q: string): string[] {
  const parsed = parseQuery(q);
  return [...parsed.filters.map(show), ...parsed.excludedFilters.map((f) => `-${show(f)}`)];
}
function show(f: FieldFilter): string {
  if (f.field === 'date') return `date:${f.from ?? ''}..${f.to ?? ''}`;
  return `${f.field}:${f.field === 'id' ? f.value : normalizeMetaValue(f.value)}`;
}
function asEngine(f: { field: string; value: string; negated?: boolean }): string | null {
  const sign = f.negated ? '-' : '';
  if (f.field !== 'date') return `${sign}${f.field}:${f.field === 'id' ? f.value : normalizeMetaValue(f.value)}`;
  const parsed = parseQuery(`date:${f.value}`).filters[0];
  return parsed ? `${sign}${show(parsed)}` : null;
}
/** The filters of `filtersOf` in the engine's order: kept to, then excluded. */
function keptThenExcluded<T extends { negated: boolean }>(filters: T[]): T[] {
  return [...filters.filter((f) => !f.negated), ...filters.filter((f) => f.negated)];
}
/** The scoring part of a query as the engine reads it, without the prefix flag (which depends on trailing space). */
function clauses(q: string) {
  const p = parseQuery(q);
  return [p.clauses.map((c) => `${c.type}:${c.text}`), p.excluded.map((c) => `${c.type}:${c.text}`)];
}

describe('filters in the query', () => {
  it('lists them as typed, quoted values unquoted', () => {
    expect(filtersOf('Kiew tag:"Mark Rutte" date:2023..2024 -Russland category:Politik -source:dpa NOT tag:SPD')).toEqual([
      { field: 'tag', value: 'Mark Rutte', raw: 'tag:"Mark Rutte"', negated: false },
      { field: 'date', value: '2023..2024', raw: 'date:2023..2024', negated: false },
      { field: 'category', value: 'Politik', raw: 'category:Politik', negated: false },
      { field: 'source', value: 'dpa', raw: '-source:dpa', negated: true },
      { field: 'tag', value: 'SPD', raw: 'tag:SPD', negated: true },
    ]);
    expect(filtersOf('foo:bar tag: "x"')).toEqual([]);
    // As the parser reads it: after NOT, a minus belongs to the word, which is then no filter.
    expect(filtersOf('Kiew NOT -tag:SPD')).toEqual([]);
  });

  it('adds a filter once, quoting a value with spaces, and removes it however it was spelled', () => {
    expect(withFilter('Kiew', 'tag', 'Mark Rutte')).toBe('Kiew tag:"Mark Rutte"');
    expect(withFilter('Kiew tag:spd', 'tag', 'SPD')).toBe('Kiew tag:spd');
    expect(withFilter('', 'date', '2023')).toBe('date:2023');
    expect(hasFilter('Kiew TAG:Grüne', 'tag', 'GRUENE')).toBe(false);
    expect(hasFilter('Kiew TAG:Grüne', 'tag', 'grüne')).toBe(true);
    expect(withoutFilter('Kiew  TAG:spd "jeden Dollar"', { field: 'tag', value: 'SPD' })).toBe('Kiew "jeden Dollar"');
    expect(filterText('tag', 'Mark "Rutte"')).toBe('tag:"Mark Rutte"');
  });

  it('closes a quote left open, so an added filter is not read as part of a phrase', () => {
    expect(withFilter('Kiew "jeden Dollar', 'tag', 'SPD')).toBe('Kiew "jeden Dollar" tag:SPD');
    expect(parseQuery(withFilter('Kiew "jeden Dollar', 'tag', 'SPD')).filters).toEqual([{ field: 'tag', value: 'SPD' }]);
  });

  it('reads and replaces the date range', () => {
    expect(dateRangeOf('Kiew date:2023-02..2024')).toEqual({ from: '2023-02', to: '2024' });
    expect(dateRangeOf('Kiew date:2023')).toEqual({ from: '2023', to: '2023' });
    expect(dateRangeOf('Kiew date:..2024-05-01')).toEqual({ from: '', to: '2024-05-01' });
    expect(dateRangeOf('Kiew')).toEqual({ from: '', to: '' });
    expect(withDateRange('Kiew date:2023 tag:SPD', '2024-01-01', '2024-06-30')).toBe('Kiew tag:SPD date:2024-01-01..2024-06-30');
    expect(withDateRange('Kiew date:2023', '2024-01-01', '')).toBe('Kiew date:2024-01-01..');
    expect(withDateRange('Kiew date:2023', '', '')).toBe('Kiew');
    expect(withDateRange('Kiew', '2024-05-01', '2024-05-01')).toBe('Kiew date:2024-05-01');
  });

  it('takes as a date only one that exists, leap days by the Gregorian rule', () => {
    for (const d of ['2024', '2024-01', '2024-12', '2024-01-31', '2024-02-29', '2000-02-29', '2023-02-28', '2024-04-30', '0001-01-01']) {
      expect(isDatePrefix(d), d).toBe(true);
    }
    for (const d of ['2024-13', '2024-00', '2024-01-00', '2024-01-32', '2023-02-29', '1900-02-29', '2024-02-30', '2024-04-31', '2024-13-45', '24', '2024-1', '2024-01-1', '2024-01-01T00:00', ' 2024', '２０２４']) {
      expect(isDatePrefix(d), d).toBe(false);
    }
  });

  it('finds a range that ends before it starts, comparing prefixes as far as both go', () => {
    expect(isReversedRange('2025', '2021')).toBe(true);
    expect(isReversedRange('2024-12', '2024-11-30')).toBe(true);
    expect(isReversedRange('2024-11-14', '2024-11-13')).toBe(true);
    expect(isReversedRange('2024-11', '2024')).toBe(false);
    expect(isReversedRange('2024', '2024-03')).toBe(false);
    expect(isReversedRange('2024-11-13', '2024-11-13')).toBe(false);
    expect(isReversedRange('2025', '')).toBe(false);
    expect(isReversedRange('', '2021')).toBe(false);
  });

  it('names the first date filter that cannot be searched, as written', () => {
    expect(dateFilterProblem('Kiew tag:SPD date:2024-02-29..2025 date:..2021')).toBeNull();
    expect(dateFilterProblem('Kiew date:.. date:2024..')).toBeNull();
    expect(dateFilterProblem('Kiew date:2024 date:2024-02-30')).toEqual({ raw: 'date:2024-02-30', reason: expect.stringContaining('"2024-02-30"') });
    expect(dateFilterProblem('-date:"2025..2021" Kiew')).toEqual({ raw: '-date:"2025..2021"', reason: expect.stringContaining('date:2021..2025') });
    // In a phrase `date:` is words, and without a value it is no filter (the parser reads both so).
    expect(dateFilterProblem('"date:2024-13" date:')).toBeNull();
  });

  it('names the words that score and leaves one out', () => {
    expect(scoringPieces('Kiew "jeden Dollar" -Russland NOT Moskau OR tag:SPD -')).toEqual(['Kiew', '"jeden Dollar"']);
    expect(withoutPiece('Kiew "jeden Dollar" tag:SPD', '"jeden Dollar"')).toBe('Kiew tag:SPD');
  });
});

describe('filters in the query, as the engine reads them (properties)', () => {
  it('finds exactly the filters the parser finds', () => {
    fc.assert(
      fc.property(hostileQuery, (q) => {
        const ours = keptThenExcluded(filtersOf(q)).flatMap((f) => asEngine(f) ?? []);
        expect(ours).toEqual(engineFilters(q));
      }),
      runs(400),
    );
  });

  it('removing a filter removes it and nothing else; adding one adds it and nothing else', () => {
    const filterArb = fc.tuple(fc.constantFrom('tag', 'category', 'source', 'date') as fc.Arbitrary<'tag' | 'category' | 'source' | 'date'>, piece);
    fc.assert(
      fc.property(hostileQuery, filterArb, (q, [field, raw]) => {
        const value = field === 'date' ? '2024-11' : raw;
        const before = engineFilters(q);
        for (const f of filtersOf(q)) {
          const without = withoutFilter(q, f);
          const key = asEngine(f);
          expect(engineFilters(without)).toEqual(before.filter((b) => b !== key));
          expect(clauses(without)).toEqual(clauses(q));
        }
        const added = withFilter(q, field, value);
        const key = asEngine({ field, value: value.replace(/"/g, '').trim() });
        if (key === null || value.replace(/"/g, '').trim() === '' || before.includes(key)) return;
        // The same filter excluded goes: kept to and excluded, it would find nothing.
        const kept = before.filter((b) => !b.startsWith('-'));
        const excluded = before.filter((b) => b.startsWith('-') && b !== `-${key}`);
        expect(engineFilters(added)).toEqual([...kept, key, ...excluded]);
        expect(clauses(added)).toEqual(clauses(q));
      }),
      runs(400),
    );
  });
});
