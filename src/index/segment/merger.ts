import { ByteReader, FormatError } from '../codec/bytes';
import { crc32 } from '../codec/crc32';
import type { Compression } from '../codec/deflate';
import { skipOccurrences } from '../codec/positions';
import { BLOCK_SIZE, decodeBlock, newDecodedBlock } from '../codec/postings';
import { countShort, DEFAULT_LAYOUT, encodeArticleStarts, newShortLengths, type SegmentLayout } from './builder';
import { DictionaryBlock, type ListInfo, type TermEntry } from './dictionary';
import { BlockSampler, chooseDictionary } from '../codec/preset-dictionary';
import { decodeDocIndexPage, DocBlockWriter, StoredBlock, StoredFileWriter, type DocBlockRef, type StoredArticle, type StoredParagraph } from './doc-store';
import { FacetWriter, facetValues } from './facets';
import type { SegmentData, SegmentMeta } from './meta';
import { FIELD, FIELD_COUNT, isArticleField, type SegmentFile } from './schema';
import { TermsWriter, type ListColumns, type PositionsColumn } from './terms-writer';

/** A segment to merge: its meta, its files' bytes, and the docs deleted from it. */
export interface MergeInput {
  meta: SegmentMeta;
  files: Record<SegmentFile, Uint8Array>;
  deleted: ReadonlySet<number> | null;
}

/** What each part of a merge reads of an input: ordering and stored text need its stored files, postings its dictionary, postings and positions. */
export type StoredInput = Pick<MergeInput, 'meta' | 'deleted'> & { files: Pick<MergeInput['files'], 'docs' | 'docindex'> };
export type PostingsInput = Pick<MergeInput, 'meta'> & { files: Record<'terms' | 'postings' | 'positions', InputBytes> };

/**
 * An input file of the postings merge: whole in memory, or read forward on
 * demand (indexer/segment-files.ts, ForwardFile). The merge asks each file
 * for ranges in ascending order (terms, and their lists, come in order), so
 * a reader need keep nothing before the last range asked for.
 */
export type InputBytes = Uint8Array | { range(from: number, to: number): Uint8Array };

/** An article of an input as a merge orders it: its date, first paragraph and paragraph count, and whether it is dropped. */
export interface ArticleSpan {
  date: string | null;
  first: number;
  count: number;
  deleted: boolean;
}

/** The merged doc order: the surviving articles newest first (by input and first paragraph there), and per input its old doc → new doc (-1 for dropped). */
export interface MergeOrder {
  order: Array<{ input: number; first: number; count: number }>;
  maps: Int32Array[];
  docs: number;
}

/** The merged dictionary, postings and positions. */
export interface MergedPostings {
  lengthSums: number[];
  shortLengths: number[][];
  positional: number[];
  dict: SegmentMeta['dict'];
  counts: SegmentMeta['counts'];
  files: { terms: Uint8Array; postings: Uint8Array; positions: Uint8Array };
}

/** The merged stored paragraphs and what follows from the article order (boundaries, facets, dates). */
export interface MergedStored {
  docIndex: SegmentMeta['docIndex'];
  docDictionary: SegmentMeta['docDictionary'];
  articleStarts: SegmentMeta['articleStarts'];
  facets: SegmentMeta['facets'];
  dates: SegmentMeta['dates'];
  files: { docs: Uint8Array; docindex: Uint8Array; articles: Uint8Array; facets: Uint8Array };
}

/**
 * Merges segments into one, Lucene-style, dropping deleted articles: docs
 * are renumbered newest first across all inputs (each input is already
 * newest first, so every input's docs keep their order and postings stay
 * sorted), the dictionaries are merged term by term, postings and positions
 * are copied under the new numbers, and stored paragraphs are rewritten.
 * Nothing is analysed again. The three steps are exported apart so a caller
 * with threads can rewrite the stored paragraphs on one while another merges
 * the postings (the indexer does).
 */
export async function mergeSegments(inputs: readonly MergeInput[], compression: Compression, layout: Partial<SegmentLayout> = {}): Promise<SegmentData> {
  const order = mergeOrder(
    await Promise.all(inputs.map((input) => articleSpans(input, compression))),
    inputs.map((input) => input.meta.docs),
  );
  const postings = mergePostings(inputs, order, layout);
  const stored = await mergeStored(inputs, order, compression, layout);
  return mergedSegment(order, postings, stored);
}

