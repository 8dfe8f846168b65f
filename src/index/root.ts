import type { AnalysisConfig } from '../analysis/german';
import { FormatError } from './codec/bytes';
import { EXACT_NORM_LENGTHS } from './codec/norms';
import type { SegmentMeta } from './segment/meta';
import { FIELD_COUNT, SEGMENT_FILES } from './segment/schema';


/**
 * The index root: the one small file an isolate reads before its first
 * answer. It names the segments (whose files carry the segment's content
 * hash in their names) with their statistics and the block indexes needed
 * to open them, and the chunk size their files are stored in. It holds
 * nothing per paragraph or per article.
 */
export interface IndexRoot {
  format: typeof INDEX_FORMAT;
  version: typeof INDEX_FORMAT_VERSION;
  createdAt: string;
  /** The analysis chain the segments were built with; queries are analysed the same way. */
  analysis: AnalysisConfig;
  /** Bytes per chunk file. */
  chunkSize: number;
  segments: RootSegment[];
  /** Synonyms and spelling variants applied to queries (src/search/synonyms.ts), from the corpus's synonyms.txt. */
  synonyms?: SynonymRule[];
  /**
   * Live updates (src/live): the sequence number of the last write this
   * version holds. A writer applies only later writes to it, so a write
   * replayed after a crash is never applied twice. Absent in built indexes.
   */
  live?: { seq: number };
}

/** A synonym rule as the root stores it (src/search/synonyms.ts reads the file and applies the rules). */
export interface SynonymRule {
  /** The spellings a query word may have for the rule to apply. */
  from: string[];
  /** The spellings it then also matches (for equivalents, the same list as `from`). */
  to: string[];
}

export interface RootSegment {
  meta: SegmentMeta;
  /** Deleted docs of the segment (live updates), stored beside it; null when none. */
  deletions: { file: string; length: number; crc: number; count: number } | null;
}

/**
 * Bump when the stored layout or the terms the analyzer makes change (an old
 * index would then miss queries without an error); readers refuse other
 * versions. 4: segments of block postings with positions (was one MiniSearch-
 * shaped container). 5: segments count their short paragraphs per field
 * (SegmentMeta.shortLengths), which the length pivot needs. 6: stored blocks
 * are deflated with a preset dictionary per segment, at the start of its
 * docs file (SegmentMeta.docDictionary). 7: postings columns are patched
 * frame of reference (codec/bitpack.ts `packColumn`), where a header byte's
 * top bit says exceptions follow; each segment names its fields with
 * positions (SegmentMeta.positional), and the text field has none when there
 * are stems; an occurrence's span says whether it starts or ends with its
 * word (codec/positions.ts).
 */
export const INDEX_FORMAT = 'de-edge-search-index';
export const INDEX_FORMAT_VERSION = 7;

/** The name of the pointer file that names the current root. */
export const CURRENT = 'CURRENT';

/** Parses and checks a root; anything unexpected is a FormatError that says what. */
export function parseRoot(bytes: Uint8Array): IndexRoot {
  let root: unknown;
  try {
    root = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    throw new FormatError('the index root is not valid JSON');
  }
  const r = root as Partial<IndexRoot>;
  if (typeof r !== 'object' || r === null || r.format !== INDEX_FORMAT) throw new FormatError('not a search index root');
  if (r.version !== INDEX_FORMAT_VERSION) {
    throw new FormatError(`index format version ${String(r.version)}, this program reads version ${INDEX_FORMAT_VERSION}: rebuild the index`);
  }
  if (!Number.isInteger(r.chunkSize) || r.chunkSize! <= 0) throw new FormatError('the index root has no valid chunk size');
  if (!Array.isArray(r.segments)) throw new FormatError('the index root lists no segments');
  for (const s of r.segments) checkSegment(s);
  if (r.synonyms !== undefined && !isSynonymRules(r.synonyms)) throw new FormatError('the synonyms in the index root are not lists of spellings');
  if (r.live !== undefined && !(Number.isSafeInteger(r.live?.seq) && r.live.seq >= 0)) throw new FormatError('the index root has no valid live sequence number');
  return r as IndexRoot;
}

function checkSegment(s: RootSegment): void {
  const m = s?.meta;
  const ok =
    m &&
    typeof m.id === 'string' &&
    /^[0-9a-f]{16,64}$/.test(m.id) &&
    Number.isInteger(m.docs) &&
    Array.isArray(m.lengthSums) &&
    m.lengthSums.length === FIELD_COUNT &&
    Array.isArray(m.shortLengths) &&
    m.shortLengths.length === FIELD_COUNT &&
    m.shortLengths.every((counts) => Array.isArray(counts) && counts.length === EXACT_NORM_LENGTHS && counts.every((n) => Number.isSafeInteger(n) && n >= 0)) &&
    Array.isArray(m.positional) &&
    m.positional.every((f) => Number.isInteger(f) && f >= 0 && f < FIELD_COUNT) &&
    SEGMENT_FILES.every((f) => Number.isInteger(m.files?.[f])) &&
    Array.isArray(m.dict?.first) &&
    m.dict.first.length === m.dict.ends.length &&
    m.dict.first.length === m.dict.crcs.length &&
    Array.isArray(m.docIndex?.first) &&
    Number.isSafeInteger(m.docDictionary?.length) &&
    m.docDictionary.length >= 0 &&
    m.docDictionary.length <= m.files.docs &&
    Number.isInteger(m.docDictionary.crc) &&
    Array.isArray(m.articleStarts?.crcs) &&
    Array.isArray(m.articleStarts?.before) &&
    Array.isArray(m.facets?.pageEnds) &&
    Array.isArray(m.dates?.days);
  if (!ok) throw new FormatError('a segment in the index root is incomplete');
}

/** The root's own name carries a hash of its bytes, so a pointer can never name a root that changed. */
export async function rootName(bytes: Uint8Array): Promise<string> {
  return `root-${await contentHash(bytes)}.json`;
}

/** Hex SHA-256 (first 16 bytes) of some bytes: root names, deletion files. */
export async function contentHash(bytes: Uint8Array): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}

/**
 * A segment's id: a hash of its files' hashes and of the chunk size its
 * files are cut into. The chunk size is part of the name because the chunk
 * files are: a segment stored again at another chunk size must not
 * overwrite the chunks a published root still reads. Each file is hashed on
 * its own, so the files (an archive's hundreds of megabytes) are never
 * copied into one buffer for it.
 */
export async function segmentId(files: readonly Uint8Array[], chunkSize: number): Promise<string> {
  const all = new Uint8Array(32 * files.length + 4);
  for (const [i, f] of files.entries()) all.set(new Uint8Array(await crypto.subtle.digest('SHA-256', f as Uint8Array<ArrayBuffer>)), 32 * i);
  new DataView(all.buffer).setUint32(32 * files.length, chunkSize);
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', all)));
}

function hex(digest: Uint8Array): string {
  return Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The root with these synonym rules (none: the root as it is, without the field). */
export function withSynonyms(root: IndexRoot, rules: readonly SynonymRule[] | undefined): IndexRoot {
  return rules?.length ? { ...root, synonyms: rules.map((r) => ({ from: [...r.from], to: [...r.to] })) } : root;
}

function isSynonymRules(value: unknown): value is SynonymRule[] {
  const spellings = (x: unknown) => Array.isArray(x) && x.length > 0 && x.every((s) => typeof s === 'string' && s.length > 0);
  return Array.isArray(value) && value.every((r) => typeof r === 'object' && r !== null && spellings(r.from) && spellings(r.to));
}
