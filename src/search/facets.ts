import type { IndexReader } from '../index/index-reader';
import type { IoStats } from '../index/storage/byte-source';

export const FACET_KINDS = ['category', 'tag', 'source', 'year'] as const;
export type FacetKind = (typeof FACET_KINDS)[number];

export interface FacetCounts {
  /** The most frequent values among the matches, most frequent first. */
  values: Array<{ value: string; count: number }>;
  /** Whether the counts cover every match (else they are counted over the first TOTALS.exactUpTo, newest first). */
  exact: boolean;
}

/** Values listed per facet at most. */
export const FACET_VALUES = 10;

/**
 * Counts the facet values of the matches a query counted: categories,
 * sources and tags from each segment's facet column (no stored text is
 * read), years from its date index. With grouping, an article counts once.
 * The counts are exact when the matches were counted exactly; beyond that
 * bound they are counted over the matches counted, newest first, and marked.
 */
export async function countFacets(
  index: IndexReader,
  sample: ReadonlyArray<{ segment: number; doc: number; article: number }>,
  kinds: readonly FacetKind[],
  grouped: boolean,
  exact: boolean,
  io?: IoStats,
): Promise<Partial<Record<FacetKind, FacetCounts>>> {
  const counts = new Map<FacetKind, Map<string, number>>(kinds.map((k) => [k, new Map()]));
  const bump = (kind: FacetKind, value: string) => {
    const m = counts.get(kind);
    if (m) m.set(value, (m.get(value) ?? 0) + 1);
  };
  const seen = new Set<string>();
  const items = sample.filter((s) => {
    if (!grouped) return true;
    const key = `${s.segment}:${s.article}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (kinds.includes('year')) {
    for (const s of items) {
      const day = index.segments[s.segment]!.dayOf(s.doc);
      if (day) bump('year', day.slice(0, 4));
    }
  }
  if (kinds.some((k) => k !== 'year') && items.length > 0) {
    const bySegment = new Map<number, number[]>();
    for (const s of items) {
      const docs = bySegment.get(s.segment);
      if (docs) docs.push(s.doc);
      else bySegment.set(s.segment, [s.doc]);
    }
    // Wave one: article boundaries and facet values; wave two: the column pages of the articles found.
    const first = index.newBatch();
    const opened = [...bySegment].map(([s, docs]) => {
      const segment = index.segments[s]!;
      return Promise.all([segment.articleBoundaries(first), segment.facetValues(first)]).then(([bounds, values]) => ({ s, docs, bounds, values }));
    });
    await index.run(first, io);
    const segments = await Promise.all(opened);
    const second = index.newBatch();
    const columns = segments.map(({ s, docs, bounds, values }) => {
      const ordinals = docs.map((d) => bounds.ordinalOf(d));
      return index.segments[s]!.facetIds(second, ordinals).then((ids) => ({ ordinals, ids, values }));
    });
    await index.run(second, io);
    for (const { ordinals, ids, values } of await Promise.all(columns)) {
      for (const a of ordinals) {
        for (const id of ids.get(a) ?? []) {
          const value = values[id];
          if (!value) continue;
          const at = value.indexOf(':');
          const kind = value.slice(0, at) as FacetKind;
          bump(kind, value.slice(at + 1));
        }
      }
    }
  }
  const out: Partial<Record<FacetKind, FacetCounts>> = {};
  for (const kind of kinds) {
    const values = [...counts.get(kind)!]
      .sort(([a, x], [b, y]) => y - x || (kind === 'year' ? (a < b ? 1 : -1) : a.localeCompare(b, 'de')))
      .slice(0, FACET_VALUES)
      .map(([value, count]) => ({ value, count }));
    out[kind] = { values, exact };
  }
  return out;
}