/** The merged segment from its parts. */
export function mergedSegment(order: MergeOrder, postings: MergedPostings, stored: MergedStored): SegmentData {
  return {
    meta: {
      docs: order.docs,
      articles: order.order.length,
      lengthSums: postings.lengthSums,
      shortLengths: postings.shortLengths,
      positional: postings.positional,
      files: {
        terms: postings.files.terms.length,
        postings: postings.files.postings.length,
        positions: postings.files.positions.length,
        docs: stored.files.docs.length,
        docindex: stored.files.docindex.length,
        articles: stored.files.articles.length,
        facets: stored.files.facets.length,
      },
      dict: postings.dict,
      docIndex: stored.docIndex,
      docDictionary: stored.docDictionary,
      articleStarts: stored.articleStarts,
      facets: stored.facets,
      dates: stored.dates,
      counts: postings.counts,
    },
    files: { ...postings.files, ...stored.files },
  };
}

/** New doc numbers from each input's articles in doc order: articles newest first across inputs (ties keep input order); deleted articles dropped. */
export function mergeOrder(articles: ReadonlyArray<readonly ArticleSpan[]>, docCounts: readonly number[]): MergeOrder {
  const maps = docCounts.map((docs) => new Int32Array(docs).fill(-1));
  const order: MergeOrder['order'] = [];
  const cursors = articles.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < articles.length; i++) {
      const a = articles[i]![cursors[i]!];
      if (!a) continue;
      const b = best < 0 ? undefined : articles[best]![cursors[best]!];
      if (!b || newer(a.date, b.date)) best = i;
    }
    if (best < 0) break;
    const { first, count, deleted } = articles[best]![cursors[best]!++]!;
    if (!deleted) order.push({ input: best, first, count });
  }
  let docs = 0;
  for (const { input, first, count } of order) {
    for (let p = 0; p < count; p++) maps[input]![first + p] = docs++;
  }
  return { order, maps, docs };
}

/** Merges the dictionaries term by term, with each term's postings renumbered by the order's `maps` (see mergeOrder). */
export function mergePostings(
  inputs: readonly PostingsInput[],
  { maps, docs }: Pick<MergeOrder, 'maps' | 'docs'>,
  layout: Partial<SegmentLayout> = {},
): MergedPostings {
  const opts = { ...DEFAULT_LAYOUT, ...layout };
  // Segments of one index are built with one analysis, so their lists have positions in the same fields.
  const positional = inputs[0]?.meta.positional ?? [];
  for (const input of inputs) {
    if (input.meta.positional.join() !== positional.join()) throw new Error(`segments with positions in different fields cannot be merged (${positional.join()} and ${input.meta.positional.join()})`);
  }
  const positionalSet = new Set(positional);
  // The merged files are about the size of the inputs' together: sized so, the writers need not grow by copying.
  const sum = (f: 'terms' | 'postings' | 'positions') => inputs.reduce((n, i) => n + i.meta.files[f], 0);
  const terms = new TermsWriter(opts.dictBlockBytes, opts.inlineBytes, positionalSet, {
    dict: Math.ceil(sum('terms') * 0.8),
    postings: Math.ceil(sum('postings') * 1.05),
    positions: sum('positions'),
  });
  const lengthSums = new Array<number>(FIELD_COUNT).fill(0);
  // Each paragraph's length per field, as far as shortLengths needs it (saturating: only short lengths are counted).
  const lengths = Array.from({ length: FIELD_COUNT }, (_, f) => (f === FIELD.meta ? null : new Uint8Array(docs)));
  const dictionaries = inputs.map((input) => new DictionaryCursor(input, positionalSet));
  const scratch = new ListScratch();
  const here: number[] = [];
  const entries: TermEntry[] = [];
  const parts: Array<{ input: number; info: ListInfo }> = [];
  for (;;) {
    let term: string | null = null;
    for (const d of dictionaries) if (d.term !== null && (term === null || d.term < term)) term = d.term;
    if (term === null) break;
    here.length = 0;
    entries.length = 0;
    for (let i = 0; i < dictionaries.length; i++) {
      if (dictionaries[i]!.term !== term) continue;
      here.push(i);
      entries.push(dictionaries[i]!.entry());
    }
    // How the text writes the term: as the input that holds its newest occurrence writes it (a single build takes
    // the first occurrence, newest first). Null from that input means "as the term", not "unknown".
    let display: string | null = null;
    const lists: ListColumns[] = [];
    for (let field = 0; field < FIELD_COUNT; field++) {
      parts.length = 0;
      for (let k = 0; k < here.length; k++) {
        for (const info of entries[k]!.lists) if (info.field === field) parts.push({ input: here[k]!, info });
      }
      if (parts.length === 0) continue;
      const list = mergeList(field, positionalSet.has(field), parts, inputs, maps, scratch);
      if (list.docs.length === 0) continue;
      if (field === FIELD.text) display = entries[here.indexOf(scratch.newestInput)]!.display;
      // A field's length is its unique terms: each posting adds one to its doc, a title posting one to each paragraph it spans.
      if (field !== FIELD.meta) {
        if (list.spans) for (let i = 0; i < list.docs.length; i++) lengthSums[field]! += list.spans[i]!;
        else lengthSums[field]! += list.docs.length;
      }
      const counted = lengths[field];
      if (counted) {
        for (let i = 0; i < list.docs.length; i++) {
          const from = list.docs[i]!;
          const to = from + (list.spans ? list.spans[i]! : 1);
          for (let doc = from; doc < to; doc++) if (counted[doc]! < 255) counted[doc]!++;
        }
      }
      lists.push(list);
    }
    if (lists.length > 0) terms.add(term, display, lists);
    for (const i of here) dictionaries[i]!.next();
  }
  terms.finish();
  const shortLengths = newShortLengths();
  lengths.forEach((counted, field) => counted?.forEach((length) => countShort(shortLengths, field, length, 1)));
  return {
    lengthSums,
    shortLengths,
    positional,
    dict: terms.index,
    counts: { terms: terms.terms, postings: terms.postingCounts },
    files: { terms: terms.dict.detach(), postings: terms.postings.detach(), positions: terms.positions.detach() },
  };
}

