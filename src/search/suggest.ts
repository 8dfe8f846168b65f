import type { IndexReader } from '../index/index-reader';
import { SegmentReader } from '../index/segment/reader';
import { FIELD } from '../index/segment/schema';
import { wordBeingTyped } from './parse-query';

export interface Suggestion {
  /** The word as it stands in the text (`Militärhilfe`), not its folded index form. */
  term: string;
  /** Paragraphs containing it. */
  count: number;
}

export interface SuggestResponse {
  query: string;
  suggestions: Suggestion[];
}

/** Dictionary blocks read per request at most, so a two-letter prefix of a large archive stays cheap. */
const MAX_BLOCKS = 4;
const MIN_PREFIX = 2;

/**
 * Completions for the word being typed (the last word of `query`), from the
 * index's own vocabulary, most frequent first: `milit` → `Militärhilfe`,
 * `Militärbündnis`. Matching is on folded forms, so `Militae`, `militä` and
 * `milit` all complete; the suggestion shows the word as the corpus spells it
 * (the dictionary keeps that form beside the folded term).
 */
export async function suggest(index: IndexReader, query: string, limit = 8): Promise<SuggestResponse> {
  const lastWord = wordBeingTyped(query);
  const exact = index.analyzers.query.analyze(lastWord).filter((t) => t.kind === 'exact');
  // The last token is the word being typed (for `US-Dol`, that is `dol`… but the joined whole comes first).
  const prefix = exact.find((t) => t.start === 0 && t.end === lastWord.length)?.term ?? exact[exact.length - 1]?.term ?? '';
  if (prefix.length < MIN_PREFIX) return { query, suggestions: [] };

  await index.ready();
  const batch = index.newBatch();
  const scans = index.segments.map((s) => s.withPrefix(batch, prefix, MAX_BLOCKS));
  await index.run(batch);
  const counts = new Map<string, { count: number; display: string | null }>();
  // A word whose paragraphs may all be deleted (withdrawn, replaced) is counted on its postings, so it is never offered.
  const recount = index.newBatch();
  const pending: Array<Promise<void>> = [];
  const add = (term: string, count: number, display: string | null) => {
    if (count <= 0) return;
    const seen = counts.get(term);
    if (seen) seen.count += count;
    else counts.set(term, { count, display });
  };
  (await Promise.all(scans)).forEach((scan, s) => {
    const segment = index.segments[s]!;
    scan.terms.forEach((term, i) => {
      const entry = scan.entry(i);
      const text = entry?.lists.find((l) => l.field === FIELD.text);
      if (!entry || !text) return;
      const deleted = segment.deleted;
      // More paragraphs than deletions: some are alive (counted with the deleted ones until a merge drops them).
      if (!deleted || text.docFreq > deleted.count) return add(term, text.docFreq, entry.display);
      const blocks = Array.from({ length: SegmentReader.blockCount(text) }, (_, b) => segment.readBlock(recount, text, b, false));
      pending.push(
        Promise.all(blocks).then((read) => {
          let live = 0;
          for (const { decoded } of read) for (let d = 0; d < decoded.count; d++) if (!deleted.has(decoded.docs[d]!)) live++;
          add(term, live, entry.display);
        }),
      );
    });
  });
  await index.run(recount);
  await Promise.all(pending);
  const candidates = [...counts].sort(
    ([a, x], [b, y]) => y.count - x.count || a.length - b.length || (a < b ? -1 : a > b ? 1 : 0),
  );
  const suggestions: Suggestion[] = [];
  const seen = new Set<string>();
  for (const [term, { count, display }] of candidates) {
    const surface = display ?? term;
    if (seen.has(surface.toLowerCase())) continue;
    seen.add(surface.toLowerCase());
    suggestions.push({ term: surface, count });
    if (suggestions.length >= limit) break;
  }
  return { query, suggestions };
}
