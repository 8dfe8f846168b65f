import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Compression } from './deflate';

/**
 * Raw DEFLATE through zlib, synchronously: many times faster than the
 * platform's streams for the many small blocks a query inflates (a stream
 * costs a round of promises per block). Node has it, and so do Workers with
 * `nodejs_compat` (node:zlib; see src/types/node-zlib.d.ts), preset
 * dictionaries included (zlib's `dictionary` option).
 */
export const zlibCompression: Compression = {
  deflate: async (bytes, dictionary) =>
    new Uint8Array(deflateRawSync(bytes, dictionary?.length ? { level: 9, dictionary } : { level: 9 })),
  inflate: async (bytes, dictionary) => new Uint8Array(dictionary?.length ? inflateRawSync(bytes, { dictionary }) : inflateRawSync(bytes)),
};

/**
 * The same DEFLATE at its fastest level, for segments that exist only to be
 * merged (a build of several segments): the merge inflates their stored
 * blocks and compresses them again, with zlibCompression, so spending level 9
 * on them was wasted. Never for anything served.
 */
export const zlibFastCompression: Compression = {
  deflate: async (bytes, dictionary) =>
    new Uint8Array(deflateRawSync(bytes, dictionary?.length ? { level: 1, dictionary } : { level: 1 })),
  inflate: zlibCompression.inflate,
};
