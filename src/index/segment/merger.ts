import { ByteReader, FormatError } from '../codec/bytes';
import { crc32 } from '../codec/crc32';
import type { Compression } from '../codec/deflate';
import { skipOccurrences } from '../codec/positions';
import { BLOCK_SIZE, decodeBlock, newDecodedBlock } from '../codec/postings';
import { countShort, DEFAULT_LAYOUT, encodeArticleStarts, encodeDocs, newShortLengths, type SegmentLayout } from './builder';
import { DictionaryBlock, type ListInfo } from './dictionary';
import { decodeDocIndexPage, DocBlockWriter, StoredBlock, type StoredArticle } from './doc-store';
import { FacetWriter, facetValues } from './facets';
import type { SegmentData, SegmentMeta } from './meta';
import { FIELD, FIELD_COUNT, isArticleField, POSITIONAL_FIELDS, type SegmentFile } from './schema';
import { TermsWriter, type ListColumns } from './terms-writer';

/** A segment to merge: its meta, its files' bytes, and the docs deleted from it. */
export interface MergeInput {
  meta: SegmentMeta;
  files: Record<SegmentFile, Uint8Array>;
  deleted: ReadonlySet<number> | null;
}

/**
 * Merges segments into one, Lucene-style, dropping deleted articles: docs
 * are renumbered newest first across all inputs (each input is already
 * newest first, so every input's docs keep their order and postings stay
 * sorted), the dictionaries are merged term by term, postings and positions
 * are copied under the new numbers, and stored paragraphs are rewritten.
 * Nothing is analysed again.
 */
