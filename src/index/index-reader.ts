import type { Analyzer } from '../analysis/analyzer';
import { createGermanAnalyzer } from '../analysis/german';
import { FormatError } from './codec/bytes';
import { streamCompression, type Compression } from './codec/deflate';
import { CURRENT, parseRoot, rootName, type IndexRoot } from './root';
import { IndexUnavailableError, type ByteSource, type IoStats } from './storage/byte-source';
import { LruCache } from './storage/lru-cache';
import { ReadBatch } from './storage/read-batch';
import type { DictionaryBlock } from './segment/dictionary';
import type { StoredBlock } from './segment/doc-store';
import { Deletions } from './segment/deletions';
import { SegmentReader } from './segment/reader';
import { FIELD_COUNT } from './segment/schema';

/**
 * How much memory a reader may keep, per kind of cached data. An isolate has
 * 128 MB for everything; these shares are what the index may take of it.
 */
export interface ReaderBudget {
  /** Raw, verified byte ranges (postings, positions, pages). */
  unitBytes: number;
  /** Decoded dictionary blocks (counted at twice their encoded size). */
  dictionaryBytes: number;
  /** Inflated stored blocks (counted at twice their text). */
  storedBytes: number;
}

export const DEFAULT_BUDGET: ReaderBudget = { unitBytes: 16 << 20, dictionaryBytes: 8 << 20, storedBytes: 8 << 20 };

export interface OpenOptions {
  compression?: Compression;
  budget?: Partial<ReaderBudget>;
  /**
   * A reader of an earlier version of the same index (live updates): its
   * caches, and the readers of segments whose files and deletions did not
   * change, are shared, so a new version costs only what is new in it.
   * Everything cached is keyed by content-addressed names, so sharing is safe.
   */
  previous?: IndexReader;
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
  /** Analyzers of the index's analysis chain: documents and queries, and phrases (stop words kept). */
  readonly analyzer: Analyzer;
  readonly phraseAnalyzer: Analyzer;
  /** Phrases with stop words are checked on the text of the hits: the chain without stop words and without compound parts. */
  readonly phraseCheckAnalyzer: Analyzer;
  readonly units: LruCache<string, Uint8Array>;
  private readonly dictionary: LruCache<string, DictionaryBlock>;
  private readonly storedCache: LruCache<string, StoredBlock>;

  constructor(
    readonly root: IndexRoot,
    readonly source: ByteSource,
    options: OpenOptions = {},
    /** Size of the root in bytes, for reports. */
    readonly rootBytes = 0,
    /** The root's name, which changes with every version of the index. */
    readonly version = '',
  ) {
    const budget = { ...DEFAULT_BUDGET, ...options.budget };
    const previous = options.previous;
    // Ranges of a resident source are views of memory it holds anyway: only the entry costs.
    this.units = previous?.units ?? new LruCache(source.resident ? () => 64 : (b) => b.length + 64, budget.unitBytes);
    this.dictionary = previous?.dictionary ?? new LruCache((b) => 2 * b.byteLength + 256, budget.dictionaryBytes);
    this.storedCache = previous?.storedCache ?? new LruCache((b) => b.byteLength + 256, budget.storedBytes);
    const caches = { units: this.units, dictionary: this.dictionary, stored: this.storedCache };
    const compression = options.compression ?? streamCompression;
    const unchanged = new Map<string, SegmentReader>();
    if (previous) previous.root.segments.forEach((s, i) => unchanged.set(`${s.meta.id} ${s.deletions?.file ?? ''}`, previous.segments[i]!));
    this.segments = root.segments.map(
      (s) => unchanged.get(`${s.meta.id} ${s.deletions?.file ?? ''}`) ?? new SegmentReader(s.meta, caches, compression),
    );
    this.docCount = root.segments.reduce((n, s) => n + s.meta.docs, 0);
    this.averageLength = Array.from({ length: FIELD_COUNT }, (_, f) =>
      this.docCount ? root.segments.reduce((n, s) => n + s.meta.lengthSums[f]!, 0) / this.docCount : 0,
    );
    this.analyzer = createGermanAnalyzer(root.analysis);
    this.phraseAnalyzer = createGermanAnalyzer({ ...root.analysis, stopWords: false });
    this.phraseCheckAnalyzer = createGermanAnalyzer({ ...root.analysis, stopWords: false, compounds: false });
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
  cacheFill(): { units: number; dictionary: number; stored: number; chunks: number } {
    return { units: this.units.bytes, dictionary: this.dictionary.bytes, stored: this.storedCache.bytes, chunks: this.source.cachedBytes ?? 0 };
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