/**
 * Rewrites the stored paragraphs in the merged order, compressing each block
 * as it is cut (the merge never holds more than one uncompressed), and the
 * structures that follow the article order: boundaries, facets, dates.
 */
export async function mergeStored(
  inputs: readonly StoredInput[],
  merged: Pick<MergeOrder, 'order' | 'docs'>,
  compression: Compression,
  layout: Partial<SegmentLayout> = {},
): Promise<MergedStored> {
  const opts = { ...DEFAULT_LAYOUT, ...layout };
  const { order, docs } = merged;
  const { encoded, articles } = await rewriteStored(order, inputs, compression, opts);
  const starts: number[] = [];
  const days: string[] = [];
  const dayFirst: number[] = [];
  let undatedFrom = -1;
  let doc = 0;
  for (const article of articles) {
    starts.push(doc);
    if (article.date === null) {
      if (undatedFrom < 0) undatedFrom = doc;
    } else {
      const day = article.date.slice(0, 10);
      if (days[days.length - 1] !== day) {
        days.push(day);
        dayFirst.push(doc);
      }
    }
    doc += article.count;
  }
  const articleStarts = encodeArticleStarts(starts, docs);
  const facetWriter = new FacetWriter();
  for (const article of articles) facetWriter.add(facetValues(article));
  const facets = facetWriter.finish();
  return {
    docIndex: encoded.index,
    docDictionary: encoded.dictionary,
    articleStarts: articleStarts.meta,
    facets: facets.meta,
    dates: { days, first: dayFirst, undatedFrom: undatedFrom < 0 ? docs : undatedFrom },
    files: { docs: encoded.bytes, docindex: encoded.indexBytes, articles: articleStarts.bytes, facets: facets.bytes },
  };
}

/** Newer date first; undated last. */
function newer(a: string | null, b: string | null): boolean {
  if (a === b || a === null) return false;
  if (b === null) return true;
  return a > b;
}

/** The articles of a segment in doc order, and whether each is deleted (all of its paragraphs are). */
export async function articleSpans(input: StoredInput, compression: Compression): Promise<ArticleSpan[]> {
  const out: ArticleSpan[] = [];
  let last: StoredArticle | null = null;
  for await (const block of storedBlocks(input, compression)) {
    for (let i = 0; i < block.count; i++) {
      const article = block.articleOf(i);
      if (last && article.id === last.id && article.first === last.first) continue;
      last = article;
      const deleted = input.deleted !== null && input.deleted.has(article.first);
      out.push({ date: article.date, first: article.first, count: article.count, deleted });
    }
  }
  return out;
}

