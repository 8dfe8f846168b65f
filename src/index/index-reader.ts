import { germanAnalyzers, type Analyzers } from '../analysis/german';
import { FormatError } from './codec/bytes';
import type { Compression } from './codec/deflate';
import { zlibCompression } from './codec/zlib-compression';
import { EXACT_NORM_LENGTHS } from './codec/norms';
import { CURRENT, parseRoot, rootName, type IndexRoot } from './root';
import { IndexUnavailableError, type ByteSource, type IoStats } from './storage/byte-source';
import { LruCache, RangeCache } from './storage/lru-cache';
import { ReadBatch } from './storage/read-batch';
import type { DictionaryBlock } from './segment/dictionary';
import { Deletions } from './segment/deletions';
import { SegmentReader, type SegmentCaches } from './segment/reader';
import { FIELD_COUNT } from './segment/schema';

/**
 * How much memory a reader may keep, per kind of cached data. An isolate has
 * 128 MB for everything; these shares are what the index may take of it.
 */
export interface ReaderBudget {
  /** Raw, verified byte ranges (postings, positions, pages). */
  unitBytes: number;
  /** Decoded dictionary blocks. */
  dictionaryBytes: number;
  /** Inflated stored blocks. */
  storedBytes: number;
  /** Stored paragraphs shown or checked, decoded (SegmentCaches.paragraphs). */
  paragraphBytes: number;
  /** What typo scans found, per segment and word (SegmentCaches.typos). */
  typoBytes: number;
  /**
   * The term table of the smallest segments (search/term-table.ts): their
   * dictionary blocks, kept while the reader is, and the table over them.
   */
  termTableBytes: number;
}

/** A process that is not an isolate (the CLI, tools) may keep more: what a server of one archive would. */
export const DEFAULT_BUDGET: ReaderBudget = {
  unitBytes: 64 << 20,
  dictionaryBytes: 64 << 20,
  storedBytes: 32 << 20,
  paragraphBytes: 16 << 20,
  typoBytes: 4 << 20,
  termTableBytes: 16 << 20,
};

export interface OpenOptions {
  compression?: Compression;
  budget?: Partial<ReaderBudget>;
  /**
   * Caches of a reader of an earlier version of the same index, to share:
   * their keys carry segment ids, so what was read for a segment both
   * versions hold stays valid (the budget is then theirs).
   */
  caches?: SegmentCaches;
  /**
   * A reader of an earlier version of the same index (a switch to a new
   * version): its caches, unless `caches` names others, and the readers of
   * segments whose files and deletions did not change are shared, so a new
   * version costs only what is new in it.
   */
  previous?: IndexReader;
}

/**
 * What a cache entry costs in the heap, beyond the bytes it was decoded
 * from: measured by emptying each cache of a reader that had answered every
 * query of the evaluation sets (`npm run check:scale` reports the result).
 * A range is a typed array with its buffer and a key of some fifty
 * characters; a dictionary block holds the entries queries decoded from it
 * (list infos, block infos, inline postings) and, once asked, its terms as
 * strings (counted per term whether built or not: an upper bound); a stored
 * block its inflated text. A decoded paragraph (beside its text, counted as
 * V8 stores it) keeps its article's metadata alive after the block is gone:
 * most of its cost, which a heap snapshot of the 22k index's cached
 * paragraphs put at about 550 bytes an entry with the entry and its key.
 * What a typo scan found is an entry, its key and two small arrays: 460 to
 * 650 bytes beside its numbers with a key of some fifty characters,
 * measured over 20,000 entries in Node; the key is charged as it is (a
 * query word may be long).
 * That the sum stays within the isolate's budget is what the memory probes
 * of `npm run check:edge` and `check:scale` check.
 */
export const ENTRY_COST = { unit: 280, dictionaryPerTerm: 200, stored: 4096, paragraph: 576, typo: 600 };

/** What a decoded dictionary block is charged in a cache (the reader's, and the term table's). */
export function dictionaryBlockCost(block: DictionaryBlock): number {
  return block.footprint + ENTRY_COST.dictionaryPerTerm * block.count;
}

/** What a string's characters take in V8: one byte each when all are Latin-1, else two. */
function stringBytes(text: string): number {
  return /[^\u0000-\u00ff]/.test(text) ? 2 * text.length : text.length;
}

/** Empty caches within a budget; `resident`: ranges are views of memory the source holds anyway, so only the entry costs. */
export function newReaderCaches(budget: Partial<ReaderBudget> = {}, resident = false): SegmentCaches {
  const b = { ...DEFAULT_BUDGET, ...budget };
  return {
    units: new RangeCache(resident ? () => ENTRY_COST.unit : (u) => u.length + ENTRY_COST.unit, b.unitBytes),
    dictionary: new LruCache(dictionaryBlockCost, b.dictionaryBytes),
    stored: new LruCache((d) => d.byteLength + ENTRY_COST.stored, b.storedBytes),
    paragraphs: new LruCache((p) => stringBytes(p.text ?? '') + ENTRY_COST.paragraph, b.paragraphBytes),
    typos: new LruCache((t, key) => ENTRY_COST.typo + stringBytes(key) + 8 * t.blocks.length + t.hits.byteLength, b.typoBytes),
  };
}

