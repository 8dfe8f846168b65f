import { ByteReader, ByteWriter, FormatError, utf8Decoder } from '../codec/bytes';
import { crc32 } from '../codec/crc32';

/**
 * Stored paragraphs, for snippets and results: consecutive paragraphs in
 * blocks of a few kilobytes, each block compressed on its own (raw DEFLATE,
 * with the segment's preset dictionary: codec/preset-dictionary.ts) so
 * showing a result reads and inflates one small block. A block also
 * carries the metadata of the articles its paragraphs belong to, so a result
 * needs no second read; an article spanning two blocks is stored in both.
 *
 *   block (before compression): varint docs, varint articles, string articleJson…,
 *                               per doc: varint article (index in this block), u8 flags, string text
 *
 * Paragraphs of paid articles that are not free are stored without text
 * (flag `PAID`): their words are indexed, but nothing serves them.
 */
export interface StoredArticle {
  id: string;
  title: string;
  date: string | null;
  url: string | null;
  source: string | null;
  category: string | null;
  tags: string[];
  access: 'free' | 'paid';
  /** The article's first paragraph in the segment, and how many it has. */
  first: number;
  count: number;
}

/** Shared by every reader of the paragraph (the reader caches it): read, never changed. */
export interface StoredParagraph {
  readonly article: Readonly<StoredArticle>;
  /** Null for a paid paragraph that is not free. */
  readonly text: string | null;
}

const PAID = 1;

export class DocBlockWriter {
  private readonly articles: StoredArticle[] = [];
  private readonly docs: Array<{ article: number; text: string | null }> = [];
  private rawBytes = 0;

  constructor(readonly firstDoc: number) {}

  get docCount(): number {
    return this.docs.length;
  }

  /** Approximate size before compression, to decide when to cut. */
  get size(): number {
    return this.rawBytes;
  }

  add(article: StoredArticle, text: string | null): void {
    let index = this.articles.length - 1;
    if (index < 0 || this.articles[index] !== article) {
      this.articles.push(article);
      index++;
      this.rawBytes += 200;
    }
    this.docs.push({ article: index, text });
    this.rawBytes += (text?.length ?? 0) + 4;
  }

  encode(): Uint8Array {
    const w = new ByteWriter(this.rawBytes * 2 + 64);
    w.varint(this.docs.length).varint(this.articles.length);
    for (const a of this.articles) w.string(JSON.stringify(a));
    for (const d of this.docs) {
      w.varint(d.article).u8(d.text === null ? PAID : 0);
      w.string(d.text ?? '');
    }
    return w.finish();
  }
}

/**
 * An inflated stored block, read lazily: opening it only finds where each
 * record starts; a paragraph's text and its article's metadata are decoded
 * when asked for (a result page needs one or two paragraphs of a block).
 */
export class StoredBlock {
  private readonly articleAt: Array<[number, number]> = [];
  private readonly articles: Array<StoredArticle | undefined> = [];
  /** Per doc: its article, flags, and text range. */
  private readonly docAt: Int32Array;

  constructor(private readonly raw: Uint8Array) {
    const r = new ByteReader(raw);
    const docCount = r.varint();
    const articleCount = r.varint();
    for (let i = 0; i < articleCount; i++) {
      const length = r.varint();
      this.articleAt.push([r.pos, length]);
      r.skip(length);
    }
    this.docAt = new Int32Array(docCount * 4);
    for (let i = 0; i < docCount; i++) {
      const article = r.varint();
      if (article >= articleCount) throw new FormatError('stored paragraph names no article');
      const flags = r.u8();
      const length = r.varint();
      this.docAt.set([article, flags, r.pos, length], i * 4);
      r.skip(length);
    }
    if (!r.done) throw new FormatError('stored block has trailing bytes');
  }

  get count(): number {
    return this.docAt.length / 4;
  }

  get byteLength(): number {
    return this.raw.length;
  }

  /** The article of paragraph `i`, without decoding its text (what a merge orders by). */
  articleOf(i: number): StoredArticle {
    if (i < 0 || i >= this.count) throw new RangeError(`no paragraph ${i}`);
    return this.article(this.docAt[i * 4]!);
  }