/** The stored blocks of a segment in order, inflated and checked. */
async function* storedBlocks(input: StoredInput, compression: Compression): AsyncGenerator<StoredBlock & { firstDoc: number }> {
  const dictionary = storedDictionary(input);
  for (const ref of storedBlockRefs(input)) {
    const bytes = checked(input.files.docs, ref.offset, ref.offset + ref.length, ref.crc, 'stored block');
    yield Object.assign(new StoredBlock(await compression.inflate(bytes, dictionary)), { firstDoc: ref.firstDoc });
  }
}

/** Where a segment's stored blocks are, from its checked index pages. */
function storedBlockRefs(input: StoredInput): DocBlockRef[] {
  const { docIndex } = input.meta;
  const refs: DocBlockRef[] = [];
  for (let p = 0; p < docIndex.ends.length; p++) {
    const from = p === 0 ? 0 : docIndex.ends[p - 1]!;
    refs.push(...decodeDocIndexPage(checked(input.files.docindex, from, docIndex.ends[p]!, docIndex.crcs[p]!, 'stored-block index')));
  }
  return refs;
}

/** A segment's preset dictionary for its stored blocks, checked (empty: none). */
function storedDictionary(input: StoredInput): Uint8Array {
  const { length, crc } = input.meta.docDictionary;
  return checked(input.files.docs, 0, length, crc, 'stored-text dictionary');
}

/**
 * The new stored blocks: each merged article's paragraphs, read from its
 * input in order, compressed as each block is cut; and the merged articles.
 * The blocks are cut twice: once to sample them for the preset dictionary
 * (which must exist before the first block is compressed), then to compress
 * them, so the merge never holds more than one uncompressed block beside
 * the samples.
 */
async function rewriteStored(
  order: MergeOrder['order'],
  inputs: readonly StoredInput[],
  compression: Compression,
  layout: SegmentLayout,
): Promise<{ encoded: ReturnType<StoredFileWriter['finish']>; articles: StoredArticle[] }> {
  const sampler = new BlockSampler(layout.docBlockBytes);
  for await (const block of mergedBlocks(order, inputs, compression, layout, [])) sampler.add(block.raw);
  const dictionary = await chooseDictionary(sampler, layout.docDictionaryBytes, compression);
  const out = new StoredFileWriter(Math.ceil(inputs.reduce((n, i) => n + i.meta.files.docs, 0) * 1.02), dictionary);
  const articles: StoredArticle[] = [];
  for await (const block of mergedBlocks(order, inputs, compression, layout, articles)) out.add(block.firstDoc, await compression.deflate(block.raw, dictionary));
  return { encoded: out.finish(layout.docIndexPageBlocks), articles };
}

/** The merged stored blocks, uncompressed, in order; the merged articles are pushed to `articles` as they come. */
async function* mergedBlocks(
  order: MergeOrder['order'],
  inputs: readonly StoredInput[],
  compression: Compression,
  layout: SegmentLayout,
  articles: StoredArticle[],
): AsyncGenerator<{ firstDoc: number; raw: Uint8Array }> {
  const readers = inputs.map((input) => new StoredReader(storedBlocks(input, compression)));
  let writer = new DocBlockWriter(0);
  let doc = 0;
  for (const { input, first, count } of order) {
    let renumbered: StoredArticle | null = null;
    for (let p = 0; p < count; p++) {
      const paragraph = await readers[input]!.paragraph(first + p);
      if (renumbered === null) {
        if (paragraph.article.first !== first || paragraph.article.count !== count) throw new FormatError(`stored paragraph ${first} is not its article's first`);
        renumbered = { ...paragraph.article, first: doc };
        articles.push(renumbered);
      }
      if (writer.size >= layout.docBlockBytes) {
        yield { firstDoc: writer.firstDoc, raw: writer.encode() };
        writer = new DocBlockWriter(doc);
      }
      writer.add(renumbered, paragraph.text);
      doc++;
    }
  }
  if (writer.docCount > 0) yield { firstDoc: writer.firstDoc, raw: writer.encode() };
}

/** Stored paragraphs of one input, read forward only (merged order keeps each input's order). */
class StoredReader {
  private block: (StoredBlock & { firstDoc: number }) | null = null;
  constructor(private readonly blocks: AsyncGenerator<StoredBlock & { firstDoc: number }>) {}

