import { IndexUnavailableError } from './byte-source';
import type { ChunkStore } from './chunk-store';

/** What the store needs of the static-assets binding (`env.ASSETS`). */
export interface AssetFetcher {
  fetch(request: Request): Promise<Response>;
}

/**
 * Chunk files served by Workers Static Assets. The asset server answers
 * whole files only (no `Range`), so every read fetches its chunk whole; the
 * reader keeps chunks in a byte-bounded cache (see ChunkedSource).
 */
export class AssetsChunkStore implements ChunkStore {
  readonly ranged = false;

  /** `prefix`: the index folder's path among the assets, e.g. `/index/`. */
  constructor(
    private readonly assets: AssetFetcher,
    private readonly prefix: string,
  ) {}

  async get(name: string): Promise<Uint8Array | null> {
    const response = await this.assets.fetch(new Request(`https://assets.local${this.prefix}${name}`));
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) throw new IndexUnavailableError(`index asset ${name} answered ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}
