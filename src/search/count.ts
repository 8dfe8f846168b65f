import { END, ListCursor } from './cursor';
import { phraseAt, type SegmentWalk } from './top-k';

/** Matches counted so far across segments, and the ones kept for facets. */
export interface Count {
  n: number;
  /** Whether every match was counted (the count is exact). */
  complete: boolean;
  sample: Array<{ segment: number; doc: number; article: number }>;
}

/**
 * Counts a segment's matches in doc order (newest first), up to `bound`
 * in all: a merge of the lists' docs, each checked against deletions,
 * filters, exclusions and required phrases, as the walk would. Counting is
 * kept apart from scoring so the walk may prune from its first hits on; it
 * stops at the bound, so it costs little on large result sets. Grouped, an
 * article counts once. Blocks not read count as empty: the caller knows
 * whether every block that could hold a match was read.
 */
export function countSegment(walk: SegmentWalk, count: Count, bound: number, keepSample: boolean): void {
  const cursors = walk.lists.map((l) => new ListCursor(l.fetched));
  try {
    countWith(walk, cursors, count, bound, keepSample);
  } finally {
    for (const c of cursors) c.release();
  }
}

function countWith(walk: SegmentWalk, cursors: readonly ListCursor[], count: Count, bound: number, keepSample: boolean): void {
  const [from, to] = walk.range;
  for (const c of cursors) c.advance(from);
  let requiredClauses = 0;
  for (const p of walk.phrases) requiredClauses |= 1 << p.clause;
  // A list of a spelling of several words (synonyms) matches only where that spelling stands as a phrase.
  const alternatives = walk.alternatives ?? [];
  const alternativeOf = walk.lists.map((l) => alternatives.findIndex((a) => a.ids.includes(l.id)));
  const clauseBit = walk.lists.map((l) => 1 << l.clause);
  const grouped = walk.articleOf !== null;
  let lastArticle = -1;
  let next = END;
  for (const c of cursors) if (c.doc < next) next = c.doc;
  for (;;) {
    const doc = next;
    if (doc >= to) return;
    // One pass over the lists: those on this doc give its words and move on, and all give the next doc.
    let mask = 0;
    next = END;
    for (let i = 0; i < cursors.length; i++) {
      const c = cursors[i]!;
      if (c.doc === doc) {
        const a = alternativeOf[i]!;
        if (a < 0 || phraseAt(alternatives[a]!.phrase, doc)) mask |= clauseBit[i]!;
        c.next();
      }
      if (c.doc < next) next = c.doc;
    }
    if (mask === 0 || !matches(walk, doc, mask, requiredClauses)) continue;
    const article = grouped ? walk.articleOf!(doc) : doc;
    // Docs come in order and an article's paragraphs are consecutive: a new article is a change of article.
    if (grouped && article === lastArticle) {
      if (keepSample && count.sample.length < bound) count.sample.push({ segment: walk.segment, doc, article });
      continue;
    }
    lastArticle = article;
    if (!tally(count, walk.segment, doc, article, bound, keepSample)) return;
  }
}

/** Only filters, no words (`tag:NATO`): counts the paragraphs that pass, newest first. */
export function countFiltered(walk: SegmentWalk, count: Count, bound: number, keepSample: boolean): void {
  const [from, to] = walk.range;
  let lastArticle = -1;
  for (let doc = nextPassing(walk, from); doc < to; doc = nextPassing(walk, doc + 1)) {
    if (walk.dropped?.has(doc) || excludedAt(walk, doc)) continue;
    const article = walk.articleOf ? walk.articleOf(doc) : doc;
    if (walk.articleOf && article === lastArticle) continue;
    lastArticle = article;
    if (!tally(count, walk.segment, doc, article, bound, keepSample)) return;
  }
}

/** Counts one match (a paragraph, or an article when grouped); false once the bound is reached: the count is then a lower bound. */
function tally(count: Count, segment: number, doc: number, article: number, bound: number, keepSample: boolean): boolean {
  if (count.n >= bound) {
    count.complete = false;
    return false;
  }
  count.n++;
  if (keepSample) count.sample.push({ segment, doc, article });
  return true;
}

/** The first doc at or after `doc` that every filter covers (leapfrogging the filter lists). */
export function nextPassing(walk: SegmentWalk, doc: number): number {
  if (walk.filters.length === 0) return doc;
  for (;;) {
    let next = doc;
    for (const f of walk.filters) {
      f.advance(next);
      if (f.doc > next) next = f.doc;
    }
    if (next === doc || next >= END) return next;
    doc = next;
  }
}

function matches(walk: SegmentWalk, doc: number, mask: number, requiredClauses: number): boolean {
  if (walk.dropped?.has(doc)) return false;
  if (nextPassing(walk, doc) !== doc) return false;
  if ((mask & requiredClauses) !== requiredClauses) return false;
  if (excludedAt(walk, doc)) return false;
  for (const p of walk.phrases) if (!phraseAt(p, doc)) return false;
  return true;
}

function excludedAt(walk: SegmentWalk, doc: number): boolean {
  for (const e of walk.exclusions) {
    e.advance(doc);
    if (e.doc === doc) return true;
  }
  for (const p of walk.excludedPhrases) if (phraseAt(p, doc)) return true;
  return false;
}