/** Reads the pointer and the root it names, checking the root against the hash in its name. */
export async function readRoot(read: (name: string) => Promise<Uint8Array | null>): Promise<{ name: string; root: IndexRoot; bytes: number }> {
  const pointer = await read(CURRENT);
  if (!pointer) throw new IndexUnavailableError('the index has no CURRENT pointer');
  const name = new TextDecoder().decode(pointer).trim();
  if (!/^root-[0-9a-f]{32}\.json$/.test(name)) throw new FormatError(`the CURRENT pointer names no root: ${name.slice(0, 80)}`);
  const bytes = await read(name);
  if (!bytes) throw new IndexUnavailableError(`the index root ${name} is missing`);
  if ((await rootName(bytes)) !== name) throw new IndexUnavailableError(`the index root ${name} is damaged (hash mismatch)`);
  return { name, root: parseRoot(bytes), bytes: bytes.length };
}

/**
 * An open index: its root, a reader per segment, and the statistics that
 * scoring combines across segments (document count, average field lengths).
 * Everything it reads comes through one ByteSource, and what it keeps is
 * bounded by its budget.
 */
export class IndexReader {
  readonly segments: SegmentReader[];
  /** Paragraphs in all segments. */
  readonly docCount: number;
  /** Average length per field over all paragraphs. */
  readonly averageLength: number[];
  /** Per field, how many paragraphs of all segments have each short length (SegmentMeta.shortLengths, summed). */
  readonly shortLengths: number[][];
  /** The analyzers of the analysis chain the index was built with (queries must use the same). */
  readonly analyzers: Analyzers;
  readonly units: RangeCache;
  /** The caches, for a reader of the next version to share. */
  readonly caches: SegmentCaches;
  /** What this reader's term table may hold (ReaderBudget.termTableBytes). */
  readonly termTableBytes: number;

  constructor(
    readonly root: IndexRoot,
    readonly source: ByteSource,
    options: OpenOptions = {},
    /** Size of the root in bytes, for reports. */
    readonly rootBytes = 0,
    /** The root's name, which changes with every version of the index. */
    readonly version = '',
  ) {
    const previous = options.previous;
    const caches = options.caches ?? previous?.caches ?? newReaderCaches(options.budget, source.resident);
    this.caches = caches;
    this.termTableBytes = options.budget?.termTableBytes ?? previous?.termTableBytes ?? DEFAULT_BUDGET.termTableBytes;
    this.units = caches.units;
    const compression = options.compression ?? zlibCompression;
    const unchanged = new Map<string, SegmentReader>();
    if (previous) previous.root.segments.forEach((s, i) => unchanged.set(`${s.meta.id} ${s.deletions?.file ?? ''}`, previous.segments[i]!));
    this.segments = root.segments.map(
      (s) => unchanged.get(`${s.meta.id} ${s.deletions?.file ?? ''}`) ?? new SegmentReader(s.meta, caches, compression),
    );
    this.docCount = root.segments.reduce((n, s) => n + s.meta.docs, 0);
    this.averageLength = Array.from({ length: FIELD_COUNT }, (_, f) =>
      this.docCount ? root.segments.reduce((n, s) => n + s.meta.lengthSums[f]!, 0) / this.docCount : 0,
    );
    this.shortLengths = Array.from({ length: FIELD_COUNT }, (_, f) =>
      Array.from({ length: EXACT_NORM_LENGTHS }, (_, n) => root.segments.reduce((sum, s) => sum + s.meta.shortLengths[f]![n]!, 0)),
    );
    this.analyzers = germanAnalyzers(root.analysis);
  }

  private opening: Promise<void> | null = null;

  /**
   * Reads what every query needs before its first read: the deletions of
   * segments that have any (one wave, once). Queries call it; it is cheap
   * once done.
   */
  ready(io?: IoStats): Promise<void> {
    this.opening ??= (async () => {
      const batch = this.newBatch();
      const loads = this.root.segments.map((s, i) => {
        const d = s.deletions;
        // A segment reader shared with an earlier version has its deletions already.
        if (!d || this.segments[i]!.deleted) return null;
        return batch.add({ file: d.file, offset: 0, length: d.length }, d.crc).then((bytes) => {
          this.segments[i]!.deleted = Deletions.decode(bytes, s.meta.docs);
        });
      });
      await this.run(batch, io);
      await Promise.all(loads);
    })().catch((error: unknown) => {
      this.opening = null;
      throw error;
    });
    return this.opening;
  }

  newBatch(): ReadBatch {
    return new ReadBatch(this.units);
  }

  run(batch: ReadBatch, io?: IoStats): Promise<void> {
    return batch.run(this.source, io);
  }

  /** Releases what the reader holds open (files, for an index on disk). */
  async close(): Promise<void> {
    await this.source.close?.();
  }

  /** Bytes held in the reader's caches, per kind. */
  cacheFill(): { units: number; dictionary: number; stored: number; paragraphs: number; typos: number; chunks: number } {
    return {
      units: this.units.bytes,
      dictionary: this.caches.dictionary.bytes,
      stored: this.caches.stored.bytes,
      paragraphs: this.caches.paragraphs.bytes,
      typos: this.caches.typos.bytes,
      chunks: this.source.cachedBytes ?? 0,
    };
  }

  /** Summary for health checks and reports. */
  describe(): { segments: number; paragraphs: number; articles: number; rootBytes: number; version: string } {
    return {
      segments: this.segments.length,
      paragraphs: this.docCount,
      articles: this.root.segments.reduce((n, s) => n + s.meta.articles, 0),
      rootBytes: this.rootBytes,
      version: this.version,
    };
  }
}
