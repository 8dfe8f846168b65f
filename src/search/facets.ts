import type { IndexReader } from '../index/index-reader';
import type { ArticleBoundaries, SegmentReader } from '../index/segment/reader';
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
 *
 * A segment's column is read and decoded once, on its first faceted query,
 * and kept with the segment (see FacetColumn): a query then costs one array
 * increment per value of each article it matched, which keeps faceted
 * queries within 1.5× of plain ones (`npm run bench:facets`).
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
  const bySegment = new Map<number, number[]>();
  for (const s of sample) {
    const docs = bySegment.get(s.segment);
    if (docs) docs.push(s.doc);
    else bySegment.set(s.segment, [s.doc]);
  }
  const wantYears = kinds.includes('year');
  const wantColumn = kinds.some((k) => k !== 'year');
  const columns = wantColumn || grouped ? await loadColumns(index, [...bySegment.keys()], io) : null;
  for (const [s, docs] of bySegment) {
    const segment = index.segments[s]!;
    const column = columns?.get(s);
    // With grouping, an article counts once: its ordinal stands for it.
    const ordinals = column ? docs.map((d) => column.bounds.ordinalOf(d)) : null;
    const keep = grouped && ordinals ? firstOfEach(ordinals) : null;
    if (wantYears) {
      const years = counts.get('year')!;
      docs.forEach((doc, i) => {
        if (keep && !keep[i]) return;
        const day = segment.dayOf(doc);
        if (day) years.set(day.slice(0, 4), (years.get(day.slice(0, 4)) ?? 0) + 1);
      });
    }
    if (wantColumn && column && ordinals) {
      const perValue = new Uint32Array(column.values.length);
      ordinals.forEach((a, i) => {
        if (keep && !keep[i]) return;
        for (let j = column.starts[a]!; j < column.starts[a + 1]!; j++) perValue[column.ids[j]!]!++;
      });
      perValue.forEach((n, id) => {
        if (n === 0) return;
        const { kind, value } = column.values[id]!;
        const m = counts.get(kind);
        if (m) m.set(value, (m.get(value) ?? 0) + n);
      });
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

/** Per position, whether it is the first of its value (ordinals of a segment's matches, in any order). */
function firstOfEach(ordinals: readonly number[]): boolean[] {
  const seen = new Set<number>();
  return ordinals.map((a) => (seen.has(a) ? false : (seen.add(a), true)));
}

/**
 * A segment's facet column, decoded: its values (kind and value) and, per
 * article ordinal, the ids of its values (`ids[starts[a]..starts[a + 1])`),
 * with the article boundaries that map a doc to its ordinal. Four bytes per
 * article and per value of an article: a few hundred kB for the demo corpus's
 * and ../shared/corpora's tens of thousands of articles.
 */
interface FacetColumn {
  values: Array<{ kind: FacetKind; value: string }>;
  starts: Uint32Array;
  ids: Uint32Array;
  bounds: ArticleBoundaries;
}

/** Kept per open segment (segments never change; a failed read is not kept, so the next query tries again). */
const columnCache = new WeakMap<SegmentReader, Promise<FacetColumn>>();

async function loadColumns(index: IndexReader, segments: readonly number[], io?: IoStats): Promise<Map<number, FacetColumn>> {
  const batch = index.newBatch();
  let reads = false;
  const loads = segments.map((s) => {
    const segment = index.segments[s]!;
    let column = columnCache.get(segment);
    if (!column) {
      reads = true;
      const articles = Array.from({ length: segment.meta.articles }, (_, a) => a);
      column = Promise.all([segment.facetValues(batch), segment.facetIds(batch, articles), segment.articleBoundaries(batch)]).then(
        ([values, ids, bounds]) => decodeColumn(values, ids, segment.meta.articles, bounds),
      );
      column.catch(() => columnCache.delete(segment));
      columnCache.set(segment, column);
    }
    return column.then((c) => [s, c] as const);
  });
  if (reads) await index.run(batch, io);
  return new Map(await Promise.all(loads));
}

function decodeColumn(values: string[], byArticle: Map<number, number[]>, articles: number, bounds: ArticleBoundaries): FacetColumn {
  const starts = new Uint32Array(articles + 1);
  for (let a = 0; a < articles; a++) starts[a + 1] = starts[a]! + (byArticle.get(a)?.length ?? 0);
  const ids = new Uint32Array(starts[articles]!);
  for (let a = 0; a < articles; a++) ids.set(byArticle.get(a) ?? [], starts[a]!);
  return {
    values: values.map((v) => {
      const at = v.indexOf(':');
      return { kind: v.slice(0, at) as FacetKind, value: v.slice(at + 1) };
    }),
    starts,
    ids,
    bounds,
  };
}
