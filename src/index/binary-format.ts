/**
 * The container of the serialized index: a small JSON header followed by
 * binary sections (typed arrays and UTF-8 blobs), so that loading needs no
 * giant JSON parse: sections become typed-array views on the loaded bytes.
 *
 *   bytes 0–7   magic `DESRCHIX`
 *   bytes 8–11  header length H (uint32, little-endian)
 *   bytes 12–   header (UTF-8 JSON), then sections, each 8-byte aligned
 *
 * The header lists each section's offset, length and checksum, and the total
 * length, so truncation and corruption are caught on load with a clear message.
 */

import { FNV1A } from './fnv1a';

const MAGIC = 'DESRCHIX';

export type SectionArray = Uint8Array | Uint16Array | Uint32Array;
type SectionType = 'u8' | 'u16' | 'u32';

interface SectionEntry {
  offset: number;
  length: number;
  type: SectionType;
  checksum: number;
}

interface Envelope<H> {
  header: H;
  totalBytes: number;
  sections: Record<string, SectionEntry>;
}

export class FormatError extends Error {
  override name = 'FormatError';
}

export function encodeContainer<H>(header: H, sections: Record<string, SectionArray>): Uint8Array {
  const entries: Record<string, SectionEntry> = {};
  // Offsets are relative to the end of the header block, so they do not depend on the header's own length.
  let offset = 0;
  for (const [name, array] of Object.entries(sections)) {
    entries[name] = { offset, length: array.length, type: typeOf(array), checksum: checksum(bytesOf(array)) };
    offset = align(offset + array.byteLength);
  }
  const headerBytes = new TextEncoder().encode(JSON.stringify({ header, sections: entries, totalBytes: 0 }));
  // totalBytes depends on the header length, which depends on totalBytes' digits: fix it with a second pass.
  let start = align(12 + headerBytes.length);
  let envelope = new TextEncoder().encode(JSON.stringify({ header, sections: entries, totalBytes: start + offset }));
  start = align(12 + envelope.length);
  envelope = new TextEncoder().encode(JSON.stringify({ header, sections: entries, totalBytes: start + offset }));
  const total = start + offset;
  if (align(12 + envelope.length) !== start) throw new Error('header length did not settle');

  const out = new Uint8Array(total);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, envelope.length, true);
  out.set(envelope, 12);
  for (const [name, array] of Object.entries(sections)) out.set(bytesOf(array), start + entries[name]!.offset);
  return out;
}

/**
 * The whole container's length, read from its first bytes (the header), so a
 * loader can tell how many parts to fetch before it has them all.
 */
export function containerLength(start: Uint8Array): number {
  if (start.length === 0) throw new FormatError('the file is empty');
  if (start.length < 12 || new TextDecoder().decode(start.subarray(0, 8)) !== MAGIC) {
    throw new FormatError('not an index file (wrong magic bytes)');
  }
  const headerLength = new DataView(start.buffer, start.byteOffset, start.byteLength).getUint32(8, true);
  if (12 + headerLength > start.length) throw new FormatError('the file is truncated (header cut off)');
  try {
    const { totalBytes } = JSON.parse(new TextDecoder().decode(start.subarray(12, 12 + headerLength))) as { totalBytes: number };
    if (Number.isSafeInteger(totalBytes) && totalBytes > 0) return totalBytes;
  } catch {
    // fall through
  }
  throw new FormatError('the header is corrupted');
}

/**
 * The offsets at which a container can be cut into parts without splitting a
 * section: where each section starts. A section split across two parts must
 * be copied into one buffer when it is loaded (see Chunks), which for the
 * 22k-paragraph corpora cost 7 MB of a Worker's memory.
 */
export function sectionStarts(bytes: Uint8Array): number[] {
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  const envelope = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as Envelope<unknown>;
  const start = align(12 + headerLength);
  return Object.values(envelope.sections)
    .map((entry) => start + entry.offset)
    .sort((a, b) => a - b);
}

