import { Chunks, containerLength, FormatError } from './binary-format';

/**
 * An index larger than one static asset may be (25 MiB on Workers) is stored
 * in parts: `search-index.bin`, `search-index.bin.1`, `search-index.bin.2`, …
 * each at most `PART_BYTES` (a multiple of 8, so sections stay aligned). The first part's header tells the total length,
 * so a loader knows how many parts to fetch.
 */
export const PART_BYTES = 24 * 1024 * 1024;

export function partName(path: string, part: number): string {
  return part === 0 ? path : `${path}.${part}`;
}

export function splitIntoParts(bytes: Uint8Array, partBytes = PART_BYTES): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += partBytes) parts.push(bytes.subarray(at, at + partBytes));
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
