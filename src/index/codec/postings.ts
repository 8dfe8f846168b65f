import { columnBytes, packColumn, planColumn, unpackColumn } from './bitpack';
import { FormatError } from './bytes';

/**
 * Postings in blocks of `BLOCK_SIZE`, Lucene-style: each block holds its
 * postings' doc-id gaps, term frequencies and norms (one byte each: see
 * norms.ts) as columns. Article-level fields (titles, metadata) also carry a
 * span per posting: the posting stands for the article's paragraphs
 * `doc … doc + span - 1`.
 *
 *   u8 docHeader, u8 tfHeader, u8 normBase, u8 normHeader, [u8 spanHeader]
 *   column (doc - previous doc - 1), column (tf - 1), column (norm - normBase), [column (span - 1)]
 *
 * A column is patched frame of reference (bitpack.ts: `packColumn`): its
 * values bit-packed at the width that makes the column smallest, which its
 * header byte holds, and when some values are wider than that (the header's
 * `PATCHED` bit), their high bits after the packed ones. Lists are mostly
 * small gaps with a few large ones, and packing at the largest would make
 * every gap pay for those few.
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
  let normMin = 255;
  let prev = previousDoc;
  for (let i = 0; i < n; i++) {
    const doc = docs[from + i]!;
    if (doc <= prev) throw new Error(`postings out of order: ${doc} after ${prev}`);
    gaps[i] = doc - prev - 1;
    prev = doc;
    tfv[i] = tfs[from + i]! - 1;
    normv[i] = norms[from + i]!;
    if (normv[i]! < normMin) normMin = normv[i]!;
    if (spanv) spanv[i] = spans![from + i]! - 1;
  }
  for (let i = 0; i < n; i++) normv[i] = normv[i]! - normMin;
  const hDoc = planColumn(gaps, n);
  const hTf = planColumn(tfv, n);
  const hNorm = planColumn(normv, n);
  const hSpan = spanv ? planColumn(spanv, n) : 0;
  const header = spanv ? 5 : 4;
  const out = new Uint8Array(
    header + columnBytes(gaps, n, hDoc) + columnBytes(tfv, n, hTf) + columnBytes(normv, n, hNorm) + (spanv ? columnBytes(spanv, n, hSpan) : 0),
  );
  out[0] = hDoc;
  out[1] = hTf;
  out[2] = normMin;
  out[3] = hNorm;
  if (spanv) out[4] = hSpan;
  let o = packColumn(gaps, n, hDoc, out, header);
  o = packColumn(tfv, n, hTf, out, o);
  o = packColumn(normv, n, hNorm, out, o);
  if (spanv) o = packColumn(spanv, n, hSpan, out, o);
  if (o !== out.length) throw new Error(`postings block is ${o} bytes, sized for ${out.length}`);
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
  const hDoc = bytes[offset]!;
  const hTf = bytes[offset + 1]!;
  const normMin = bytes[offset + 2]!;
  const hNorm = bytes[offset + 3]!;
  const hSpan = hasSpans ? bytes[offset + 4]! : 0;
  // A header is a width of at most 32 (a norm's of at most 8), with or without PATCHED; anything else is damage.
  if ((hDoc & 0x7f) > 32 || (hTf & 0x7f) > 32 || (hNorm & 0x7f) > 8 || (hSpan & 0x7f) > 32) throw new FormatError('postings block header is damaged');
  let o = offset + (hasSpans ? 5 : 4);
  const { docs, tfs, norms, spans } = into;
  o = unpackColumn(bytes, o, count, hDoc, docs);
  o = unpackColumn(bytes, o, count, hTf, tfs);
  o = unpackColumn(bytes, o, count, hNorm, norms);
  if (hasSpans) {
    o = unpackColumn(bytes, o, count, hSpan, spans);
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