  paragraph(i: number): StoredParagraph | undefined {
    if (i < 0 || i >= this.count) return undefined;
    const [article, flags, start, length] = this.docAt.subarray(i * 4, i * 4 + 4) as unknown as [number, number, number, number];
    const text = flags & PAID ? null : utf8Decoder.decode(this.raw.subarray(start, start + length));
    return { article: this.article(article), text };
  }

  private article(i: number): StoredArticle {
    let a = this.articles[i];
    if (!a) {
      const [start, length] = this.articleAt[i]!;
      a = JSON.parse(utf8Decoder.decode(this.raw.subarray(start, start + length))) as StoredArticle;
      if (typeof a !== 'object' || a === null || typeof a.id !== 'string') throw new FormatError('stored article is damaged');
      this.articles[i] = a;
    }
    return a;
  }
}

/** Where a segment's preset dictionary is: the first `length` bytes of its docs file, with their CRC. */
export interface StoredDictionary {
  length: number;
  crc: number;
}

/**
 * The index of the stored blocks, itself cut into pages that the root names:
 * per block its first doc (as a gap), length and CRC; offsets follow from order.
 *
 *   page: varint entries, varint firstOffset, per entry: varint firstDocGap, varint length, u32 crc
 */
export interface DocBlockRef {
  firstDoc: number;
  offset: number;
  length: number;
  crc: number;
}

export function encodeDocIndexPage(refs: readonly DocBlockRef[]): Uint8Array {
  const w = new ByteWriter(refs.length * 10 + 16);
  w.varint(refs.length).varint(refs[0]?.offset ?? 0);
  let previous = 0;
  for (const ref of refs) {
    w.varint(ref.firstDoc - previous).varint(ref.length).u32(ref.crc);
    previous = ref.firstDoc;
  }
  return w.finish();
}

export function decodeDocIndexPage(bytes: Uint8Array): DocBlockRef[] {
  const r = new ByteReader(bytes);
  const n = r.varint();
  let offset = r.varint();
  let firstDoc = 0;
  const refs: DocBlockRef[] = [];
  for (let i = 0; i < n; i++) {
    firstDoc += r.varint();
    const length = r.varint();
    refs.push({ firstDoc, offset, length, crc: r.u32() });
    offset += length;
  }
  if (!r.done) throw new FormatError('stored-block index page has trailing bytes');
  return refs;
}

/**
 * Writes the docs file and its index pages block by block, so a writer of
 * many blocks (a merge) holds none of them after appending it. The file
 * starts with the segment's preset dictionary (empty: none), which every
 * block of the file was deflated with; the blocks follow it.
 *
 *   docs file: dictionary bytes, block, block, …
 */
export class StoredFileWriter {
  private readonly out: ByteWriter;
  private readonly refs: DocBlockRef[] = [];
  private readonly dictionary: StoredDictionary;

  constructor(expectedBytes = 1 << 16, dictionary: Uint8Array = new Uint8Array(0)) {
    this.out = new ByteWriter(Math.max(1024, expectedBytes + dictionary.length));
    this.out.bytes(dictionary);
    this.dictionary = { length: dictionary.length, crc: crc32(dictionary) };
  }

  /** Appends a compressed block whose first paragraph is `firstDoc`. */
  add(firstDoc: number, compressed: Uint8Array): void {
    this.refs.push({ firstDoc, offset: this.out.length, length: compressed.length, crc: crc32(compressed) });
    this.out.bytes(compressed);
  }

  /** The docs file, its index pages (of `pageBlocks` blocks) and what the meta says about them. */
  finish(pageBlocks: number): {
    bytes: Uint8Array;
    indexBytes: Uint8Array;
    index: { first: number[]; ends: number[]; crcs: number[] };
    dictionary: StoredDictionary;
  } {
    const indexOut = new ByteWriter(1024);
    const index = { first: [] as number[], ends: [] as number[], crcs: [] as number[] };
    for (let i = 0; i < this.refs.length; i += pageBlocks) {
      const page = encodeDocIndexPage(this.refs.slice(i, i + pageBlocks));
      index.first.push(this.refs[i]!.firstDoc);
      indexOut.bytes(page);
      index.ends.push(indexOut.length);
      index.crcs.push(crc32(page));
    }
    return { bytes: this.out.detach(), indexBytes: indexOut.finish(), index, dictionary: this.dictionary };
  }
}
