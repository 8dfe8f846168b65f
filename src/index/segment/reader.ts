import { ByteReader, FormatError } from '../codec/bytes';
import type { Compression } from '../codec/deflate';
import { readOccurrences } from '../codec/positions';
import { BLOCK_SIZE, decodeBlock, newDecodedBlock, type DecodedBlock } from '../codec/postings';
import { IndexUnavailableError, type ByteRange } from '../storage/byte-source';
import type { LruCache, RangeCache } from '../storage/lru-cache';
import type { ReadBatch } from '../storage/read-batch';
import { DictionaryBlock, type ListInfo, type TermEntry } from './dictionary';
import { decodeDocIndexPage, StoredBlock, type DocBlockRef, type StoredParagraph } from './doc-store';
import type { Deletions } from './deletions';
import { ARTICLE_PAGE_DOCS, type SegmentMeta } from './meta';
import { decodeFacetPage, decodeFacetValues, FACET_PAGE_ARTICLES } from './facets';
import { isArticleField, type SegmentFile } from './schema';

/** A stored-block index up to this size is read whole (its pages, decoded, are kept for the reader's life either way). */
const DOC_INDEX_WHOLE_BYTES = 256 * 1024;

/** Caches a reader shares with the other segments of its index, each bounded in bytes. */
export interface SegmentCaches {
  /** Verified raw ranges (dictionary blocks, postings, positions, pages). */
  units: RangeCache;
  /** Decoded dictionary blocks. */
  dictionary: LruCache<string, DictionaryBlock>;
  /** Inflated stored blocks. */
  stored: LruCache<string, StoredBlock>;
  /**
   * Stored paragraphs once decoded, by segment and doc: a result needs one
   * paragraph of a block that holds many, and a query asked again shows the
   * same few paragraphs, which would otherwise cost their blocks' inflation
   * again once the blocks are evicted.
   */
  paragraphs: LruCache<string, StoredParagraph>;
  /**
   * What typo scans of a segment found, by segment, word and edits: a scan
   * walks up to FUZZY.maxBlocks dictionary blocks, and the same misspelt
   * word comes back in a query asked again and at every keystroke after it.
   * The segment is immutable, so what its scan finds for a word stays true.
   */
  typos: LruCache<string, TypoMatches>;
}

/**
 * The terms a typo scan of one segment found: the dictionary blocks that
 * hold them, and per term its block (an index into `blocks`), its entry in
 * the block and its distance, three numbers a term, in the order the scan
 * found them.
 */
export interface TypoMatches {
  readonly blocks: readonly number[];
  readonly hits: Int32Array;
}

/** Terms of a prefix range in sorted order, with their entries decoded on demand. */
export interface PrefixRange {
  terms: string[];
  entry(i: number): TermEntry | null;
  complete: boolean;
}

/** One block of a list, decoded: its postings, and where its positions are. */
export interface ListBlock {
  decoded: DecodedBlock;
  /** Raw positions of the block's postings in order (null for fields without positions or not read). */
  positions: Uint8Array | null;
}

/**
 * Reads one immutable segment through the index's ByteSource. Every method
 * that needs bytes adds its ranges to a ReadBatch first and awaits them
 * after, so the caller decides what goes out in one wave.
 */
export class SegmentReader {
  readonly positional: ReadonlySet<number>;
  /** Docs deleted since the segment was written (live updates); null when none. Set by IndexReader.ready(). */
  deleted: Deletions | null = null;
  /** Decoded pages of the stored-block index: small, and needed for every result shown. */
  private readonly pages = new Map<number, DocBlockRef[]>();
  /** The preset dictionary of the stored blocks, once read (read with the first index pages; empty when the segment has none). */
  private docDictionary: Uint8Array | null = null;
  private readonly names: Partial<Record<SegmentFile, string>> = {};
  /** Cache keys of the dictionary blocks, made once. */
  private readonly blockKeys: string[] = [];

  constructor(
    readonly meta: SegmentMeta,
    private readonly caches: SegmentCaches,
    private readonly compression: Compression,
  ) {
    this.positional = new Set(meta.positional);
  }

  /**
   * A logical file's name (`<segment id>/<file>`), made once: the caches find a range by it, and the same string
   * hashes once, where a name built at each of a query's thousands of probes would hash every time.
   */
  file(name: SegmentFile): string {
    return (this.names[name] ??= `${this.meta.id}/${name}`);
  }

