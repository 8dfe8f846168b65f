/**
 * Bit packing of small unsigned integers, least significant bit first: the
 * block codec stores doc-id gaps, term frequencies and norms of 128 postings
 * each at the width of the largest.
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
