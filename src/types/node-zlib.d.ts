// What the Worker uses of node:zlib, which Workers provide with the `nodejs_compat` flag
// (https://developers.cloudflare.com/workers/runtime-apis/nodejs/zlib/). The Worker's type check
// has no Node types, so that any other node: import still fails there.
declare module 'node:zlib' {
  export function deflateRawSync(data: Uint8Array, options?: { level?: number; dictionary?: Uint8Array }): Uint8Array;
  export function inflateRawSync(data: Uint8Array, options?: { dictionary?: Uint8Array }): Uint8Array;
  export function crc32(data: Uint8Array, value?: number): number;
}
