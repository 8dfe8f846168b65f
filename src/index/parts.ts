import { containerLength } from './binary-format';

/**
 * An index larger than one static asset may be (25 MiB on Workers) is stored
 * in parts: `search-index.bin`, `search-index.bin.1`, `search-index.bin.2`, …
 * each at most `PART_BYTES`. The first part's header tells the total length,
 * so a loader knows how many parts to fetch.
 */
export const PART_BYTES = 20 * 1024 * 1024;

export function partName(path: string, part: number): string {
  return part === 0 ? path : `${path}.${part}`;
}

export function splitIntoParts(bytes: Uint8Array, partBytes = PART_BYTES): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += partBytes) parts.push(bytes.subarray(at, at + partBytes));
  return parts.length ? parts : [bytes];
}

/**
 * Reassembles an index from its parts, fetching the others after reading the
 * first. The result is one buffer of the exact total length, filled part by
 * part, so memory peaks at the index plus one part, not twice the index.
 */
export async function joinParts(first: Uint8Array, fetchPart: (part: number) => Promise<Uint8Array>, partBytes = PART_BYTES): Promise<Uint8Array> {
  const total = containerLength(first);
  if (first.length >= total) return first;
  const whole = new Uint8Array(total);
  whole.set(first);
  let at = first.length;
  for (let part = 1; at < total; part++) {
    const bytes = await fetchPart(part);
    if (bytes.length === 0 || bytes.length > partBytes || at + bytes.length > total) {
      throw new Error(`index part ${part} has an unexpected size (${bytes.length} bytes)`);
    }
    whole.set(bytes, at);
    at += bytes.length;
  }
  return whole;
}
