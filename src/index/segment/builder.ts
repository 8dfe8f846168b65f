import type { Analyzer } from '../../analysis/analyzer';
import type { Token } from '../../analysis/token';
import { tokenize } from '../../analysis/tokenizer';
import { WordPieces } from '../../analysis/word-spans';
import type { Article } from '../../corpus/article';
import { ByteWriter } from '../codec/bytes';
import { crc32 } from '../codec/crc32';
import type { Compression } from '../codec/deflate';
import { EXACT_NORM_LENGTHS, lengthToNorm } from '../codec/norms';
import { spanKind, writeOccurrence } from '../codec/positions';
import { BlockSampler, chooseDictionary } from '../codec/preset-dictionary';
import { DocBlockWriter, StoredFileWriter, type StoredArticle } from './doc-store';
import { FacetWriter, facetValues } from './facets';
import { GrowableInt32 } from './growable';
import type { ArticleSpan } from './merger';
import { TermsWriter, type ListColumns, type PositionsColumn } from './terms-writer';
import { ARTICLE_PAGE_DOCS, type SegmentData } from './meta';
import { FIELD, FIELD_COUNT, FIELD_OF_KIND, isArticleField, metaKey, positionalFields } from './schema';

export interface SegmentLayout {
  /** Target bytes of a dictionary block: a term lookup reads one. */
  dictBlockBytes: number;
  /** Target bytes of stored text per block before compression: a result reads one. */
  docBlockBytes: number;
  /** Stored blocks per page of the stored-block index. */
  docIndexPageBlocks: number;
  /** Most bytes of a segment's preset dictionary for its stored blocks (DEFLATE reaches back 32 KiB at most). */
  docDictionaryBytes: number;
  /** Lists whose postings (and positions) encode to at most this many bytes stay inside the dictionary. */
  inlineBytes: number;
}

export const DEFAULT_LAYOUT: SegmentLayout = {
  dictBlockBytes: 4096,
  docBlockBytes: 16_384,
  docIndexPageBlocks: 256,
  docDictionaryBytes: 32_768,
  inlineBytes: 24,
};

export interface SegmentInput {
  /** The analyzer for paragraphs and titles (the index analyzer of the analysis config). */
  analyzer: Analyzer;
  /** Whether the analyzer emits stems: titles are then matched on stems. */
  stems: boolean;
  compression: Compression;
  layout?: Partial<SegmentLayout>;
}

/**
 * Builds one segment from a batch of articles: sorts them newest first (doc
 * ids then follow the date, so date order and date filters are ranges),
 * analyses every paragraph once, and writes the dictionary, the block
 * postings with their positions, the stored paragraphs and the article
 * boundaries.
 */
export async function buildSegment(articles: readonly Article[], input: SegmentInput): Promise<SegmentData> {
  const builder = new SegmentBuilder(input);
  for (const article of sortNewestFirst(articles)) builder.addArticle(article);
  return builder.finish();
}

/** Newest first by date string (ISO dates sort as strings); undated articles last; ties keep input order. */
export function sortNewestFirst(articles: readonly Article[]): Article[] {
  return articles
    .map((article, i) => ({ article, i }))
    .sort((a, b) => {
      const da = a.article.date;
      const db = b.article.date;
      if (da !== db) {
        if (da === null) return 1;
        if (db === null) return -1;
        return da < db ? 1 : -1;
      }
      return a.i - b.i;
    })
    .map((x) => x.article);
}

/**
 * The articles of a segment built from `articles`, in doc order (newest
 * first, articles without paragraphs left out, as the builder lays them out):
 * what a merge orders by, known without reading the segment back.
 */
export function builtArticleSpans(articles: readonly Article[]): ArticleSpan[] {
  const spans: ArticleSpan[] = [];
  let first = 0;
  for (const article of sortNewestFirst(articles)) {
    const count = article.paragraphs.length;
    if (count === 0) continue;
    spans.push({ date: article.date, first, count, deleted: false });
    first += count;
  }
  return spans;
}

/**
 * The distinct (term, field) entries of the paragraph being added, with their
 * counts and occurrences, in typed columns reused from paragraph to paragraph
 * (a build adds millions: an object per entry and per occurrence was much of
 * its garbage). Entries keep the order of their first token, occurrences the
 * order of their tokens.
 */
