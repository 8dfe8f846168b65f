/**
 * The one shape every corpus format is read into. Everything downstream
 * (analysis, index, search) sees only Articles, never files.
 */
export interface Article {
  /** Stable id: the JSON Lines `id`, or the file name without its extension. */
  id: string;
  /** Headline; derived from the lead when the source has none. */
  title: string;
  /** ISO date (YYYY-MM-DD or full ISO timestamp) when known. */
  date: string | null;
  url: string | null;
  /** Publisher or data-set name when known. */
  source: string | null;
  category: string | null;
  tags: string[];
  /** Searchable paragraphs in reading order; `paragraph` indexes in results point into this array. */
  paragraphs: string[];
  /**
   * `paid`: every paragraph is searchable, but only the free ones (`free`,
   * by default the lead) are shown in snippets and results. Default `free`.
   */
  access?: 'free' | 'paid';
  /** Numbers of the paragraphs of a paid article that may be shown (default `[0]`, the lead). */
  free?: number[];
}
