import { bitWidth, pack, packedBytes, unpack } from './bitpack';
import { FormatError } from './bytes';

/**
 * Postings in blocks of `BLOCK_SIZE`, Lucene-style: each block holds its
 * postings' doc-id gaps, term frequencies and norms (one byte each: see
 * norms.ts) bit-packed at the width of the largest. Article-level fields
 * (titles, metadata) also carry a span per posting: the posting stands for
 * the article's paragraphs `doc … doc + span - 1`.
 *
 *   u8 docWidth, u8 tfWidth, u8 normBase, u8 normWidth, [u8 spanWidth]
 *   packed (doc - previous doc - 1), packed (tf - 1), packed (norm - normBase), [packed (span - 1)]
 *
 * How many postings a block has follows from the list's length, which the
 * dictionary holds, so it is not stored.
 */
export const BLOCK_SIZE = 128;

export interface DecodedBlock {
  count: number;
  docs: Int32Array;
  tfs: Int32Array;
  norms: Int32Array;
  /** Paragraphs per posting (1 for paragraph-level fields). */
  spans: Int32Array;
}

/** Entries of a column small enough to live in the heap (V8 keeps typed arrays of up to 64 bytes there). */
const SMALL_COLUMN = 16;

export function newDecodedBlock(capacity = BLOCK_SIZE): DecodedBlock {
  // A tiny block (an inline list: a query over many small segments decodes hundreds) gets four arrays small enough
  // for V8 to keep in the heap, made faster than four views of one buffer.
  if (capacity <= SMALL_COLUMN) {
    return { count: 0, docs: new Int32Array(capacity), tfs: new Int32Array(capacity), norms: new Int32Array(capacity), spans: new Int32Array(capacity) };
  }
  // One buffer for the four columns: a query makes many of these, and each buffer is an allocation outside the heap.
  const all = new Int32Array(capacity * 4);
  return {
    count: 0,
    docs: all.subarray(0, capacity),
    tfs: all.subarray(capacity, 2 * capacity),
    norms: all.subarray(2 * capacity, 3 * capacity),
    spans: all.subarray(3 * capacity),
  };
}

/** Encodes postings `from … to-1` of the given columns; `previousDoc` is the last doc of the block before (-1 for the first). */
export function encodeBlock(
  docs: ArrayLike<number>,
  tfs: ArrayLike<number>,
  norms: ArrayLike<number>,
  spans: ArrayLike<number> | null,
  from: number,
  to: number,
  previousDoc: number,
): Uint8Array {
  const n = to - from;
  const gaps = new Int32Array(n);
  const tfv = new Int32Array(n);
  const normv = new Int32Array(n);
  const spanv = spans ? new Int32Array(n) : null;
  let maxGap = 0;
  let maxTf = 0;
  let normMin = 255;
  let normMax = 0;
  let maxSpan = 0;
  let prev = previousDoc;
  for (let i = 0; i < n; i++) {
    const doc = docs[from + i]!;
    if (doc <= prev) throw new Error(`postings out of order: ${doc} after ${prev}`);
    gaps[i] = doc - prev - 1;
    prev = doc;
    tfv[i] = tfs[from + i]! - 1;
    normv[i] = norms[from + i]!;
    if (gaps[i]! > maxGap) maxGap = gaps[i]!;
    if (tfv[i]! > maxTf) maxTf = tfv[i]!;
    if (normv[i]! < normMin) normMin = normv[i]!;
    if (normv[i]! > normMax) normMax = normv[i]!;
    if (spanv) {
      spanv[i] = spans![from + i]! - 1;
      if (spanv[i]! > maxSpan) maxSpan = spanv[i]!;
    }
  }
  for (let i = 0; i < n; i++) normv[i] = normv[i]! - normMin;
  const wDoc = bitWidth(maxGap);
  const wTf = bitWidth(maxTf);
  const wNorm = bitWidth(normMax - normMin);
  const wSpan = spanv ? bitWidth(maxSpan) : 0;
  const header = spanv ? 5 : 4;
  const out = new Uint8Array(
    header + packedBytes(n, wDoc) + packedBytes(n, wTf) + packedBytes(n, wNorm) + (spanv ? packedBytes(n, wSpan) : 0),
  );
  out[0] = wDoc;
  out[1] = wTf;
  out[2] = normMin;
  out[3] = wNorm;
  if (spanv) out[4] = wSpan;
  let o = pack(gaps, n, wDoc, out, header);
  o = pack(tfv, n, wTf, out, o);
  o = pack(normv, n, wNorm, out, o);
  if (spanv) o = pack(spanv, n, wSpan, out, o);
  return out;
}

/** Decodes a block of `count` postings into `into`. */
export function decodeBlock(
  bytes: Uint8Array,
  offset: number,
  count: number,
  previousDoc: number,
  hasSpans: boolean,
  into: DecodedBlock,
): DecodedBlock {
  const wDoc = bytes[offset]!;
  const wTf = bytes[offset + 1]!;
  const normMin = bytes[offset + 2]!;
  const wNorm = bytes[offset + 3]!;
  const wSpan = hasSpans ? bytes[offset + 4]! : 0;
  if (wDoc > 32 || wTf > 32 || wNorm > 8 || wSpan > 32) throw new FormatError('postings block header is damaged');
  let o = offset + (hasSpans ? 5 : 4);
  const { docs, tfs, norms, spans } = into;
  o = unpack(bytes, o, count, wDoc, docs);
  o = unpack(bytes, o, count, wTf, tfs);
  o = unpack(bytes, o, count, wNorm, norms);
  if (hasSpans) {
    o = unpack(bytes, o, count, wSpan, spans);
    for (let i = 0; i < count; i++) spans[i]! += 1;
  } else spans.fill(1, 0, count);
  if (o > bytes.length) throw new FormatError('postings block is truncated');
  let prev = previousDoc;
  for (let i = 0; i < count; i++) {
    prev = prev + docs[i]! + 1;
    docs[i] = prev;
    tfs[i]! += 1;
    norms[i]! += normMin;
  }
  into.count = count;
  return into;
}
