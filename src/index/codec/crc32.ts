import * as zlib from 'node:zlib';

/**
 * CRC-32 (IEEE 802.3, the polynomial of zlib and PNG). Every unit the index
 * reads — a dictionary block, a postings block, a positions block, a stored
 * block — is checked against the CRC its parent holds, so a damaged or
 * foreign byte range is refused instead of decoded into wrong results.
 *
 * Every byte a query reads passes through here: a long range through zlib,
 * a short one (where a native call costs more than the sum) eight bytes at
 * a time ("slicing-by-8", Kounavis & Berry): table k gives the CRC
 * of a byte followed by k zero bytes, and the eight lookups of a step are
 * independent of one another.
 */
const TABLES = (() => {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

/**
 * Ranges at least this long go to zlib's CRC-32 (node:zlib, which Workers
 * has under nodejs_compat, as the stored texts' inflate does): a few times
 * faster than the loop below once the call's own cost is paid. Node has it
 * from 20.15 on; before, every range takes the loop.
 */
const NATIVE_FROM = 512;
const zlibCrc32: ((data: Uint8Array) => number) | undefined = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (zlibCrc32 !== undefined && end - start >= NATIVE_FROM) return zlibCrc32(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end));
  const t = TABLES;
  let crc = -1;
  let i = start;
  for (const last = end - 8; i <= last; i += 8) {
    const one = (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) ^ crc;
    const two = bytes[i + 4]! | (bytes[i + 5]! << 8) | (bytes[i + 6]! << 16) | (bytes[i + 7]! << 24);
    crc =
      t[1792 + (one & 0xff)]! ^
      t[1536 + ((one >>> 8) & 0xff)]! ^
      t[1280 + ((one >>> 16) & 0xff)]! ^
      t[1024 + (one >>> 24)]! ^
      t[768 + (two & 0xff)]! ^
      t[512 + ((two >>> 8) & 0xff)]! ^
      t[256 + ((two >>> 16) & 0xff)]! ^
      t[two >>> 24]!;
  }
  for (; i < end; i++) crc = t[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