export async function mergeSegments(inputs: readonly MergeInput[], compression: Compression, layout: Partial<SegmentLayout> = {}): Promise<SegmentData> {
  const opts = { ...DEFAULT_LAYOUT, ...layout };
  const stored = await Promise.all(inputs.map((input) => storedArticles(input, compression)));

  // New doc numbers: articles newest first across inputs (ties keep input order); deleted articles dropped.
  const maps = inputs.map((input) => new Int32Array(input.meta.docs).fill(-1));
  const order: Array<{ input: number; article: StoredArticle }> = [];
  const cursors = inputs.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < inputs.length; i++) {
      const a = stored[i]![cursors[i]!];
      if (!a) continue;
      const b = best < 0 ? undefined : stored[best]![cursors[best]!];
      if (!b || newer(a.article.date, b.article.date)) best = i;
    }
    if (best < 0) break;
    const { article, deleted } = stored[best]![cursors[best]!++]!;
    if (!deleted) order.push({ input: best, article });
  }
  let docs = 0;
  for (const { input, article } of order) {
    for (let p = 0; p < article.count; p++) maps[input]![article.first + p] = docs++;
  }

  const terms = new TermsWriter(opts.dictBlockBytes, opts.inlineBytes);
  const lengthSums = new Array<number>(FIELD_COUNT).fill(0);
  // Each paragraph's length per field, as far as shortLengths needs it (saturating: only short lengths are counted).
  const lengths = Array.from({ length: FIELD_COUNT }, (_, f) => (f === FIELD.meta ? null : new Uint8Array(docs)));
  const dictionaries = inputs.map((input) => new DictionaryCursor(input));
  for (;;) {
    let term: string | null = null;
    for (const d of dictionaries) if (d.term !== null && (term === null || d.term < term)) term = d.term;
    if (term === null) break;
    const here = dictionaries.map((d, i) => (d.term === term ? i : -1)).filter((i) => i >= 0);
    let display: string | null = null;
    const lists: ListColumns[] = [];
    for (let field = 0; field < FIELD_COUNT; field++) {
      const parts: Array<{ input: number; info: ListInfo }> = [];
      for (const i of here) {
        const entry = dictionaries[i]!.entry();
        display ??= entry.display;
        const info = entry.lists.find((l) => l.field === field);
        if (info) parts.push({ input: i, info });
      }
      if (parts.length === 0) continue;
      const list = mergeList(field, parts, inputs, maps);
      if (list.docs.length === 0) continue;
      // A field's length is its unique terms: each posting adds one to its doc, a title posting one to each paragraph it spans.
      if (field !== FIELD.meta) for (let i = 0; i < list.docs.length; i++) lengthSums[field]! += list.spans ? list.spans[i]! : 1;
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

  const docBlocks = await rewriteStored(order, inputs, compression, opts);
  const encoded = await encodeDocs(docBlocks, compression, opts.docIndexPageBlocks);
  const starts: number[] = [];
  const days: string[] = [];
  const dayFirst: number[] = [];
  let undatedFrom = -1;
  let doc = 0;
  for (const { article } of order) {
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
  for (const { article } of order) facetWriter.add(facetValues(article));
  const facets = facetWriter.finish();
  return {
    meta: {
      docs,
      articles: order.length,
      lengthSums,
      shortLengths,
      files: {
        terms: terms.dict.length,
        postings: terms.postings.length,
        positions: terms.positions.length,
        docs: encoded.bytes.length,
        docindex: encoded.indexBytes.length,
        articles: articleStarts.bytes.length,
        facets: facets.bytes.length,
      },
      dict: terms.index,
      docIndex: encoded.index,
      articleStarts: articleStarts.meta,
      facets: facets.meta,
      dates: { days, first: dayFirst, undatedFrom: undatedFrom < 0 ? docs : undatedFrom },
      counts: { terms: terms.terms, postings: terms.postingCounts },
    },
    files: {
      terms: terms.dict.finish(),
      postings: terms.postings.finish(),
      positions: terms.positions.finish(),
      docs: encoded.bytes,
      docindex: encoded.indexBytes,
      articles: articleStarts.bytes,
      facets: facets.bytes,
    },
  };
}

/** Newer date first; undated last. */
function newer(a: string | null, b: string | null): boolean {
  if (a === b || a === null) return false;
  if (b === null) return true;
  return a > b;
}

/** The articles of a segment in doc order, and whether each is deleted (all of its paragraphs are). */
async function storedArticles(input: MergeInput, compression: Compression): Promise<Array<{ article: StoredArticle; deleted: boolean }>> {
  const out: Array<{ article: StoredArticle; deleted: boolean }> = [];
  let last: StoredArticle | null = null;
  for await (const block of storedBlocks(input, compression)) {
    for (let i = 0; i < block.count; i++) {
      const { article } = block.paragraph(i)!;
      if (last && article.id === last.id && article.first === last.first) continue;
      last = article;
      const deleted = input.deleted !== null && input.deleted.has(article.first);
      out.push({ article, deleted });
    }
  }
  return out;
}

/** The stored blocks of a segment in order, inflated and checked. */
async function* storedBlocks(input: MergeInput, compression: Compression): AsyncGenerator<StoredBlock & { firstDoc: number }> {
  const { docIndex } = input.meta;
  for (let p = 0; p < docIndex.ends.length; p++) {
    const from = p === 0 ? 0 : docIndex.ends[p - 1]!;
    const page = checked(input.files.docindex, from, docIndex.ends[p]!, docIndex.crcs[p]!, 'stored-block index');
    for (const ref of decodeDocIndexPage(page)) {
      const bytes = checked(input.files.docs, ref.offset, ref.offset + ref.length, ref.crc, 'stored block');
      yield Object.assign(new StoredBlock(await compression.inflate(bytes)), { firstDoc: ref.firstDoc });
    }
  }
}

/** The new stored blocks: each merged article's paragraphs, read from its input in order. */
async function rewriteStored(
  order: ReadonlyArray<{ input: number; article: StoredArticle }>,
  inputs: readonly MergeInput[],
  compression: Compression,
  layout: SegmentLayout,
): Promise<Array<{ firstDoc: number; raw: Uint8Array }>> {
  const readers = inputs.map((input) => new StoredReader(storedBlocks(input, compression)));
  const blocks: Array<{ firstDoc: number; raw: Uint8Array }> = [];
  let writer = new DocBlockWriter(0);
  let doc = 0;
  for (const { input, article } of order) {
    const renumbered: StoredArticle = { ...article, first: doc };
    for (let p = 0; p < article.count; p++) {
      const text = await readers[input]!.text(article.first + p);
      if (writer.size >= layout.docBlockBytes) {
        blocks.push({ firstDoc: writer.firstDoc, raw: writer.encode() });
        writer = new DocBlockWriter(doc);
      }
      writer.add(renumbered, text);
      doc++;
    }
  }
  if (writer.docCount > 0) blocks.push({ firstDoc: writer.firstDoc, raw: writer.encode() });
  return blocks;
}

/** Stored paragraphs of one input, read forward only (merged order keeps each input's order). */
class StoredReader {
  private block: (StoredBlock & { firstDoc: number }) | null = null;
  constructor(private readonly blocks: AsyncGenerator<StoredBlock & { firstDoc: number }>) {}

  async text(doc: number): Promise<string | null> {
    while (!this.block || doc >= this.block.firstDoc + this.block.count) {
      const next = await this.blocks.next();
      if (next.done) throw new FormatError(`stored paragraph ${doc} is missing`);
      this.block = next.value;
    }
    const p = this.block.paragraph(doc - this.block.firstDoc);
    if (!p) throw new FormatError(`stored paragraph ${doc} is missing`);
    return p.text;
  }
}

/** Walks a segment's dictionary term by term. */
class DictionaryCursor {
  private blockIndex = -1;
  private block: DictionaryBlock | null = null;
  private i = 0;
  term: string | null = null;

  constructor(private readonly input: MergeInput) {
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
    this.block = new DictionaryBlock(checked(this.input.files.terms, from, dict.ends[b]!, dict.crcs[b]!, 'dictionary block'), POSITIONAL_FIELDS);
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

/** One field's postings of a term from several inputs, renumbered and in new doc order, deleted docs dropped. */
function mergeList(field: number, parts: ReadonlyArray<{ input: number; info: ListInfo }>, inputs: readonly MergeInput[], maps: readonly Int32Array[]): ListColumns {
  const spans = isArticleField(field);
  const positional = POSITIONAL_FIELDS.has(field);
  const postings: Array<{ doc: number; tf: number; norm: number; span: number; positions: Uint8Array | null }> = [];
  const block = newDecodedBlock();
  for (const { input, info } of parts) {
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
      for (let i = 0; i < count; i++) {
        let own: Uint8Array | null = null;
        if (reader) {
          const start = reader.pos;
          skipOccurrences(reader, block.tfs[i]!);
          own = positions!.subarray(start, reader.pos);
        }
        const doc = map[block.docs[i]!]!;
        if (doc < 0) continue;
        postings.push({ doc, tf: block.tfs[i]!, norm: block.norms[i]!, span: block.spans[i]!, positions: own });
      }
    }
  }
  postings.sort((a, b) => a.doc - b.doc);
  return {
    field,
    docs: postings.map((p) => p.doc),
    tfs: postings.map((p) => p.tf),
    norms: postings.map((p) => p.norm),
    spans: spans ? postings.map((p) => p.span) : null,
    positions: positional ? postings.map((p) => p.positions!) : null,
  };
}

function checked(file: Uint8Array, from: number, to: number, crc: number, what: string): Uint8Array {
  const bytes = file.subarray(from, to);
  if (bytes.length !== to - from || crc32(bytes) !== crc) throw new FormatError(`${what} at ${from} is damaged (checksum mismatch)`);
  return bytes;
}