class ParagraphTerms {
  /** Per (term, field) key: the doc it was last seen in, and its entry there. */
  private seenIn = new Int32Array(1 << 16).fill(-1);
  private entryOf = new Int32Array(1 << 16);
  private doc = -1;
  entries = 0;
  keys = new Int32Array(256);
  tfs = new Int32Array(256);
  readonly uniques = new Int32Array(FIELD_COUNT);
  // Occurrences in token order, then grouped by entry.
  private occurrences = 0;
  private occEntry = new Int32Array(1024);
  private occPosition = new Int32Array(1024);
  private occSpan = new Int32Array(1024 * 2);
  private occKind = new Uint8Array(1024);
  private grouped = new Int32Array(1024);
  private groupStart = new Int32Array(257);

  /** Starts paragraph `doc`; keys will be below `keyLimit`. */
  start(doc: number, keyLimit: number): void {
    this.doc = doc;
    this.entries = 0;
    this.occurrences = 0;
    this.uniques.fill(0);
    this.reserveKeys(keyLimit);
  }

  private reserveKeys(keyLimit: number): void {
    if (keyLimit > this.seenIn.length) {
      let capacity = this.seenIn.length * 2;
      while (capacity < keyLimit) capacity *= 2;
      const seen = new Int32Array(capacity).fill(-1);
      seen.set(this.seenIn);
      this.seenIn = seen;
      const entryOf = new Int32Array(capacity);
      entryOf.set(this.entryOf);
      this.entryOf = entryOf;
    }
  }

  /** The entry of `key` in this paragraph (made on its first token), its count raised by one. */
  entry(key: number, field: number): number {
    if (key >= this.seenIn.length) this.reserveKeys(key + 1);
    let e: number;
    if (this.seenIn[key] === this.doc) {
      e = this.entryOf[key]!;
    } else {
      e = this.entries++;
      if (e === this.keys.length) {
        this.keys = grow32(this.keys, e * 2);
        this.tfs = grow32(this.tfs, e * 2);
      }
      this.seenIn[key] = this.doc;
      this.entryOf[key] = e;
      this.keys[e] = key;
      this.tfs[e] = 0;
      this.uniques[field]!++;
    }
    this.tfs[e]!++;
    return e;
  }

  /** Records an occurrence; `kind` is its span's (codec/positions.ts spanKind). */
  occurrence(entry: number, position: number, kind: number, relStart: number, length: number): void {
    const o = this.occurrences++;
    if (o === this.occEntry.length) {
      this.occEntry = grow32(this.occEntry, o * 2);
      this.occPosition = grow32(this.occPosition, o * 2);
      this.occSpan = grow32(this.occSpan, o * 4);
      const kinds = new Uint8Array(o * 2);
      kinds.set(this.occKind);
      this.occKind = kinds;
      this.grouped = new Int32Array(o * 2);
    }
    this.occEntry[o] = entry;
    this.occPosition[o] = position;
    this.occKind[o] = kind;
    this.occSpan[o * 2] = relStart;
    this.occSpan[o * 2 + 1] = length;
  }

  /** Groups the occurrences by entry (a counting sort, so each group keeps token order). */
  groupOccurrences(): void {
    if (this.groupStart.length < this.entries + 1) this.groupStart = new Int32Array(this.entries * 2 + 1);
    const starts = this.groupStart;
    starts.fill(0, 0, this.entries + 1);
    for (let o = 0; o < this.occurrences; o++) starts[this.occEntry[o]! + 1]!++;
    for (let e = 0; e < this.entries; e++) starts[e + 1]! += starts[e]!;
    for (let o = 0; o < this.occurrences; o++) this.grouped[starts[this.occEntry[o]!]!++] = o;
    // The placing loop moved each start to the next group's: shift back.
    for (let e = this.entries; e > 0; e--) starts[e] = starts[e - 1]!;
    starts[0] = 0;
  }

