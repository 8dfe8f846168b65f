import { describe, expect, it } from 'vitest';
import {
  activeFilters,
  alternativeViews,
  dateRangeFields,
  facetViews,
  filterLabel,
  nextPage,
  sortLinks,
} from '../../src/render/controls';

describe('sort links', () => {
  it('offers both orders, marks the current one, and starts again at the first page', () => {
    expect(sortLinks('', 'Kiew tag:SPD', 'date')).toEqual([
      { label: 'Relevanz', href: '/?q=Kiew%20tag%3ASPD', current: false },
      { label: 'Neueste zuerst', href: '/?q=Kiew%20tag%3ASPD&sort=date', current: true },
    ]);
  });
});

describe('facets', () => {
  const response = {
    total: 12,
    totalExact: true,
    facets: {
      year: { values: [{ value: '2024', count: 7 }, { value: '2023', count: 5 }], exact: true },
      category: { values: [{ value: 'Bundestagsrede', count: 12 }], exact: true },
      tag: { values: [{ value: 'SPD', count: 4 }, { value: 'Mark Rutte', count: 1 }], exact: false },
    },
  };

  it('link each value to the query with its filter, in the page order, counts the German way', () => {
    const views = facetViews('', 'Kiew', 'date', response);
    expect(views.map((v) => v.label)).toEqual(['Jahr', 'Schlagwort']);
    expect(views[0]!.values[0]).toEqual({ label: '2024', count: '7', href: '/?q=Kiew%20date%3A2024&sort=date', current: false });
    expect(views[1]!.values[1]).toEqual({ label: 'Mark Rutte', count: 'ca. 1', href: '/?q=Kiew%20tag%3A%22Mark%20Rutte%22&sort=date', current: false });
  });

  it('leave out a value every result has, unless it is the filter in force (then its link removes it)', () => {
    const filtered = facetViews('', 'Kiew category:bundestagsrede', 'relevance', response);
    expect(filtered.find((v) => v.kind === 'category')!.values).toEqual([{ label: 'Bundestagsrede', count: '12', href: '/?q=Kiew', current: true }]);
    expect(facetViews('', 'Kiew', 'relevance', { total: 3, facets: { year: { values: [{ value: '2024', count: 3 }], exact: true } } })).toEqual([]);
    expect(facetViews('', 'Kiew', 'relevance', { total: 3 })).toEqual([]);
  });
});

describe('filters in force', () => {
  it('are named for readers, each with a link that removes it', () => {
    expect(activeFilters('', 'Kiew tag:"Mark Rutte" date:2023-01-01..2023-06-30', 'relevance')).toEqual([
      { label: 'Schlagwort: Mark Rutte', href: '/?q=Kiew%20date%3A2023-01-01..2023-06-30' },
      { label: 'Zeitraum: 1. Januar 2023 – 30. Juni 2023', href: '/?q=Kiew%20tag%3A%22Mark%20Rutte%22' },
    ]);
    // An excluded filter is named as one, and its link removes it with its NOT.
    expect(activeFilters('', 'Kiew -tag:SPD NOT category:Sport', 'relevance')).toEqual([
      { label: 'ohne Schlagwort: SPD', href: '/?q=Kiew%20NOT%20category%3ASport' },
      { label: 'ohne Rubrik: Sport', href: '/?q=Kiew%20-tag%3ASPD' },
    ]);
    expect(filterLabel({ field: 'date', value: '2023' })).toBe('Jahr: 2023');
    expect(filterLabel({ field: 'date', value: '2023-11' })).toBe('Datum: November 2023');
    expect(filterLabel({ field: 'date', value: '..2023-11' })).toBe('Zeitraum: bis November 2023');
    expect(filterLabel({ field: 'category', value: 'Sport' })).toBe('Rubrik: Sport');
  });

  it('fill the date range form with whole days', () => {
    expect(dateRangeFields('Kiew date:2024')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(dateRangeFields('Kiew date:2024-02..')).toEqual({ from: '2024-02-01', to: '' });
    expect(dateRangeFields('Kiew date:..2024-02')).toEqual({ from: '', to: '2024-02-29' });
    expect(dateRangeFields('Kiew')).toEqual({ from: '', to: '' });
  });
});

describe('the next page', () => {
  const page = { offset: 0, limit: 10, shown: 10, total: 25, totalExact: true };
  it('follows a full page while there are more, within the deepest page allowed', () => {
    expect(nextPage('', 'Kiew', 'date', page, 1000)).toEqual({ href: '/?q=Kiew&sort=date&offset=10', offset: 10 });
    expect(nextPage('', 'Kiew', 'relevance', { ...page, offset: 20, shown: 5 }, 1000)).toBeNull();
    expect(nextPage('', 'Kiew', 'relevance', { ...page, offset: 10, total: 20 }, 1000)).toBeNull();
    expect(nextPage('', 'Kiew', 'relevance', { ...page, total: 1000, totalExact: false, offset: 990 }, 1000)?.offset).toBe(1000);
    expect(nextPage('', 'Kiew', 'relevance', { ...page, total: 1000, totalExact: false, offset: 1000 }, 1000)).toBeNull();
  });
});

describe('ways out of a search that found nothing', () => {
  it('name what they leave out and what they find', () => {
    expect(
      alternativeViews('', 'date', [
        { query: 'Kiew', removed: { kind: 'filter', field: 'tag', value: 'FDP' }, total: 2340, totalExact: true },
        { query: 'tag:FDP', removed: { kind: 'word', text: 'Kyjiv' }, total: 1000, totalExact: false },
      ]),
    ).toEqual([
      { query: 'Kiew', href: '/?q=Kiew&sort=date', note: 'ohne Schlagwort: FDP', count: '2.340 Treffer' },
      { query: 'tag:FDP', href: '/?q=tag%3AFDP&sort=date', note: 'ohne „Kyjiv“', count: 'mehr als 1.000 Treffer' },
    ]);
  });
});
