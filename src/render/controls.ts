/**
 * The search page's controls around the results, for the server-rendered
 * page (src/worker/page/results-page.tsx) and the page's script
 * (public/page-controls.js), which build the same markup from these parts:
 * the order (Relevanz / Neueste zuerst), the facets as filter links with
 * counts, the filters in force (each removable), the next page, and the ways
 * out of a search that found nothing. Every control is a link to the page's
 * address for another query (filters live in the query: `tag:SPD`,
 * `date:2023`), so it works without JavaScript, can be shared, and the back
 * button undoes it. Pure functions over the API's JSON, like results.ts.
 */
import { dateRangeOf, filtersOf, hasFilter, withFilter, withoutFilter, type FilterField, type QueryFilter } from '../search/query-edit';
import { formatDate, formatNumber, queryHref } from './results';

export type SortOrder = 'relevance' | 'date';

/** The engine's facets (src/search/facets.ts FACET_KINDS; named here so the browser bundle needs none of the engine). */
export type FacetKind = 'category' | 'tag' | 'source' | 'year';

/** Facet counts as the API returns them. */
export interface ShownFacet {
  values: ReadonlyArray<{ value: string; count: number }>;
  exact: boolean;
}

/** A query that finds something where the one asked found nothing (the API's `alternatives`). */
export interface ShownAlternative {
  query: string;
  removed: { kind: 'filter'; field: FilterField; value: string } | { kind: 'word'; text: string };
  total: number;
  totalExact: boolean;
}

/** A link of a control: its text, where it leads, and whether it is the current choice. */
export interface ControlLink {
  label: string;
  href: string;
  current: boolean;
}

/** The facets the page counts and shows, in the order shown. */
export const PAGE_FACETS: readonly FacetKind[] = ['year', 'category', 'tag', 'source'];

/** What each facet is called on the page. */
export const FACET_LABELS: Readonly<Record<FacetKind, string>> = { year: 'Jahr', category: 'Rubrik', tag: 'Schlagwort', source: 'Quelle' };

const SORT_LABELS: Readonly<Record<SortOrder, string>> = { relevance: 'Relevanz', date: 'Neueste zuerst' };

/** "Relevanz" and "Neueste zuerst", the current one marked; both start again at the first page. */
export function sortLinks(base: string, q: string, sort: SortOrder): ControlLink[] {
  return (Object.keys(SORT_LABELS) as SortOrder[]).map((s) => ({ label: SORT_LABELS[s], href: queryHref(base, q, { sort: s }), current: s === sort }));
}

/** A facet's value as a filter of the query: a year is a date filter, the others filter their own field. */
function facetFilter(kind: FacetKind, value: string): { field: FilterField; value: string } {
  return kind === 'year' ? { field: 'date', value } : { field: kind, value };
}

/** One facet as the page shows it: its name and its values, each a link that adds its filter (or removes it, when in force). */
export interface FacetView {
  kind: FacetKind;
  label: string;
  values: Array<ControlLink & { count: string }>;
}

/**
 * The facets with values, in PAGE_FACETS order; counts beyond the engine's
 * exact bound are marked as estimates ("ca."). A value every result has
 * would narrow nothing: it is left out unless it is a filter in force (so
 * it can be removed), and a facet left without values is not shown.
 */
export function facetViews(
  base: string,
  q: string,
  sort: SortOrder,
  response: { total: number; totalExact?: boolean; facets?: Partial<Record<FacetKind, ShownFacet>> },
): FacetView[] {
  const { facets } = response;
  if (!facets) return [];
  return PAGE_FACETS.flatMap((kind) => {
    const facet = facets[kind];
    if (!facet) return [];
    const values = facet.values.flatMap(({ value, count }) => {
      const filter = facetFilter(kind, value);
      const current = hasFilter(q, filter.field, filter.value);
      if (!current && facet.exact && response.totalExact !== false && count >= response.total) return [];
      const next = current ? withoutFilter(q, filter) : withFilter(q, filter.field, filter.value);
      return [{ label: value, count: `${facet.exact ? '' : 'ca. '}${formatNumber(count)}`, href: queryHref(base, next, { sort }), current }];
    });
    return values.length ? [{ kind, label: FACET_LABELS[kind], values }] : [];
  });
}