  async paragraph(doc: number): Promise<StoredParagraph> {
    while (!this.block || doc >= this.block.firstDoc + this.block.count) {
      const next = await this.blocks.next();
      if (next.done) throw new FormatError(`stored paragraph ${doc} is missing`);
      this.block = next.value;
    }
    const p = this.block.paragraph(doc - this.block.firstDoc);
    if (!p) throw new FormatError(`stored paragraph ${doc} is missing`);
    return p;
  }
}

/** Walks a segment's dictionary term by term. */
class DictionaryCursor {
  private blockIndex = -1;
  private block: DictionaryBlock | null = null;
  private i = 0;
  term: string | null = null;

  constructor(
    private readonly input: PostingsInput,
    /** The fields with positions, which every input has (checked by the merge). */
    private readonly positional: ReadonlySet<number>,
  ) {
    this.loadBlock(0);
  }

  private loadBlock(b: number): void {
    const { dict } = this.input.meta;
    if (b >= dict.ends.length) {
      this.block = null;
      this.term = null;
      return;
    }
    const from = b === 0 ? 0 : dict.ends[b - 1]!;
    this.block = new DictionaryBlock(checked(this.input.files.terms, from, dict.ends[b]!, dict.crcs[b]!, 'dictionary block'), this.positional);
    this.blockIndex = b;
    this.i = 0;
    this.term = this.block.terms[0] ?? null;
    if (this.term === null) this.loadBlock(b + 1);
  }

  entry() {
    return this.block!.entry(this.i);
  }

  next(): void {
    if (!this.block) return;
    if (++this.i < this.block.terms.length) this.term = this.block.terms[this.i]!;
    else this.loadBlock(this.blockIndex + 1);
  }
}

/** Reused columns of one list being merged (a merge walks a million lists: allocating per list, or per posting, is what it would spend its time on). */
class ListScratch {
  readonly block = newDecodedBlock();
  docs = new Int32Array(1024);
  tfs = new Int32Array(1024);
  norms = new Int32Array(1024);
  spans = new Int32Array(1024);
  /** Per posting, where its occurrences are: in which source (a block's positions), from and to. */
  posSource = new Int32Array(1024);
  posFrom = new Int32Array(1024);
  posTo = new Int32Array(1024);
  readonly sources: Uint8Array[] = [];
  /** Where each part's postings start in the columns (parts are in input order, each sorted by new doc). */
  readonly partStarts: number[] = [];
  readonly heads: number[] = [];
  /** The input whose part holds the list's first doc (its newest occurrence), or -1 when the list is empty. */
  newestInput = -1;

  reserve(n: number): void {
    if (n <= this.docs.length) return;
    let capacity = this.docs.length * 2;
    while (capacity < n) capacity *= 2;
    this.docs = grown(this.docs, capacity);
    this.tfs = grown(this.tfs, capacity);
    this.norms = grown(this.norms, capacity);
    this.spans = grown(this.spans, capacity);
    this.posSource = grown(this.posSource, capacity);
    this.posFrom = grown(this.posFrom, capacity);
    this.posTo = grown(this.posTo, capacity);
  }
}

function grown(a: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}

/**
 * One field's postings of a term from several inputs, renumbered and in new
 * doc order, deleted docs dropped. Each input's part is already in new doc
 * order (renumbering keeps an input's order), so the parts are merged, not sorted.
 */