  /** Writes entry `e`'s occurrences in the positions format (codec/positions.ts). */
  writeOccurrences(e: number, out: ByteWriter): void {
    let previous = 0;
    const end = this.groupStart[e + 1]!;
    for (let g = this.groupStart[e]!; g < end; g++) {
      const o = this.grouped[g]!;
      const gap = this.occPosition[o]! - previous;
      previous = this.occPosition[o]!;
      writeOccurrence(out, gap, this.occKind[o]!, this.occSpan[o * 2]!, this.occSpan[o * 2 + 1]!);
    }
  }
}

function grow32(a: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}

class SegmentBuilder {
  private readonly layout: SegmentLayout;
  private readonly positional: ReadonlySet<number>;
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly display: Array<string | null> = [];
  // Paragraph-level posting records, in doc order.
  private readonly pTerm = new GrowableInt32(1 << 16);
  private readonly pField = new GrowableInt32(1 << 16);
  private readonly pDoc = new GrowableInt32(1 << 16);
  private readonly pTf = new GrowableInt32(1 << 16);
  private readonly pNorm = new GrowableInt32(1 << 16);
  private readonly pPosStart = new GrowableInt32(1 << 16);
  private readonly pPosEnd = new GrowableInt32(1 << 16);
  private readonly positions = new ByteWriter(1 << 16);
  // Article-level posting records (titles, filters), in doc order.
  private readonly aTerm = new GrowableInt32(1024);
  private readonly aField = new GrowableInt32(1024);
  private readonly aDoc = new GrowableInt32(1024);
  private readonly aSpan = new GrowableInt32(1024);
  private readonly aTf = new GrowableInt32(1024);
  private readonly aNorm = new GrowableInt32(1024);

  private readonly lengthSums = new Array<number>(FIELD_COUNT).fill(0);
  private readonly shortLengths = newShortLengths();
  private docs = 0;
  private articles = 0;
  private readonly articleStarts: number[] = [];
  private readonly facets = new FacetWriter();
  private readonly days: string[] = [];
  private readonly dayFirst: number[] = [];
  private undatedFrom = -1;

  private readonly stored: StoredBlocks;
  private readonly paragraph = new ParagraphTerms();
  private readonly pieces = new WordPieces();
  private readonly norms = new Int32Array(FIELD_COUNT);

