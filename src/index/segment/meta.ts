import type { StoredDictionary } from './doc-store';
import type { FacetMeta } from './facets';
import type { SegmentFile } from './schema';

/**
 * What the index root says about a segment: enough to open it without
 * reading anything else — its statistics, the first term of every
 * dictionary block, the pages of its stored-block index and of its article
 * boundaries, its dates — but nothing per paragraph or per article. Every
 * byte range it names comes with the CRC that range must have.
 */
export interface SegmentMeta {
  /** Content hash: the segment's files are stored under this name, so two versions never mix. */
  id: string;
  /** Paragraphs (the segment's doc ids are 0 … docs-1, newest article first). */
  docs: number;
  articles: number;
  /** Per field, the sum of the paragraphs' field lengths (for BM25's average length). */
  lengthSums: number[];
  /**
   * Per field, how many paragraphs have a field length of exactly n, for each
   * n below EXACT_NORM_LENGTHS (codec/norms.ts). Counts add up across
   * segments like lengthSums, and with them give length statistics that
   * leave out very short paragraphs (src/search/length-pivot.ts).
   */
  shortLengths: number[][];
  /** Fields whose lists have positions (schema.ts positionalFields): the dictionary's entries are read by it. */
  positional: number[];
  /** Bytes of each logical file. */
  files: Record<SegmentFile, number>;
  /** Dictionary blocks: first term, end offset and CRC of each (block i starts where i-1 ends). */
  dict: { first: string[]; ends: number[]; crcs: number[] };
  /** Pages of the stored-block index: the first doc of each page, end offset and CRC. */
  docIndex: { first: number[]; ends: number[]; crcs: number[] };
  /** The preset dictionary the stored blocks are deflated with: the docs file's first `length` bytes (0: none). */
  docDictionary: StoredDictionary;
  /**
   * Article boundaries: a bitmap with a bit set at each article's first
   * paragraph, in pages of ARTICLE_PAGE_DOCS docs, each with its CRC and the
   * first paragraph of the article still running at the page's start.
   */
  articleStarts: { crcs: number[]; open: number[]; before: number[] };
  /** The facet column (facets.ts): its values and pages. */
  facets: FacetMeta;
  /** Distinct article days (YYYY-MM-DD), newest first, with their first doc; docs from `undatedFrom` on have no date. */
  dates: { days: string[]; first: number[]; undatedFrom: number };
  /** Counts for reports: distinct terms, postings per field. */
  counts: { terms: number; postings: number[] };
}

/** Docs per page of the article-boundary bitmap (8 KiB). */
export const ARTICLE_PAGE_DOCS = 65_536;

/** A segment as built, before it is stored: its meta (without id) and its files' bytes. */
export interface SegmentData {
  meta: Omit<SegmentMeta, 'id'>;
  files: Record<SegmentFile, Uint8Array>;
}
