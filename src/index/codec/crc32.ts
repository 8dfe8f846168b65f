/**
 * CRC-32 (IEEE 802.3, the polynomial of zlib and PNG). Every unit the index
 * reads — a dictionary block, a postings block, a positions block, a stored
 * block — is checked against the CRC its parent holds, so a damaged or
 * foreign byte range is refused instead of decoded into wrong results.
 */
const TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = -1;
  for (let i = start; i < end; i++) crc = TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