function mergeList(
  field: number,
  positional: boolean,
  parts: ReadonlyArray<{ input: number; info: ListInfo }>,
  inputs: readonly PostingsInput[],
  maps: readonly Int32Array[],
  scratch: ListScratch,
): ListColumns {
  const spans = isArticleField(field);
  const block = scratch.block;
  let total = 0;
  for (const { info } of parts) total += info.count;
  scratch.reserve(total);
  scratch.sources.length = 0;
  scratch.partStarts.length = 0;
  let n = 0;
  for (const { input, info } of parts) {
    scratch.partStarts.push(n);
    const files = inputs[input]!.files;
    const map = maps[input]!;
    const nBlocks = info.blocks ? info.blocks.length : 1;
    for (let b = 0; b < nBlocks; b++) {
      const count = info.blocks ? Math.min(BLOCK_SIZE, info.count - b * BLOCK_SIZE) : info.count;
      let bytes: Uint8Array;
      let positions: Uint8Array | null;
      let previous = -1;
      if (info.blocks) {
        const blk = info.blocks[b]!;
        bytes = checked(files.postings, blk.offset, blk.offset + blk.length, blk.crc, 'postings block');
        positions = positional ? checked(files.positions, blk.posOffset, blk.posOffset + blk.posLength, blk.posCrc, 'positions block') : null;
        previous = b === 0 ? -1 : info.blocks[b - 1]!.lastDoc;
      } else {
        bytes = info.inline!.postings;
        positions = positional ? info.inline!.positions : null;
      }
      decodeBlock(bytes, 0, count, previous, spans, block);
      const reader = positions ? new ByteReader(positions) : null;
      const source = scratch.sources.length;
      if (positions) scratch.sources.push(positions);
      for (let i = 0; i < count; i++) {
        const from = reader ? reader.pos : 0;
        if (reader) skipOccurrences(reader, block.tfs[i]!);
        const doc = map[block.docs[i]!]!;
        if (doc < 0) continue;
        scratch.docs[n] = doc;
        scratch.tfs[n] = block.tfs[i]!;
        scratch.norms[n] = block.norms[i]!;
        scratch.spans[n] = block.spans[i]!;
        if (reader) {
          scratch.posSource[n] = source;
          scratch.posFrom[n] = from;
          scratch.posTo[n] = reader.pos;
        }
        n++;
      }
    }
  }
  scratch.partStarts.push(n);
  // Each part's docs come in merged order (an input keeps its order in the merge): its first is its newest.
  scratch.newestInput = -1;
  for (let p = 0, newest = Infinity; p < parts.length; p++) {
    const first = scratch.partStarts[p]!;
    if (first < scratch.partStarts[p + 1]! && scratch.docs[first]! < newest) {
      newest = scratch.docs[first]!;
      scratch.newestInput = parts[p]!.input;
    }
  }

  // The merged order: k-way by doc over the parts (a doc is in one input only, so there are no ties).
  const order = new Int32Array(n);
  const ends = scratch.partStarts;
  const k = ends.length - 1;
  if (k === 1) {
    for (let i = 0; i < n; i++) order[i] = i;
  } else {
    const heads = scratch.heads;
    heads.length = 0;
    for (let p = 0; p < k; p++) heads.push(ends[p]!);
    for (let o = 0; o < n; o++) {
      let best = -1;
      let bestDoc = 0;
      for (let p = 0; p < k; p++) {
        const h = heads[p]!;
        if (h < ends[p + 1]! && (best < 0 || scratch.docs[h]! < bestDoc)) {
          best = p;
          bestDoc = scratch.docs[h]!;
        }
      }
      order[o] = heads[best]!++;
    }
  }
  const docs = new Int32Array(n);
  const tfs = new Int32Array(n);
  const norms = new Int32Array(n);
  const outSpans = spans ? new Int32Array(n) : null;
  for (let o = 0; o < n; o++) {
    const i = order[o]!;
    docs[o] = scratch.docs[i]!;
    tfs[o] = scratch.tfs[i]!;
    norms[o] = scratch.norms[i]!;
    if (outSpans) outSpans[o] = scratch.spans[i]!;
  }
  let positions: PositionsColumn | null = null;
  if (positional) {
    const offsets = new Int32Array(n + 1);
    for (let o = 0; o < n; o++) {
      const i = order[o]!;
      offsets[o + 1] = offsets[o]! + scratch.posTo[i]! - scratch.posFrom[i]!;
    }
    const bytes = new Uint8Array(offsets[n]!);
    let at = 0;
    for (let o = 0; o < n; o++) {
      const i = order[o]!;
      const source = scratch.sources[scratch.posSource[i]!]!;
      const to = scratch.posTo[i]!;
      for (let j = scratch.posFrom[i]!; j < to; j++) bytes[at++] = source[j]!;
    }
    positions = { bytes, offsets };
  }
  return { field, docs, tfs, norms, spans: outSpans, positions };
}

function checked(file: InputBytes, from: number, to: number, crc: number, what: string): Uint8Array {
  const bytes = file instanceof Uint8Array ? file.subarray(from, to) : file.range(from, to);
  if (bytes.length !== to - from || crc32(bytes) !== crc) throw new FormatError(`${what} at ${from} is damaged (checksum mismatch)`);
  return bytes;
}
