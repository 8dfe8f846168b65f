import type { IndexReader } from '../index/index-reader';
import { lengthFactors } from './top-k';
import { LENGTH_PIVOT } from './scoring';

/**
 * BM25's length normalisation per field for an index: the pivot each
 * field's lengths are compared with, and the length below which a paragraph
 * is not rewarded for being shorter (LENGTH_PIVOT in scoring.ts). Both come
 * from statistics that are sums over segments (length sums and counts of
 * short lengths), so a small segment added by a live update changes them as
 * it would on one merged segment.
 */
export function lengthNormalisation(index: IndexReader): Float64Array[] {
  return index.averageLength.map((average, field) => {
    if (!LENGTH_PIVOT.fields.includes(field)) return lengthFactors(average);
    const minLength = LENGTH_PIVOT.minLength;
    return lengthFactors(pivotLength(index.docCount, average * index.docCount, index.shortLengths[field]!, minLength), minLength);
  });
}

/**
 * The average length of the paragraphs of at least `minLength` terms, from
 * the number of paragraphs, their summed length and the count of paragraphs
 * of each short length (`shortLengths[n]`: paragraphs of exactly n terms).
 * When no paragraph is that long, `minLength` (every paragraph is then
 * scored at that length).
 */
export function pivotLength(docs: number, lengthSum: number, shortLengths: readonly number[], minLength: number): number {
  if (minLength > shortLengths.length) throw new RangeError(`short lengths are counted below ${shortLengths.length}, not ${minLength}`);
  let shortDocs = 0;
  let shortSum = 0;
  for (let n = 0; n < minLength; n++) {
    shortDocs += shortLengths[n]!;
    shortSum += n * shortLengths[n]!;
  }
  const longDocs = docs - shortDocs;
  return longDocs > 0 ? (lengthSum - shortSum) / longDocs : minLength;
}
