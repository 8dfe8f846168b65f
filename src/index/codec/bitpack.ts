import { FormatError } from './bytes';

/**
 * Bit packing of small unsigned integers, least significant bit first, and
 * the patched columns built on it: the block codec stores the doc-id gaps,
 * term frequencies and norms of 128 postings each as a patched column.
 */
export function bitWidth(max: number): number {
  return max === 0 ? 0 : 32 - Math.clz32(max);
}

export function packedBytes(count: number, width: number): number {
  return Math.ceil((count * width) / 8);
}

/** Writes `count` values at `width` bits into `out` from `offset`; returns the offset after them. */
export function pack(values: ArrayLike<number>, count: number, width: number, out: Uint8Array, offset: number): number {
  if (width === 0) return offset;
  let acc = 0;
  let bits = 0;
  let o = offset;
  for (let i = 0; i < count; i++) {
    let v = values[i]!;
    let remaining = width;
    while (remaining > 0) {
      const take = Math.min(remaining, 8 - bits);
      acc |= (v & ((1 << take) - 1)) << bits;
      v >>>= take;
      remaining -= take;
      bits += take;
      if (bits === 8) {
        out[o++] = acc;
        acc = 0;
        bits = 0;
      }
    }
  }
  if (bits > 0) out[o++] = acc;
  return o;
}

/** Reads `count` values of `width` bits from `bytes` at `offset` into `out`; returns the offset after them. */
export function unpack(bytes: Uint8Array, offset: number, count: number, width: number, out: Int32Array): number {
  if (width === 0) {
    out.fill(0, 0, count);
    return offset;
  }
  if (width > 24) return unpackWide(bytes, offset, count, width, out);
  const mask = (1 << width) - 1;
  let o = offset;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < count; i++) {
    while (bits < width) {
      acc |= bytes[o++]! << bits;
      bits += 8;
    }
    out[i] = acc & mask;
    // `>>` rather than `>>>`: a load lands at most at bit 30 (bits < width ≤ 24), so acc stays a small integer, and
    // V8 keeps it in an int32 register (an unsigned shift's result would be a double to it).
    acc >>= width;
    bits -= width;
  }
  return offset + packedBytes(count, width);
}

/** Widths over 24 bits (gaps in segments of more than 16 M paragraphs): bit by bit, rarely used. */
function unpackWide(bytes: Uint8Array, offset: number, count: number, width: number, out: Int32Array): number {
  let bit = offset * 8;
  for (let i = 0; i < count; i++) {
    let value = 0;
    for (let k = 0; k < width; k++, bit++) {
      if ((bytes[bit >>> 3]! >>> (bit & 7)) & 1) value += 2 ** k;
    }
    out[i] = value | 0;
  }
  return offset + packedBytes(count, width);
}

/**
 * Patched frame of reference (PFOR, as Lucene's PForUtil): a column is packed
 * at the width that makes it smallest, not at its largest value's, and the few
 * values that do not fit are patched in afterwards. One doc gap of thousands
 * among gaps of a few would otherwise widen all 128 of them.
 *
 * A column's header byte is its width, with `PATCHED` set when exceptions
 * follow the packed low bits: u8 how many, then per exception u8 its index and
 * a varint of its high bits (`value >>> width`). A column without exceptions
 * costs what plain packing costs.
 */
export const PATCHED = 0x80;
const WIDTH_MASK = 0x3f;

/** Bytes of a varint holding a value of `bits` significant bits (≥ 1). */
function varintBytes(bits: number): number {
  return Math.ceil(bits / 7);
}

