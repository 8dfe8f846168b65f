/**
 * Raw DEFLATE for stored paragraphs, as a seam: the index takes whichever
 * implementation it is given (zlib-compression.ts in Node and in Workers;
 * tests may pass others). A block is deflated and inflated with its
 * segment's preset dictionary (preset-dictionary.ts) when it has one: an
 * empty or absent dictionary means none.
 */
export interface Compression {
  deflate(bytes: Uint8Array, dictionary?: Uint8Array): Promise<Uint8Array>;
  inflate(bytes: Uint8Array, dictionary?: Uint8Array): Promise<Uint8Array>;
}