  constructor(private readonly input: SegmentInput) {
    this.layout = { ...DEFAULT_LAYOUT, ...input.layout };
    this.positional = new Set(positionalFields(input.stems));
    this.stored = new StoredBlocks(this.layout.docBlockBytes);
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
      this.display.push(null);
    }
    return id;
  }

  addArticle(article: Article): void {
    const first = this.docs;
    const count = article.paragraphs.length;
    if (count === 0) return;
    this.articles++;
    this.articleStarts.push(first);
    this.facets.add(facetValues(article));
    this.addDate(article.date, first);

    // Titles: indexed once per article, counted for each of its paragraphs (as if each carried the title).
    if (!titleRepeatsLead(article)) {
      const titleKind: Token['kind'] = this.input.stems ? 'stem' : 'exact';
      const tfs = new Map<number, number>();
      for (const t of this.input.analyzer.analyze(article.title)) {
        if (t.kind !== titleKind) continue;
        const id = this.termId(t.term);
        tfs.set(id, (tfs.get(id) ?? 0) + 1);
      }
      const norm = lengthToNorm(tfs.size);
      this.lengthSums[FIELD.title]! += tfs.size * count;
      countShort(this.shortLengths, FIELD.title, tfs.size, count);
      for (const [id, tf] of tfs) this.addArticlePosting(id, FIELD.title, first, count, tf, norm);
    } else countShort(this.shortLengths, FIELD.title, 0, count);
    // Filters: one key per tag, category, source and id.
    const keys = new Set<string>([metaKey('id', article.id)]);
    for (const tag of article.tags) keys.add(metaKey('tag', tag));
    if (article.category) keys.add(metaKey('category', article.category));
    if (article.source) keys.add(metaKey('source', article.source));
    for (const key of keys) this.addArticlePosting(this.termId(key), FIELD.meta, first, count, 1, 0);

    for (const text of article.paragraphs) this.addParagraph(text);
    this.stored.addArticle(article);
  }

  private addDate(date: string | null, doc: number): void {
    if (date === null) {
      if (this.undatedFrom < 0) this.undatedFrom = doc;
      return;
    }
    if (this.undatedFrom >= 0) throw new Error('articles must come newest first, undated last');
    const day = date.slice(0, 10);
    const last = this.days[this.days.length - 1];
    if (last === day) return;
    if (last !== undefined && day > last) throw new Error('articles must come newest first');
    this.days.push(day);
    this.dayFirst.push(doc);
  }

  private addArticlePosting(termId: number, field: number, doc: number, span: number, tf: number, norm: number): void {
    this.aTerm.push(termId);
    this.aField.push(field);
    this.aDoc.push(doc);
    this.aSpan.push(span);
    this.aTf.push(tf);
    this.aNorm.push(norm);
  }

  private addParagraph(text: string): void {
    const doc = this.docs++;
    const pieces = this.pieces;
    pieces.clear();
    const tokens = this.input.analyzer.analyze(text, pieces);
    // An analyzer that does not record the words (not made by createAnalyzer) leaves them to the tokenizer.
    if (pieces.count < 0) pieces.record(tokenize(text));
    const terms = this.paragraph;
    terms.start(doc, this.terms.length * FIELD_COUNT);
    for (const token of tokens) {
      const field = FIELD_OF_KIND[token.kind];
      const termId = this.termId(token.term);
      if (field === FIELD.text && this.display[termId] === null) this.display[termId] = text.slice(token.start, token.end);
      const entry = terms.entry(termId * FIELD_COUNT + field, field);
      if (this.positional.has(field)) {
        // Every position the tokenizer gave has its word recorded; a token spanning exactly its word stores no span.
        const pieceStart = pieces.starts[token.position]!;
        const toEnd = pieces.ends[token.position] === token.end;
        const relStart = token.start - pieceStart;
        terms.occurrence(entry, token.position, spanKind(relStart, toEnd), relStart, token.end - token.start);
      }
    }
    const uniques = terms.uniques;
    for (let f = 0; f < FIELD_COUNT; f++) {
      this.norms[f] = lengthToNorm(uniques[f]!);
      if (isArticleField(f)) continue;
      this.lengthSums[f]! += uniques[f]!;
      countShort(this.shortLengths, f, uniques[f]!, 1);
    }
    terms.groupOccurrences();
    for (let e = 0; e < terms.entries; e++) {
      const key = terms.keys[e]!;
      const field = key % FIELD_COUNT;
      this.pTerm.push((key - field) / FIELD_COUNT);
      this.pField.push(field);
      this.pDoc.push(doc);
      this.pTf.push(terms.tfs[e]!);
      this.pNorm.push(this.norms[field]!);
      this.pPosStart.push(this.positions.length);
      terms.writeOccurrences(e, this.positions);
      this.pPosEnd.push(this.positions.length);
    }
  }

  async finish(): Promise<SegmentData> {
    const order = this.terms.map((_, i) => i).sort((a, b) => (this.terms[a]! < this.terms[b]! ? -1 : 1));
    const rank = new Int32Array(this.terms.length);
    order.forEach((id, r) => (rank[id] = r));
    const paragraph = bucketByTermAndField(this.pTerm, this.pField, rank);
    const article = bucketByTermAndField(this.aTerm, this.aField, rank);

    const terms = new TermsWriter(this.layout.dictBlockBytes, this.layout.inlineBytes, this.positional);
    for (let r = 0; r < order.length; r++) {
      const id = order[r]!;
      const lists: ListColumns[] = [];
      for (let field = 0; field < FIELD_COUNT; field++) {
        const key = r * FIELD_COUNT + field;
        const fromArticles = isArticleField(field);
        const buckets = fromArticles ? article : paragraph;
        const start = buckets.starts[key]!;
        const end = buckets.starts[key + 1]!;
        if (start < end) lists.push(this.columns(field, fromArticles, buckets.order, start, end));
      }
      terms.add(this.terms[id]!, this.display[id] ?? null, lists);
    }
    terms.finish();

    const docs = await encodeDocs(this.stored.finish(), this.input.compression, this.layout);
    const starts = encodeArticleStarts(this.articleStarts, this.docs);
    const facets = this.facets.finish();
    return {
      meta: {
        docs: this.docs,
        articles: this.articles,
        lengthSums: this.lengthSums,
        shortLengths: this.shortLengths,
        positional: [...this.positional],
        files: {
          terms: terms.dict.length,
          postings: terms.postings.length,
          positions: terms.positions.length,
          docs: docs.bytes.length,
          docindex: docs.indexBytes.length,
          articles: starts.bytes.length,
          facets: facets.bytes.length,
        },
        dict: terms.index,
        docIndex: docs.index,
        docDictionary: docs.dictionary,
        articleStarts: starts.meta,
        facets: facets.meta,
        dates: { days: this.days, first: this.dayFirst, undatedFrom: this.undatedFrom < 0 ? this.docs : this.undatedFrom },
        counts: { terms: terms.terms, postings: terms.postingCounts },
      },
      files: {
        terms: terms.dict.finish(),
        postings: terms.postings.finish(),
        positions: terms.positions.finish(),
        docs: docs.bytes,
        docindex: docs.indexBytes,
        articles: starts.bytes,
        facets: facets.bytes,
      },
    };
  }

  /** One term's list in one field, as columns (positions as views of the collected occurrences). */
  private columns(field: number, fromArticles: boolean, order: Int32Array, start: number, end: number): ListColumns {
    const n = end - start;
    const docs = new Int32Array(n);
    const tfs = new Int32Array(n);
    const norms = new Int32Array(n);
    const spans = fromArticles ? new Int32Array(n) : null;
    let positions: PositionsColumn | null = null;
    if (this.positional.has(field) && !fromArticles) {
      // The postings' occurrences, gathered from where each paragraph wrote them into one buffer.
      const all = this.positions.view_();
      const offsets = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) {
        const rec = order[start + i]!;
        offsets[i + 1] = offsets[i]! + this.pPosEnd.get(rec) - this.pPosStart.get(rec);
      }
      const bytes = new Uint8Array(offsets[n]!);
      let at = 0;
      for (let i = 0; i < n; i++) {
        const rec = order[start + i]!;
        const end = this.pPosEnd.get(rec);
        for (let j = this.pPosStart.get(rec); j < end; j++) bytes[at++] = all[j]!;
      }
      positions = { bytes, offsets };
    }
    for (let i = 0; i < n; i++) {
      const rec = order[start + i]!;
      if (fromArticles) {
        docs[i] = this.aDoc.get(rec);
        tfs[i] = this.aTf.get(rec);
        norms[i] = this.aNorm.get(rec);
        spans![i] = this.aSpan.get(rec);
      } else {
        docs[i] = this.pDoc.get(rec);
        tfs[i] = this.pTf.get(rec);
        norms[i] = this.pNorm.get(rec);
      }
    }
    return { field, docs, tfs, norms, spans, positions };
  }
}