  // ── Dictionary ────────────────────────────────────────────────────────────

  /** The dictionary block that would hold `term` (-1 when it sorts before every term). */
  blockOf(term: string): number {
    const first = this.meta.dict.first;
    let lo = 0;
    let hi = first.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (first[mid]! <= term) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  get dictionaryBlocks(): number {
    return this.meta.dict.first.length;
  }

  /** Dictionary block `b`, read in `batch` unless cached. */
  dictionaryBlock(batch: ReadBatch, b: number): Promise<DictionaryBlock> {
    const block = this.blockOrRead(batch, b);
    return block instanceof DictionaryBlock ? Promise.resolve(block) : block;
  }

  /** Dictionary block `b` if cached, else its read in `batch`: a query over many small segments finds most blocks cached, and a promise each would cost more than the lookup. */
  private blockOrRead(batch: ReadBatch, b: number): DictionaryBlock | Promise<DictionaryBlock> {
    const key = (this.blockKeys[b] ??= `${this.meta.id}#${b}`);
    const cached = this.caches.dictionary.get(key);
    if (cached) return cached;
    const { ends, crcs } = this.meta.dict;
    const offset = b === 0 ? 0 : ends[b - 1]!;
    return batch.add({ file: this.file('terms'), offset, length: ends[b]! - offset }, crcs[b]!).then((bytes) => {
      const block = this.caches.dictionary.get(key) ?? new DictionaryBlock(bytes, this.positional);
      this.caches.dictionary.set(key, block);
      return block;
    });
  }

  /** Looks up terms; entries are null for terms the segment lacks. */
  lookup(batch: ReadBatch, terms: readonly string[]): Promise<Map<string, TermEntry | null>> {
    return this.lookupTerms(batch, terms).then((entries) => new Map(terms.map((term, i) => [term, entries[i]!])));
  }

  /** Looks up terms: their entries in the order asked, null for terms the segment lacks. */
  lookupTerms(batch: ReadBatch, terms: readonly string[]): Promise<Array<TermEntry | null>> {
    const at = new Array<number>(terms.length);
    const blocks = new Map<number, DictionaryBlock | Promise<DictionaryBlock>>();
    let reads: Array<Promise<unknown>> | null = null;
    for (let i = 0; i < terms.length; i++) {
      const b = (at[i] = this.blockOf(terms[i]!));
      if (b < 0 || blocks.has(b)) continue;
      const block = this.blockOrRead(batch, b);
      blocks.set(b, block);
      if (!(block instanceof DictionaryBlock)) {
        (reads ??= []).push(block.then((read) => blocks.set(b, read)));
      }
    }
    const entries = () =>
      terms.map((term, i) => {
        if (at[i]! < 0) return null;
        const block = blocks.get(at[i]!) as DictionaryBlock;
        const j = block.indexOf(term);
        return j < 0 ? null : block.entry(j);
      });
    return reads ? Promise.all(reads).then(entries) : Promise.resolve(entries());
  }

  /**
   * Terms starting with `prefix`, reading at most `maxBlocks` dictionary
   * blocks, in order; each entry is decoded only when asked for.
   * `complete` says whether every such term was seen.
   */
  async withPrefix(batch: ReadBatch, prefix: string, maxBlocks: number): Promise<PrefixRange> {
    const first = Math.max(0, this.blockOf(prefix));
    const last = this.blockOf(prefix + '\uffff');
    if (last < 0) return { terms: [], entry: () => null, complete: true };
    const end = Math.min(last, first + maxBlocks - 1);
    const blocks = await Promise.all(range(first, end + 1).map((b) => this.dictionaryBlock(batch, b)));
    const terms: string[] = [];
    const at: Array<[DictionaryBlock, number]> = [];
    for (const block of blocks) {
      for (let i = block.lowerBound(prefix); i < block.terms.length && block.terms[i]!.startsWith(prefix); i++) {
        terms.push(block.terms[i]!);
        at.push([block, i]);
      }
    }
    return { terms, entry: (i) => (at[i] ? at[i][0].entry(at[i][1]) : null), complete: end === last };
  }

  /**
   * The dictionary blocks a typo scan over the terms starting with `prefix`
   * walks (each block's sorted terms in place): those holding such terms
   * that `mayHold` does not rule out, at most `maxBlocks` of them, the
   * nearest to `near` (the misspelt word) first. The block index alone tells
   * a block's range of terms (from its first term to the next block's), so
   * blocks no candidate can be in are neither read nor decoded, and the cap
   * counts only blocks that may hold one: a letter's slice of a large
   * archive runs to hundreds of blocks, and a cap counted from its start
   * never reached a word late in the alphabet.
   */
  typoBlockNumbers(prefix: string, near: string, maxBlocks: number, mayHold: (low: string, high: string | undefined) => boolean): number[] {
    const firstTerms = this.meta.dict.first;
    const first = Math.max(0, this.blockOf(prefix));
    const last = this.blockOf(prefix + '\uffff');
    if (last < 0) return [];
    const start = Math.min(last, Math.max(first, this.blockOf(near)));
    const holds = (b: number) => mayHold(firstTerms[b]!, firstTerms[b + 1]);
    const numbers: number[] = [];
    // Outwards from the word's own block, one step down and one up at a time.
    for (let down = start, up = start + 1; numbers.length < maxBlocks && (down >= first || up <= last); down--, up++) {
      if (down >= first && holds(down)) numbers.push(down);
      if (numbers.length < maxBlocks && up <= last && holds(up)) numbers.push(up);
    }
    return numbers.sort((a, b) => a - b);
  }

  /**
   * Dictionary blocks by number: at once when all are cached (a query over
   * many small segments would otherwise wait on a promise per segment), else
   * in a promise settled by the wave.
   */
  dictionaryBlocksAt(batch: ReadBatch, numbers: readonly number[]): DictionaryBlock[] | Promise<DictionaryBlock[]> {
    const blocks: Array<DictionaryBlock | Promise<DictionaryBlock>> = [];
    let reads = false;
    for (const b of numbers) {
      const block = this.blockOrRead(batch, b);
      if (!(block instanceof DictionaryBlock)) reads = true;
      blocks.push(block);
    }
    return reads ? Promise.all(blocks) : (blocks as DictionaryBlock[]);
  }

  /** What a typo scan of this segment found for `word` within `edits`, if it is remembered. */
  typosOf(word: string, edits: number): TypoMatches | undefined {
    return this.caches.typos.get(this.typoKey(word, edits));
  }

  /** Keeps what a typo scan of this segment found for `word` within `edits` (SegmentCaches.typos). */
  rememberTypos(word: string, edits: number, matches: TypoMatches): void {
    this.caches.typos.set(this.typoKey(word, edits), matches);
  }

  private typoKey(word: string, edits: number): string {
    return `${this.meta.id}:${edits}:${word}`;
  }

  // ── Postings and positions ────────────────────────────────────────────────

  /** Number of blocks of a list (1 for inline lists). */
  static blockCount(list: ListInfo): number {
    return list.blocks ? list.blocks.length : 1;
  }

  /** First and last doc a block of the list can hold (the first is the previous block's last + 1). */
  static blockRange(list: ListInfo, b: number): [number, number] {
    if (!list.blocks) return [0, Number.MAX_SAFE_INTEGER];
    return [b === 0 ? 0 : list.blocks[b - 1]!.lastDoc + 1, list.blocks[b]!.lastDoc];
  }

  /** Postings of block `b` of a list (and its positions, when asked and the field has them). */
  readBlock(batch: ReadBatch, list: ListInfo, b: number, withPositions: boolean): Promise<ListBlock> {
    const count = list.blocks ? Math.min(BLOCK_SIZE, list.count - b * BLOCK_SIZE) : list.count;
    const spans = isArticleField(list.field);
    const wantPositions = withPositions && this.positional.has(list.field);
    if (!list.blocks) {
      const inline = list.inline!;
      const decoded = decodeBlock(inline.postings, 0, count, -1, spans, newDecodedBlock());
      return Promise.resolve({ decoded, positions: wantPositions ? inline.positions : null });
    }
    const info = list.blocks[b]!;
    const previous = b === 0 ? -1 : list.blocks[b - 1]!.lastDoc;
    const postings = batch.add({ file: this.file('postings'), offset: info.offset, length: info.length }, info.crc);
    const positions = wantPositions
      ? batch.add({ file: this.file('positions'), offset: info.posOffset, length: info.posLength }, info.posCrc)
      : Promise.resolve(null);
    return Promise.all([postings, positions]).then(([bytes, pos]) => {
      const decoded = decodeBlock(bytes, 0, count, previous, spans, newDecodedBlock());
      if (decoded.docs[count - 1] !== info.lastDoc) throw new IndexUnavailableError(`index file ${this.file('postings')} does not match its dictionary`);
      return { decoded, positions: pos };
    });
  }

  /**
   * Positions of posting `i` of a decoded block: calls `visit(position,
   * relStart, length)` per occurrence (relStart -1: the whole word; length -1: to the word's end).
   */
  static visitPositions(block: ListBlock, i: number, visit: (position: number, relStart: number, length: number) => void): void {
    if (!block.positions) return;
    const reader = new ByteReader(block.positions);
    for (let j = 0; j < i; j++) readOccurrences(reader, block.decoded.tfs[j]!, noop);
    readOccurrences(reader, block.decoded.tfs[i]!, visit);
  }

  // ── Stored paragraphs ─────────────────────────────────────────────────────

  private pageOf(doc: number): number {
    const p = upperBound(this.meta.docIndex.first, doc) - 1;
    if (p < 0 || doc >= this.meta.docs) throw new RangeError(`doc ${doc} is not in segment ${this.meta.id}`);
    return p;
  }

  /** Whether the stored-block index pages of these docs (and the blocks' dictionary) are loaded (else `loadDocIndexPages` first). */
  hasDocIndexPages(docs: Iterable<number>): boolean {
    if (!this.docDictionary) return false;
    for (const doc of docs) if (!this.pages.get(this.pageOf(doc))) return false;
    return true;
  }

  /**
   * Requests the stored-block index pages these docs need, and the blocks'
   * preset dictionary the first time (in the same wave). A small index
   * (DOC_INDEX_WHOLE_BYTES) comes whole the first time: the pages stay
   * anyway, and otherwise every query that shows a paragraph of a page
   * not seen yet pays a wave for it before its stored texts.
   */
  loadDocIndexPages(batch: ReadBatch, docs: Iterable<number>): Promise<void> {
    const { ends, crcs } = this.meta.docIndex;
    const wanted = new Set<number>();
    for (const doc of docs) {
      const p = this.pageOf(doc);
      if (!this.pages.get(p)) wanted.add(p);
    }
    if (wanted.size > 0 && (ends[ends.length - 1] ?? 0) <= DOC_INDEX_WHOLE_BYTES) for (let p = 0; p < ends.length; p++) if (!this.pages.get(p)) wanted.add(p);
    return Promise.all([
      this.loadDocDictionary(batch),
      ...[...wanted].map((p) => {
        const offset = p === 0 ? 0 : ends[p - 1]!;
        return batch.add({ file: this.file('docindex'), offset, length: ends[p]! - offset }, crcs[p]!).then((bytes) => {
          this.pages.set(p, decodeDocIndexPage(bytes));
        });
      }),
    ]).then(() => undefined);
  }

  private loadDocDictionary(batch: ReadBatch): Promise<void> {
    if (this.docDictionary) return Promise.resolve();
    const { length, crc } = this.meta.docDictionary;
    if (length === 0) {
      this.docDictionary = new Uint8Array(0);
      return Promise.resolve();
    }
    return batch.add({ file: this.file('docs'), offset: 0, length }, crc).then((bytes) => {
      // A copy: the range may be a view of a larger chunk, which the reader would otherwise keep alive.
      this.docDictionary = bytes.slice();
    });
  }

  /**
   * Requests the stored paragraphs with these docs; the index pages of those
   * not cached must be loaded. Those decoded are cached for pages shown
   * again, unless `cache` is false (a text check over many hits, which would
   * flush the pages out).
   */
  storedParagraphs(batch: ReadBatch, docs: Iterable<number>, cache = true): Promise<Map<number, StoredParagraph>> {
    const out = new Map<number, StoredParagraph>();
    const wanted = this.blockRequests(batch, this.uncachedDocs(docs, out));
    if (wanted.length === 0) return Promise.resolve(out);
    return Promise.all(
      wanted.map(async ([doc, ref, block]) => {
        const paragraph = (await block).paragraph(doc - ref.firstDoc);
        if (!paragraph) throw new IndexUnavailableError(`the stored block of doc ${doc} is damaged`);
        if (cache) this.caches.paragraphs.set(this.paragraphKey(doc), paragraph);
        out.set(doc, paragraph);
      }),
    ).then(() => out);
  }

  /**
   * Reads the stored blocks of these docs, unless their paragraphs or blocks
   * are cached, without inflating them: a candidate for the page costs its
   * bytes in this wave, and its inflation only if it is shown (the bytes wait
   * in the range cache). The index pages of these docs must be loaded.
   */
  fetchStoredBlocks(batch: ReadBatch, docs: Iterable<number>): Promise<void> {
    const reads = new Map<number, Promise<Uint8Array>>();
    for (const doc of this.uncachedDocs(docs)) {
      const ref = this.blockRef(doc);
      if (reads.has(ref.offset) || this.caches.stored.get(this.blockKey(ref))) continue;
      reads.set(ref.offset, batch.add(this.blockRange(ref), ref.crc));
    }
    return Promise.all(reads.values()).then(() => undefined);
  }

  /** The docs whose paragraphs are not cached; the cached ones go to `found`. */
  private uncachedDocs(docs: Iterable<number>, found?: Map<number, StoredParagraph>): number[] {
    const out: number[] = [];
    for (const doc of docs) {
      const cached = this.caches.paragraphs.get(this.paragraphKey(doc));
      if (cached === undefined) out.push(doc);
      else found?.set(doc, cached);
    }
    return out;
  }

  private paragraphKey(doc: number): string {
    return `${this.meta.id}@p${doc}`;
  }

  /** Each doc with its block's entry in the index page and the block (one request per block). */
  private blockRequests(batch: ReadBatch, docs: Iterable<number>): Array<[number, DocBlockRef, Promise<StoredBlock>]> {
    const blocks = new Map<number, Promise<StoredBlock>>();
    const out: Array<[number, DocBlockRef, Promise<StoredBlock>]> = [];
    for (const doc of docs) {
      const ref = this.blockRef(doc);
      let block = blocks.get(ref.offset);
      if (!block) blocks.set(ref.offset, (block = this.storedBlock(batch, ref)));
      out.push([doc, ref, block]);
    }
    return out;
  }

  /** The entry of a doc's stored block in its index page (which must be loaded). */
  private blockRef(doc: number): DocBlockRef {
    const refs = this.pages.get(this.pageOf(doc));
    if (!refs) throw new Error('stored-block index page not loaded');
    const ref = refs[upperBoundBy(refs.length, (i) => refs[i]!.firstDoc, doc) - 1];
    if (!ref) throw new IndexUnavailableError(`doc ${doc} lies before the first stored block of its index page`);
    return ref;
  }

  private blockKey(ref: DocBlockRef): string {
    return `${this.meta.id}@${ref.offset}`;
  }

  private blockRange(ref: DocBlockRef): ByteRange {
    return { file: this.file('docs'), offset: ref.offset, length: ref.length };
  }

  private storedBlock(batch: ReadBatch, ref: DocBlockRef): Promise<StoredBlock> {
    const key = this.blockKey(ref);
    const cached = this.caches.stored.get(key);
    if (cached) return Promise.resolve(cached);
    return batch
      .add(this.blockRange(ref), ref.crc)
      .then((bytes) => this.compression.inflate(bytes, this.docDictionary!))
      .then((raw) => {
        const block = new StoredBlock(raw);
        this.caches.stored.set(key, block);
        return block;
      });
  }

  // ── Article boundaries and dates ──────────────────────────────────────────

  /** The article boundaries of the whole segment (every page of the bitmap), for grouping by article. */
  async articleBoundaries(batch: ReadBatch): Promise<ArticleBoundaries> {
    const pages = this.meta.articleStarts.crcs.map((_, p) => this.articlePage(batch, p));
    return new ArticleBoundaries(await Promise.all(pages), this.meta.articleStarts.open, this.meta.articleStarts.before);
  }

  /** The segment's facet values (`category:Politik`, …), by id. */
  facetValues(batch: ReadBatch): Promise<string[]> {
    const f = this.meta.facets;
    return batch.add({ file: this.file('facets'), offset: 0, length: f.valuesLength }, f.valuesCrc).then(decodeFacetValues);
  }

  /** The facet value ids of the given articles (by ordinal), reading the pages that hold them. */
  facetIds(batch: ReadBatch, articles: Iterable<number>): Promise<Map<number, number[]>> {
    const f = this.meta.facets;
    const pages = new Map<number, Promise<number[][]>>();
    const wanted: number[] = [];
    for (const a of articles) {
      const p = Math.floor(a / FACET_PAGE_ARTICLES);
      if (p >= f.pageEnds.length) continue;
      wanted.push(a);
      if (!pages.has(p)) {
        const offset = p === 0 ? f.valuesLength : f.pageEnds[p - 1]!;
        pages.set(p, batch.add({ file: this.file('facets'), offset, length: f.pageEnds[p]! - offset }, f.pageCrcs[p]!).then(decodeFacetPage));
      }
    }
    return Promise.all(
      wanted.map(async (a) => [a, (await pages.get(Math.floor(a / FACET_PAGE_ARTICLES))!)[a % FACET_PAGE_ARTICLES] ?? []] as const),
    ).then((pairs) => new Map(pairs));
  }

  private articlePage(batch: ReadBatch, p: number): Promise<Uint8Array> {
    const pageBytes = ARTICLE_PAGE_DOCS / 8;
    const offset = p * pageBytes;
    const length = Math.min(this.meta.files.articles - offset, pageBytes);
    return batch.add({ file: this.file('articles'), offset, length }, this.meta.articleStarts.crcs[p]!);
  }

  /** The day (YYYY-MM-DD) of a doc's article, or null. */
  dayOf(doc: number): string | null {
    const { days, first, undatedFrom } = this.meta.dates;
    if (doc >= undatedFrom) return null;
    const i = upperBound(first, doc) - 1;
    return i >= 0 ? days[i]! : null;
  }

  /**
   * Docs whose day lies in [from, to] (inclusive prefixes like `2024-11`;
   * null for open ends), as a doc range [start, end): days are newest first.
   */
  docsBetween(from: string | null, to: string | null): [number, number] {
    const { days, first, undatedFrom } = this.meta.dates;
    // Newest first: the range starts at the first day ≤ to and ends after the last day ≥ from.
    let startDay = 0;
    while (startDay < days.length && to !== null && days[startDay]!.slice(0, to.length) > to) startDay++;
    let endDay = startDay;
    while (endDay < days.length && (from === null || days[endDay]!.slice(0, from.length) >= from)) endDay++;
    const start = startDay < days.length ? first[startDay]! : undatedFrom;
    const end = endDay < days.length ? first[endDay]! : undatedFrom;
    return [start, Math.max(start, end)];
  }
}

/** The article-boundary bitmap: which paragraph starts each article. */
export class ArticleBoundaries {
  /** Per page, the article starts before each 32-doc word (built when first asked). */
  private readonly ranks: Array<Int32Array | undefined> = [];

