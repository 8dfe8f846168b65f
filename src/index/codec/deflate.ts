/**
 * Raw DEFLATE for stored paragraphs, as a seam: the index takes whichever
 * implementation it is given (zlib-compression.ts in Node and in Workers;
 * tests may pass others).
 */
export interface Compression {
  deflate(bytes: Uint8Array): Promise<Uint8Array>;
  inflate(bytes: Uint8Array): Promise<Uint8Array>;
}