/**
 * The container's bytes as they arrived: one buffer, or the parts of an index
 * stored in several files (see parts.ts). Ranges inside one chunk are views;
 * only a range that straddles two chunks is copied, so loading parts never
 * needs a second copy of the whole index.
 */
export class Chunks {
  readonly length: number;

  constructor(readonly chunks: readonly Uint8Array[]) {
    this.length = chunks.reduce((n, c) => n + c.length, 0);
  }

  /** `length` bytes from `offset`, 8-byte aligned (a view where possible, else a copy). */
  range(offset: number, length: number): Uint8Array {
    let at = offset;
    for (const chunk of this.chunks) {
      if (at < chunk.length) {
        if (at + length <= chunk.length && (chunk.byteOffset + at) % 8 === 0) return chunk.subarray(at, at + length);
        break;
      }
      at -= chunk.length;
    }
    const copy = new Uint8Array(length);
    let filled = 0;
    at = offset;
    for (const chunk of this.chunks) {
      if (filled === length) break;
      if (at >= chunk.length) {
        at -= chunk.length;
        continue;
      }
      const piece = chunk.subarray(at, Math.min(chunk.length, at + length - filled));
      copy.set(piece, filled);
      filled += piece.length;
      at = 0;
    }
    return copy;
  }
}

export function decodeContainer<H>(input: Uint8Array | Chunks): { header: H; sections: Record<string, SectionArray> } {
  const bytes = input instanceof Chunks ? input : new Chunks([input]);
  const start12 = bytes.range(0, Math.min(12, bytes.length));
  if (bytes.length < 12 || new TextDecoder().decode(start12.subarray(0, 8)) !== MAGIC) {
    throw new FormatError('not an index file (wrong magic bytes)');
  }
  const headerLength = new DataView(start12.buffer, start12.byteOffset, 12).getUint32(8, true);
  if (12 + headerLength > bytes.length) throw new FormatError('the file is truncated (header cut off)');
  let envelope: Envelope<H>;
  try {
    envelope = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes.range(12, headerLength))) as Envelope<H>;
  } catch {
    throw new FormatError('the header is corrupted');
  }
  if (bytes.length !== envelope.totalBytes) {
    throw new FormatError(`the file is ${bytes.length < envelope.totalBytes ? 'truncated' : 'too long'} (${bytes.length} of ${envelope.totalBytes} bytes)`);
  }
  const start = align(12 + headerLength);
  const sections: Record<string, SectionArray> = {};
  for (const [name, entry] of Object.entries(envelope.sections)) {
    const array = view(bytes.range(start + entry.offset, entry.length * BYTES[entry.type]), entry.length, entry.type);
    if (checksum(bytesOf(array)) !== entry.checksum) throw new FormatError(`section ${name} is corrupted (checksum mismatch)`);
    sections[name] = array;
  }
  return { header: envelope.header, sections };
}

const BYTES: Record<SectionType, number> = { u8: 1, u16: 2, u32: 4 };

function view(bytes: Uint8Array, length: number, type: SectionType): SectionArray {
  if (type === 'u8') return bytes;
  if (type === 'u16') return new Uint16Array(bytes.buffer, bytes.byteOffset, length);
  return new Uint32Array(bytes.buffer, bytes.byteOffset, length);
}

function typeOf(array: SectionArray): SectionType {
  return array instanceof Uint8Array ? 'u8' : array instanceof Uint16Array ? 'u16' : 'u32';
}

function bytesOf(array: SectionArray): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function align(n: number): number {
  return (n + 7) & ~7;
}

/** FNV-1a over 32-bit words (and the trailing bytes): fast enough to check 30 MB at start-up. */
function checksum(bytes: Uint8Array): number {
  const { prime } = FNV1A;
  let h: number = FNV1A.offsetBasis;
  const words = bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2) : null;
  let i = 0;
  if (words) {
    for (let w = 0; w < words.length; w++) h = Math.imul(h ^ words[w]!, prime);
    i = words.length * 4;
  }
  for (; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, prime);
  return h >>> 0;
}