  constructor(
    private readonly pages: readonly Uint8Array[],
    private readonly open: readonly number[],
    /** Per page, how many articles start before it. */
    private readonly before: readonly number[] = [],
  ) {}

  /** The number of the article that `doc` belongs to (0 for the segment's first). */
  ordinalOf(doc: number): number {
    const p = Math.floor(doc / ARTICLE_PAGE_DOCS);
    const bits = this.pages[p];
    if (!bits) return 0;
    let ranks = this.ranks[p];
    if (!ranks) {
      ranks = new Int32Array(Math.ceil(bits.length / 4) + 1);
      for (let w = 0; w * 4 < bits.length; w++) {
        let n = 0;
        for (let b = w * 4; b < Math.min(bits.length, w * 4 + 4); b++) n += popcount8(bits[b]!);
        ranks[w + 1] = ranks[w]! + n;
      }
      this.ranks[p] = ranks;
    }
    const i = doc - p * ARTICLE_PAGE_DOCS;
    const w = i >>> 5;
    let n = ranks[w]!;
    for (let d = w * 32; d <= i; d++) if (bits[d >>> 3]! & (1 << (d & 7))) n++;
    return (this.before[p] ?? 0) + n - 1;
  }

  /** The first paragraph of the article that `doc` belongs to. */
  startOf(doc: number): number {
    const p = Math.floor(doc / ARTICLE_PAGE_DOCS);
    const bits = this.pages[p];
    if (!bits) return 0;
    const base = p * ARTICLE_PAGE_DOCS;
    for (let i = doc - base; i >= 0; i--) if (bits[i >>> 3]! & (1 << (i & 7))) return base + i;
    return this.open[p] ?? 0;
  }
}

function noop(): void {}

function popcount8(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

/** Index of the first element > x in an ascending array. */
export function upperBound(sorted: ArrayLike<number>, x: number): number {
  return upperBoundBy(sorted.length, (i) => sorted[i]!, x);
}

/** Index of the first of `n` ascending values (the i-th is `at(i)`) that is > x. */
function upperBoundBy(n: number, at: (i: number) => number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(mid) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

