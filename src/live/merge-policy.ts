import type { IndexRoot, RootSegment } from '../index/root';

/**
 * A tiered merge policy (Lucene's TieredMergePolicy, simplified): segments
 * are grouped in tiers by their live paragraphs, each tier `segmentsPerTier`
 * times the one below; once a tier holds `segmentsPerTier` segments, they are
 * merged into one of the next tier. Each paragraph is so rewritten about
 * once per tier (log growth), and the number of segments a query walks stays
 * below `segmentsPerTier` per tier.
 *
 * Erasure: with `expunge`, every segment with deleted docs that no tier merge
 * takes is rewritten on its own, so a withdrawn article's text leaves storage
 * at that compaction. Segments above `maxMergeDocs` (a built archive) are
 * never merged or rewritten by the live writer, whose memory bounds a merge
 * (inputs are read whole); `npm run compact -- --index DIR` has no such cap.
 */
export interface MergePolicy {
  segmentsPerTier: number;
  /** Live paragraphs of the smallest tier: smaller segments count as this size. */
  floorDocs: number;
  /** Paragraphs (deleted ones included: they are read too) a merge may take in all. */
  maxMergeDocs: number;
}

export const DEFAULT_MERGE_POLICY: MergePolicy = { segmentsPerTier: 10, floorDocs: 1000, maxMergeDocs: 50_000 };

export interface MergeOptions {
  /** Rewrite every segment with deletions too (erasure). */
  expunge?: boolean;
  /** Merge every segment within the cap into as few as the cap allows. */
  full?: boolean;
}

/** Live paragraphs of a segment entry. */
export function liveDocs(s: RootSegment): number {
  return s.meta.docs - (s.deletions?.count ?? 0);
}

/** The merges to run: groups of indexes into `root.segments` (a group of one rewrites a segment without its deletions). */
export function planMerges(root: IndexRoot, policy: MergePolicy = DEFAULT_MERGE_POLICY, options: MergeOptions = {}): number[][] {
  const eligible = root.segments.map((s, i) => ({ i, s, live: liveDocs(s) })).filter((x) => x.s.meta.docs <= policy.maxMergeDocs);
  const merges: number[][] = [];
  const taken = new Set<number>();
  const take = (group: number[]) => {
    merges.push(group);
    for (const i of group) taken.add(i);
  };
  // Nothing left alive: dropped without reading.
  for (const x of eligible) if (x.live === 0) take([x.i]);
  const candidates = eligible.filter((x) => !taken.has(x.i)).sort((a, b) => a.live - b.live || a.i - b.i);

  if (options.full) {
    let group: typeof candidates = [];
    let docs = 0;
    for (const x of candidates) {
      if (group.length > 0 && docs + x.s.meta.docs > policy.maxMergeDocs) {
        if (group.length > 1 || group[0]!.s.deletions) take(group.map((g) => g.i));
        group = [];
        docs = 0;
      }
      group.push(x);
      docs += x.s.meta.docs;
    }
    if (group.length > 1 || (group.length === 1 && group[0]!.s.deletions)) take(group.map((g) => g.i));
    return merges;
  }

  const tierOf = (live: number) => (live <= policy.floorDocs ? 0 : Math.ceil(Math.log(live / policy.floorDocs) / Math.log(policy.segmentsPerTier)));
  const tiers = new Map<number, typeof candidates>();
  for (const x of candidates) {
    const t = tierOf(x.live);
    tiers.set(t, [...(tiers.get(t) ?? []), x]);
  }
  for (const members of tiers.values()) {
    for (let at = 0; at + policy.segmentsPerTier <= members.length; at += policy.segmentsPerTier) {
      const group = members.slice(at, at + policy.segmentsPerTier);
      if (group.reduce((n, x) => n + x.s.meta.docs, 0) <= policy.maxMergeDocs) take(group.map((x) => x.i));
    }
  }
  if (options.expunge) for (const x of candidates) if (!taken.has(x.i) && x.s.deletions) take([x.i]);
  return merges;
}