/** A filter as the reader reads it: `Schlagwort: SPD`, `Jahr: 2023`, `Zeitraum: 1. Januar 2023 – 30. Juni 2023`. */
export function filterLabel(filter: { field: FilterField; value: string }): string {
  switch (filter.field) {
    case 'date': {
      if (!filter.value.includes('..')) return `${/^\d{4}$/.test(filter.value) ? 'Jahr' : 'Datum'}: ${formatDate(filter.value)}`;
      const [from, to] = filter.value.split('..', 2) as [string, string];
      if (!to) return `Zeitraum: ab ${formatDate(from)}`;
      if (!from) return `Zeitraum: bis ${formatDate(to)}`;
      return `Zeitraum: ${formatDate(from)} – ${formatDate(to)}`;
    }
    case 'id':
      return `Artikel: ${filter.value}`;
    default:
      return `${FACET_LABELS[filter.field]}: ${filter.value}`;
  }
}

/** The filters in force, each with a link to the query without it. */
export function activeFilters(base: string, q: string, sort: SortOrder): Array<{ label: string; href: string }> {
  return filtersOf(q).map((f: QueryFilter) => ({ label: `${f.negated ? 'ohne ' : ''}${filterLabel(f)}`, href: queryHref(base, withoutFilter(q, f), { sort }) }));
}

/** The label of the link to the next page. */
export const MORE_LABEL = 'Weitere Treffer';

/**
 * The link to the next page of results, or null on the last page (or past
 * the deepest page a request may ask for, `maxOffset`).
 */
export function nextPage(
  base: string,
  q: string,
  sort: SortOrder,
  page: { offset: number; limit: number; shown: number; total: number; totalExact?: boolean },
  maxOffset: number,
): { href: string; offset: number } | null {
  const offset = page.offset + page.shown;
  if (page.shown < page.limit || offset > maxOffset) return null;
  if (page.totalExact !== false && offset >= page.total) return null;
  return { href: queryHref(base, q, { sort, offset }), offset };
}

/** A way out of a search that found nothing: the query to run instead, and what it leaves out. */
export interface AlternativeView {
  query: string;
  href: string;
  /** `ohne Schlagwort: SPD`, `ohne „Kyjiv“`. */
  note: string;
  /** `12 Treffer`. */
  count: string;
}

export function alternativeViews(base: string, sort: SortOrder, alternatives: readonly ShownAlternative[] | undefined): AlternativeView[] {
  return (alternatives ?? []).map((a) => ({
    query: a.query,
    href: queryHref(base, a.query, { sort }),
    // A phrase is named without its quotes: the German quotes around it say enough.
    note: a.removed.kind === 'filter' ? `ohne ${filterLabel(a.removed)}` : `ohne „${a.removed.text.replace(/^"|"$/g, '')}“`,
    count: `${a.totalExact ? '' : 'mehr als '}${formatNumber(a.total)} Treffer`,
  }));
}

/** The heading over the ways out. */
export const ALTERNATIVES_LABEL = 'Stattdessen suchen:';

/** The link from the top of the results to the facets (on a phone they follow the results). */
export const TO_FACETS_LABEL = 'Filter';

/** The texts of the date range form. */
export const DATE_RANGE_LABELS = { legend: 'Zeitraum', from: 'von', to: 'bis', apply: 'Anwenden' } as const;

/**
 * The date range form's fields for the query's date filter, as full days (a
 * date field takes no less): `date:2023` is 2023-01-01 to 2023-12-31,
 * `date:2024-02..` from 2024-02-01 on.
 */
export function dateRangeFields(q: string): { from: string; to: string } {
  const { from, to } = dateRangeOf(q);
  return { from: from && firstDay(from), to: to && lastDay(to) };
}

function firstDay(prefix: string): string {
  return prefix.length === 4 ? `${prefix}-01-01` : prefix.length === 7 ? `${prefix}-01` : prefix;
}

function lastDay(prefix: string): string {
  if (prefix.length === 4) return `${prefix}-12-31`;
  if (prefix.length !== 7) return prefix;
  const [year, month] = prefix.split('-').map(Number) as [number, number];
  // Day 0 of the next month is the last day of this one.
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${prefix}-${String(days).padStart(2, '0')}`;
}
