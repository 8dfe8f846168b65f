/**
 * Field lengths quantised to one byte per posting, as Lucene's norms do
 * (`SmallFloat.intToByte4`): exact up to 23, then four significant bits, so
 * a length is rounded down by less than 1/8 — little for BM25, whose length
 * normalisation is damped (b = 0.7) and compares against the average.
 * The encoding is monotone, so the smallest byte of a block is its shortest
 * field, which is what a score bound needs.
 */
const NUM_FREE_VALUES = 24;

/** Lengths below this are stored exactly (a norm byte equals the length). */
export const EXACT_NORM_LENGTHS = NUM_FREE_VALUES;

function longToInt4(i: number): number {
  const numBits = 32 - Math.clz32(i);
  if (numBits < 4) return i;
  const shift = numBits - 4;
  return ((i >>> shift) & 0x07) | ((shift + 1) << 3);
}

function int4ToLong(i: number): number {
  const bits = i & 0x07;
  const shift = (i >>> 3) - 1;
  return shift === -1 ? bits : (bits | 0x08) * 2 ** shift;
}

export function lengthToNorm(length: number): number {
  if (length < NUM_FREE_VALUES) return length;
  return Math.min(255, NUM_FREE_VALUES + longToInt4(length - NUM_FREE_VALUES));
}

/** The length a norm byte stands for (the lower end of its bucket). */
export const NORM_LENGTH: Float64Array = Float64Array.from({ length: 256 }, (_, b) =>
  b < NUM_FREE_VALUES ? b : NUM_FREE_VALUES + int4ToLong(b - NUM_FREE_VALUES),
);