/** The header byte (width, and `PATCHED` if exceptions follow) that stores `count` values in the fewest bytes. */
export function planColumn(values: ArrayLike<number>, count: number): number {
  if (count > 256) throw new Error(`a patched column indexes its exceptions in one byte: ${count} values are too many`);
  // Values are non-negative int32s, so the width of their OR is the widest one's.
  let all = 0;
  for (let i = 0; i < count; i++) all |= values[i]!;
  const widest = bitWidth(all);
  let bestBytes = packedBytes(count, widest);
  // Exceptions cost at least their count, an index and a byte of high bits: a column this small packs plainly. Most
  // lists are a posting or two, and the build plans every column of every block.
  if (bestBytes <= 3) return widest;
  // How many values need each width: the cost of every candidate width follows from this alone.
  const perWidth = PER_WIDTH.fill(0, 0, widest + 1);
  for (let i = 0; i < count; i++) perWidth[bitWidth(values[i]!)]!++;
  let best = widest;
  // From the widest down, taking a width only when strictly smaller: on a tie, fewer exceptions decode faster.
  for (let width = widest - 1; width >= 0; width--) {
    let bytes = packedBytes(count, width) + 1;
    for (let w = width + 1; w <= widest; w++) bytes += perWidth[w]! * (1 + varintBytes(w - width));
    if (bytes < bestBytes) {
      best = width;
      bestBytes = bytes;
    }
  }
  return best === widest ? best : best | PATCHED;
}

/** planColumn's count of values per width, reused: a build plans millions of columns. */
const PER_WIDTH = new Int32Array(33);

/** Bytes `packColumn` writes for these values under this header. */
export function columnBytes(values: ArrayLike<number>, count: number, header: number): number {
  const width = header & WIDTH_MASK;
  let bytes = packedBytes(count, width);
  if (header & PATCHED) {
    bytes += 1;
    for (let i = 0; i < count; i++) {
      const high = values[i]! >>> width;
      if (high !== 0) bytes += 1 + varintBytes(bitWidth(high));
    }
  }
  return bytes;
}

/** Writes a column under the header `planColumn` chose (the header byte itself is the caller's); returns the offset after it. */
export function packColumn(values: ArrayLike<number>, count: number, header: number, out: Uint8Array, offset: number): number {
  const width = header & WIDTH_MASK;
  const mask = width === 32 ? -1 : (1 << width) - 1;
  let o = offset;
  if (header & PATCHED) {
    const low = new Int32Array(count);
    for (let i = 0; i < count; i++) low[i] = values[i]! & mask;
    o = pack(low, count, width, out, o);
    const countAt = o++;
    let exceptions = 0;
    for (let i = 0; i < count; i++) {
      let high = values[i]! >>> width;
      if (high === 0) continue;
      exceptions++;
      out[o++] = i;
      while (high > 0x7f) {
        out[o++] = (high & 0x7f) | 0x80;
        high >>>= 7;
      }
      out[o++] = high;
    }
    if (exceptions === 0) throw new Error('a patched column has no exceptions: planColumn would not have chosen it');
    out[countAt] = exceptions;
    return o;
  }
  return pack(values, count, width, out, o);
}

/**
 * Reads a column written by `packColumn` into `out`; returns the offset after it. Reads past the end of `bytes`
 * surface as an offset beyond it (the caller checks once) or, in the exceptions, as a FormatError.
 */
export function unpackColumn(bytes: Uint8Array, offset: number, count: number, header: number, out: Int32Array): number {
  const width = header & WIDTH_MASK;
  const o = unpack(bytes, offset, count, width, out);
  // The common case, and as fast as plain packing: no exceptions.
  if ((header & PATCHED) === 0) return o;
  return patchExceptions(bytes, o, count, width, out);
}

/** ORs each exception's high bits into its value. Kept apart so the unpatched path stays small enough to inline. */
function patchExceptions(bytes: Uint8Array, offset: number, count: number, width: number, out: Int32Array): number {
  let o = offset;
  const exceptions = bytes[o++];
  if (exceptions === undefined || exceptions === 0 || exceptions > count) throw new FormatError('postings exceptions are damaged');
  // The high bits may fill what the low bits leave of 31 (values are non-negative int32).
  const highLimit = 0x7fffffff >> width;
  for (let e = 0; e < exceptions; e++) {
    const index = bytes[o++];
    if (index === undefined || index >= count) throw new FormatError('postings exceptions are damaged');
    let high = 0;
    let shift = 0;
    let b: number | undefined;
    do {
      b = bytes[o++];
      // The fifth byte holds the top bits of 31 at most, and ends the varint.
      if (b === undefined || (shift === 28 && b > 7)) throw new FormatError('postings exceptions are damaged');
      high |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    if (high <= 0 || high > highLimit) throw new FormatError('postings exceptions are damaged');
    out[index] = out[index]! | (high << width);
  }
  return o;
}
