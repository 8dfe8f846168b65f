/**
 * Query expansion by pseudo-relevance feedback (RM3, Lavrenko and Croft's
 * relevance model as Anserini and Lucene run it): the best paragraphs of a
 * first pass are taken as relevant, and the terms they share most, weighed
 * by how rare each is in the index, are added to the query with a small
 * weight. A question paraphrases its answer ("Wer gründete …" for "… wurde
 * von … ins Leben gerufen"); the answer's neighbours in the first pass often
 * use the answer's words.
 *
 * Pure: it sees paragraphs as bags of stems and the index only through
 * `documentFrequency`, so any engine can run it — the current one passes the
 * stem tokens of the top paragraphs (analysed again, as for highlighting),
 * a positional index could pass its forward lists. The numbers are in
 * scoring.ts (EXPANSION).
 */

export interface FeedbackParagraph {
  /** First-pass score. */
  score: number;
  /** Stems of the paragraph, repeated as often as they occur. */
  stems: readonly string[];
}

export interface ExpansionSettings {
  /** Terms to add at most. */
  terms: number;
  /** A term must occur in at least this many of the feedback paragraphs (one paragraph's pet words are no evidence). */
  minParagraphs: number;
  /** Terms in more than this share of all paragraphs say nothing. */
  maxDocumentShare: number;
  /** Weight of the best expansion term; the others in proportion. */
  weight: number;
}

export interface ExpansionTerm {
  term: string;
  weight: number;
}

/**
 * The expansion terms for a query whose stems are `queryStems`, from its
 * best first-pass paragraphs. P(t|R) = Σ_d P(d) · tf(t, d) / |d|, with P(d)
 * the paragraph's share of the feedback scores (RM1), times idf; the best
 * `terms` that are not query stems, not digits and in at least
 * `minParagraphs` paragraphs, weighted relative to the best.
 */
export function expansionTerms(
  feedback: readonly FeedbackParagraph[],
  queryStems: ReadonlySet<string>,
  documentFrequency: (stem: string) => number,
  documentCount: number,
  settings: ExpansionSettings,
): ExpansionTerm[] {
  const total = feedback.reduce((sum, p) => sum + p.score, 0);
  if (total <= 0 || documentCount === 0) return [];
  const relevance = new Map<string, number>();
  const support = new Map<string, number>();
  for (const p of feedback) {
    if (p.stems.length === 0) continue;
    const share = p.score / total / p.stems.length;
    const seen = new Set<string>();
    for (const stem of p.stems) {
      if (stem.length < 3 || queryStems.has(stem) || /^[0-9]+$/.test(stem)) continue;
      relevance.set(stem, (relevance.get(stem) ?? 0) + share);
      if (!seen.has(stem)) {
        seen.add(stem);
        support.set(stem, (support.get(stem) ?? 0) + 1);
      }
    }
  }
  const scored: ExpansionTerm[] = [];
  for (const [term, p] of relevance) {
    if ((support.get(term) ?? 0) < settings.minParagraphs) continue;
    const df = documentFrequency(term);
    if (df === 0 || df > settings.maxDocumentShare * documentCount) continue;
    scored.push({ term, weight: p * Math.log(1 + documentCount / df) });
  }
  scored.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
  const best = scored.slice(0, settings.terms);
  const top = best[0]?.weight ?? 0;
  return best.map((t) => ({ term: t.term, weight: (settings.weight * t.weight) / top }));
}