/**
 * Groups posting records by (term rank, field) with a counting sort, which
 * keeps each group in doc order. Returns the records' order and where each
 * group starts.
 */
function bucketByTermAndField(terms: GrowableInt32, fields: GrowableInt32, rank: Int32Array): { order: Int32Array; starts: Int32Array } {
  const keys = rank.length * FIELD_COUNT;
  const starts = new Int32Array(keys + 1);
  const n = terms.length;
  for (let i = 0; i < n; i++) starts[rank[terms.get(i)]! * FIELD_COUNT + fields.get(i) + 1]!++;
  for (let k = 0; k < keys; k++) starts[k + 1]! += starts[k]!;
  const next = starts.slice(0, keys);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[next[rank[terms.get(i)]! * FIELD_COUNT + fields.get(i)]!++] = i;
  return { order, starts };
}

/** Compresses stored blocks with a preset dictionary made from them, and writes the pages of their index (see doc-store.ts). */
export async function encodeDocs(
  blocks: ReadonlyArray<{ firstDoc: number; raw: Uint8Array }>,
  compression: Compression,
  layout: SegmentLayout,
): Promise<ReturnType<StoredFileWriter['finish']>> {
  const sampler = new BlockSampler(layout.docBlockBytes);
  for (const b of blocks) sampler.add(b.raw);
  const dictionary = await chooseDictionary(sampler, layout.docDictionaryBytes, compression);
  const writer = new StoredFileWriter(sampler.rawBytes >>> 1, dictionary);
  const compressed = await Promise.all(blocks.map((b) => compression.deflate(b.raw, dictionary)));
  blocks.forEach((b, i) => writer.add(b.firstDoc, compressed[i]!));
  return writer.finish(layout.docIndexPageBlocks);
}

