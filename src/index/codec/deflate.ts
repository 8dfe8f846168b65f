/**
 * Raw DEFLATE for stored paragraphs, through the platform's streams: the same
 * code runs in Node and in workerd. Node callers may pass zlib's synchronous
 * functions instead (faster for many small blocks); see `Compression`.
 */
export interface Compression {
  deflate(bytes: Uint8Array): Promise<Uint8Array>;
  inflate(bytes: Uint8Array): Promise<Uint8Array>;
}

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream)).arrayBuffer();
  return new Uint8Array(out);
}

export const streamCompression: Compression = {
  deflate: (bytes) => through(bytes, new CompressionStream('deflate-raw')),
  inflate: (bytes) => through(bytes, new DecompressionStream('deflate-raw')),
};
