import { CURRENT } from '../index/root';
import type { WritableStore } from '../index/storage/index-store';
import { PointerRaceError, type R2Like } from '../index/storage/r2-store';

/**
 * The index pointer as a compare-and-swap register: a writer reads it with a
 * tag and switches it only if the tag still holds, so a writer that lost a
 * race (another writer, an upload) learns it instead of overwriting.
 */
export interface Pointer {
  read(): Promise<{ name: string; tag: string } | null>;
  /** Switches to `name` if the pointer still has `tag` (null: if there is no pointer); else PointerRaceError. */
  swap(name: string, tag: string | null): Promise<void>;
}

/** R2: the tag is the object's etag, the swap a conditional put (R2ChunkStore.swapPointer). */
export function r2Pointer(bucket: R2Like, prefix: string, store: { swapPointer(name: string, bytes: Uint8Array, expectedEtag?: string | null): Promise<void> }): Pointer {
  return {
    async read() {
      const object = await bucket.get(prefix + CURRENT);
      if (!object) return null;
      return { name: new TextDecoder().decode(await object.arrayBuffer()).trim(), tag: object.etag };
    },
    swap: (name, tag) => store.swapPointer(CURRENT, new TextEncoder().encode(name), tag),
  };
}

/**
 * A store written by one process (a folder, memory): the tag is the name
 * itself, compared before the swap. Not atomic across processes (one
 * writer per folder), but it catches a pointer switched since it was read.
 */
export function storePointer(store: WritableStore): Pointer {
  const read = async () => {
    const bytes = await store.get(CURRENT);
    return bytes ? new TextDecoder().decode(bytes).trim() : null;
  };
  return {
    async read() {
      const name = await read();
      return name === null ? null : { name, tag: name };
    },
    async swap(name, tag) {
      if ((await read()) !== tag) throw new PointerRaceError('the index pointer changed while this version was written');
      await store.swapPointer(CURRENT, new TextEncoder().encode(name));
    },
  };
}