/** The article-boundary bitmap in pages (see SegmentMeta.articleStarts). */
export function encodeArticleStarts(starts: readonly number[], docs: number): { bytes: Uint8Array; meta: SegmentData['meta']['articleStarts'] } {
  const pages = Math.max(1, Math.ceil(docs / ARTICLE_PAGE_DOCS));
  const pageBytes = ARTICLE_PAGE_DOCS / 8;
  const bytes = new Uint8Array(Math.ceil(docs / 8));
  for (const s of starts) bytes[s >>> 3]! |= 1 << (s & 7);
  const crcs: number[] = [];
  const open: number[] = [];
  const before: number[] = [];
  let a = 0;
  let counted = 0;
  for (let p = 0; p < pages; p++) {
    const firstDoc = p * ARTICLE_PAGE_DOCS;
    while (a + 1 < starts.length && starts[a + 1]! <= firstDoc) a++;
    while (counted < starts.length && starts[counted]! < firstDoc) counted++;
    open.push(starts[a] ?? 0);
    before.push(counted);
    crcs.push(crc32(bytes, p * pageBytes, Math.min(bytes.length, (p + 1) * pageBytes)));
  }
  return { bytes, meta: { crcs, open, before } };
}

function titleRepeatsLead(article: Article): boolean {
  const title = article.title.replace(/…$/, '');
  return title.length > 0 && (article.paragraphs[0]?.startsWith(title) ?? false);
}

/**
 * Stored paragraphs cut into blocks as a segment stores them: a block is
 * closed before the paragraph that finds it full, and a paid article's
 * paragraphs that are not free are stored without their text.
 */
export class StoredBlocks {
  private readonly blocks: Array<{ firstDoc: number; raw: Uint8Array }> = [];
  private writer = new DocBlockWriter(0);
  private docs = 0;

  constructor(private readonly blockBytes: number) {}

  addArticle(article: Article): void {
    const count = article.paragraphs.length;
    if (count === 0) return;
    const stored: StoredArticle = {
      id: article.id,
      title: article.title,
      date: article.date,
      url: article.url,
      source: article.source,
      category: article.category,
      tags: article.tags,
      access: article.access ?? 'free',
      first: this.docs,
      count,
    };
    const free = freeParagraphs(article);
    article.paragraphs.forEach((text, ordinal) => {
      if (this.writer.size >= this.blockBytes && this.writer.docCount > 0) {
        this.blocks.push({ firstDoc: this.writer.firstDoc, raw: this.writer.encode() });
        this.writer = new DocBlockWriter(this.docs);
      }
      this.writer.add(stored, free.has(ordinal) ? text : null);
      this.docs++;
    });
  }

  /** The blocks, the last one closed. */
  finish(): Array<{ firstDoc: number; raw: Uint8Array }> {
    if (this.writer.docCount > 0) this.blocks.push({ firstDoc: this.writer.firstDoc, raw: this.writer.encode() });
    this.writer = new DocBlockWriter(this.docs);
    return this.blocks;
  }
}

/** Paragraphs whose text is served: all of a free article; of a paid one, those marked free (the lead by default). */
function freeParagraphs(article: Article): { has(i: number): boolean } {
  if (article.access !== 'paid') return { has: () => true };
  return new Set(article.free ?? [0]);
}

/** Per field, a count for each length a norm stores exactly (SegmentMeta.shortLengths); the filter field stays zero, as in lengthSums. */
export function newShortLengths(): number[][] {
  return Array.from({ length: FIELD_COUNT }, () => new Array<number>(EXACT_NORM_LENGTHS).fill(0));
}

/** Counts `paragraphs` paragraphs whose field `field` has `length` terms, if that length is short. */
export function countShort(shortLengths: number[][], field: number, length: number, paragraphs: number): void {
  if (length < EXACT_NORM_LENGTHS) shortLengths[field]![length]! += paragraphs;
}

