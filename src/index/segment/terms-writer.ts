import { ByteWriter } from '../codec/bytes';
import { crc32 } from '../codec/crc32';
import { BLOCK_SIZE, encodeBlock } from '../codec/postings';
import { DictionaryBlockWriter, type ListToWrite } from './dictionary';
import type { SegmentMeta } from './meta';
import { FIELD_COUNT } from './schema';

/** One term's postings in one field, as columns, with each posting's encoded positions. */
export interface ListColumns {
  field: number;
  docs: ArrayLike<number>;
  tfs: ArrayLike<number>;
  norms: ArrayLike<number>;
  /** Paragraphs per posting for article-level fields, else null. */
  spans: ArrayLike<number> | null;
  /** Encoded occurrences of the postings one after another (positional fields), else null. */
  positions: PositionsColumn | null;
}

/** The postings' encoded occurrences in one buffer: posting i's are `bytes[offsets[i] … offsets[i+1]-1]` (one buffer per list, not one array per posting). */
export interface PositionsColumn {
  bytes: Uint8Array;
  /** n + 1 offsets, the first 0. */
  offsets: Int32Array;
}

/**
 * Writes the term dictionary, postings and positions of a segment, term by
 * term in sorted order: what both building a segment and merging segments
 * end with. Tiny lists go inline into the dictionary; the others become
 * blocks of BLOCK_SIZE postings with their bound (max tf, min norm) and CRCs.
 */
export class TermsWriter {
  readonly dict: ByteWriter;
  readonly postings: ByteWriter;
  readonly positions: ByteWriter;
  readonly index: SegmentMeta['dict'] = { first: [], ends: [], crcs: [] };
  readonly postingCounts = new Array<number>(FIELD_COUNT).fill(0);
  terms = 0;
  private block: DictionaryBlockWriter;
  private previous: string | null = null;

  constructor(
    private readonly dictBlockBytes: number,
    private readonly inlineBytes: number,
    /** Fields whose lists keep positions (schema.ts positionalFields). */
    private readonly positional: ReadonlySet<number>,
    /** Expected bytes of each file (a merge knows them from its inputs): the writers then rarely grow by copying. */
    sizes: { dict: number; postings: number; positions: number } = { dict: 1 << 16, postings: 1 << 16, positions: 1 << 16 },
  ) {
    this.dict = new ByteWriter(Math.max(1024, sizes.dict));
    this.postings = new ByteWriter(Math.max(1024, sizes.postings));
    this.positions = new ByteWriter(Math.max(1024, sizes.positions));
    this.block = new DictionaryBlockWriter(0, 0, this.positional);
  }

  /** Adds a term with its lists (in field order); terms must come in sorted order. */
  add(term: string, display: string | null, lists: readonly ListColumns[]): void {
    if (this.previous !== null && !(term > this.previous)) throw new Error(`terms out of order: ${term} after ${this.previous}`);
    this.previous = term;
    this.terms++;
    this.block.add(
      term,
      display,
      lists.map((l) => this.encodeList(l)),
    );
    if (this.block.byteLength >= this.dictBlockBytes) this.flush();
  }

  finish(): void {
    this.flush();
  }

  private flush(): void {
    if (this.block.entryCount === 0) return;
    const bytes = this.block.finish();
    this.index.first.push(this.block.firstTerm!);
    this.dict.bytes(bytes);
    this.index.ends.push(this.dict.length);
    this.index.crcs.push(crc32(bytes));
    this.block = new DictionaryBlockWriter(this.postings.length, this.positions.length, this.positional);
  }

  private encodeList(l: ListColumns): ListToWrite {
    const n = l.docs.length;
    let docFreq = 0;
    for (let i = 0; i < n; i++) docFreq += l.spans ? l.spans[i]! : 1;
    this.postingCounts[l.field]! += n;
    const positions = this.positional.has(l.field) ? l.positions : null;
    if (n <= BLOCK_SIZE) {
      const postings = encodeBlock(l.docs, l.tfs, l.norms, l.spans, 0, n, -1);
      const joined = positions ? positions.bytes.subarray(positions.offsets[0]!, positions.offsets[n]!) : null;
      if (postings.length + (joined?.length ?? 0) <= this.inlineBytes) {
        return { field: l.field, count: n, docFreq, inline: { postings, positions: joined } };
      }
    }
    const blocks: NonNullable<ListToWrite['blocks']> = [];
    for (let from = 0; from < n; from += BLOCK_SIZE) {
      const to = Math.min(n, from + BLOCK_SIZE);
      const bytes = encodeBlock(l.docs, l.tfs, l.norms, l.spans, from, to, from === 0 ? -1 : l.docs[from - 1]!);
      this.postings.bytes(bytes);
      let maxTf = 0;
      let minNorm = 255;
      for (let i = from; i < to; i++) {
        if (l.tfs[i]! > maxTf) maxTf = l.tfs[i]!;
        if (l.norms[i]! < minNorm) minNorm = l.norms[i]!;
      }
      const joined = positions ? positions.bytes.subarray(positions.offsets[from]!, positions.offsets[to]!) : null;
      if (joined) this.positions.bytes(joined);
      blocks.push({
        lastDoc: l.docs[to - 1]!,
        length: bytes.length,
        crc: crc32(bytes),
        maxTf,
        minNorm,
        posLength: joined?.length ?? 0,
        posCrc: joined ? crc32(joined) : 0,
      });
    }
    return { field: l.field, count: n, docFreq, blocks };
  }
}
