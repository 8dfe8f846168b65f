import { Chunks, containerLength, FormatError } from './binary-format';

/**
 * An index larger than one static asset may be (25 MiB on Workers) is stored
 * in parts: `search-index.bin`, `search-index.bin.1`, `search-index.bin.2`, …
 * each at most `PART_BYTES` and cut where a section starts (so sections stay
 * aligned, and none is split, which would cost a copy on load). The first
 * part's header tells the total length, so a loader knows how many parts to
 * fetch.
 */
export const PART_BYTES = 24 * 1024 * 1024;

export function partName(path: string, part: number): string {
  return part === 0 ? path : `${path}.${part}`;
}

/**
 * Cuts `bytes` into parts of at most `partBytes`. Where `cuts` (offsets, multiples
 * of 8, such as section starts) allow, a part ends at the last cut that fits, so
 * that no section straddles two parts; otherwise at `partBytes`.
 */
export function splitIntoParts(bytes: Uint8Array, partBytes = PART_BYTES, cuts: readonly number[] = []): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    let end = Math.min(bytes.length, at + partBytes);
    if (end < bytes.length) {
      const cut = cuts.filter((c) => c > at && c <= end && c % 8 === 0).pop();
      if (cut !== undefined) end = cut;
    }
    parts.push(bytes.subarray(at, end));
    at = end;
  }
  return parts.length ? parts : [bytes];
}

/**
 * Reads an index stored in parts: the first part's header tells the total
 * length, the others are fetched in order. The parts stay separate buffers
 * (`Chunks`): sections are views into them, so memory holds the index once.
 */
export async function readParts(
  first: Uint8Array,
  fetchPart: (part: number) => Promise<Uint8Array>,
  partBytes = PART_BYTES,
): Promise<Chunks> {
  const total = containerLength(first);
  const chunks = [first];
  let at = first.length;
  for (let part = 1; at < total; part++) {
    const bytes = await fetchPart(part);
    if (bytes.length === 0 || bytes.length > partBytes || at + bytes.length > total) {
      throw new FormatError(`part ${part} has an unexpected size (${bytes.length} bytes): the parts are from different builds or incomplete`);
    }
    chunks.push(bytes);
    at += bytes.length;
  }
  return new Chunks(chunks);
}
