import type { IndexRoot, RootSegment } from '../root';
import { contentHash, CURRENT, INDEX_FORMAT, INDEX_FORMAT_VERSION, rootName, segmentId } from '../root';
import { crc32 } from '../codec/crc32';
import type { Deletions } from '../segment/deletions';
import type { SegmentData, SegmentMeta } from '../segment/meta';
import { SEGMENT_FILES, type SegmentFile } from '../segment/schema';
import { IndexUnavailableError } from './byte-source';
import { chunkCount, chunkName, type ChunkStore } from './chunk-store';

/** A store the index can be written to: chunk files, roots and the pointer. */
export interface WritableStore extends ChunkStore {
  put(name: string, bytes: Uint8Array): Promise<void>;
  /**
   * Replaces the pointer so that readers see the old or the new root, never
   * a mix. A store shared by several writers (R2) takes the pointer's tag a
   * writer saw before it wrote (`pointerTag`) and refuses the swap when the
   * pointer changed since.
   */
  swapPointer(name: string, bytes: Uint8Array, expectedTag?: string | null): Promise<void>;
  /** The pointer's tag now (null: none yet), for stores with more than one writer. */
  pointerTag?(): Promise<string | null>;
  /** Names of everything stored (for removing what no root names any more). */
  list(): Promise<string[]>;
  remove(name: string): Promise<void>;
}

/** The id a built segment is stored under at this chunk size: the hash of its files and the chunk size (`segmentId`). */
export function segmentIdOf(data: SegmentData, chunkSize: number): Promise<string> {
  return segmentId(SEGMENT_FILES.map((f) => data.files[f]), chunkSize);
}

/**
 * Stores a built segment under its content hash (`segmentIdOf`; pass it when
 * already known): every file in chunks of `chunkSize`. Returns its meta, now
 * with its id. Writing the same segment twice writes the same names with the
 * same bytes.
 */
export async function storeSegment(store: WritableStore, data: SegmentData, chunkSize: number, known?: string): Promise<SegmentMeta> {
  const id = known ?? (await segmentIdOf(data, chunkSize));
  for (const file of SEGMENT_FILES) await storeFile(store, `${id}/${file}`, data.files[file], chunkSize);
  return { ...data.meta, id };
}

/** Stores one logical file as chunk files of `chunkSize` (what every reader of the index expects). */
export async function storeFile(store: WritableStore, file: string, bytes: Uint8Array, chunkSize: number): Promise<void> {
  const chunks = chunkCount(bytes.length, chunkSize);
  for (let n = 0; n < chunks; n++) await store.put(chunkName(file, n), bytes.subarray(n * chunkSize, (n + 1) * chunkSize));
}

/** Files of a stored segment, whole: all of them, or those asked for (what a merge reads of its inputs). */
export async function readSegmentFiles<F extends SegmentFile = SegmentFile>(
  store: ChunkStore,
  meta: SegmentMeta,
  chunkSize: number,
  files: readonly F[] = SEGMENT_FILES as readonly SegmentFile[] as readonly F[],
): Promise<Record<F, Uint8Array>> {
  const out = {} as Record<F, Uint8Array>;
  await Promise.all(
    files.map(async (f) => {
      const bytes = new Uint8Array(meta.files[f]);
      await Promise.all(
        Array.from({ length: chunkCount(bytes.length, chunkSize) }, async (_, n) => {
          const name = chunkName(`${meta.id}/${f}`, n);
          const chunk = await store.get(name);
          if (!chunk) throw new IndexUnavailableError(`index chunk ${name} is missing`);
          bytes.set(chunk.subarray(0, Math.min(chunk.length, bytes.length - n * chunkSize)), n * chunkSize);
        }),
      );
      out[f] = bytes;
    }),
  );
  return out;
}

/** Stores a segment's deletions under a name that carries their hash; returns what the root records. */
export async function storeDeletions(
  store: WritableStore,
  segment: string,
  deletions: Deletions,
  chunkSize: number,
): Promise<NonNullable<RootSegment['deletions']>> {
  const bytes = deletions.encode();
  const file = `del-${segment}-${(await contentHash(bytes)).slice(0, 16)}`;
  await storeFile(store, file, bytes, chunkSize);
  return { file, length: bytes.length, crc: crc32(bytes), count: deletions.count };
}

/**
 * Publishes a root: writes it under the hash of its bytes, then swaps the
 * pointer to it. The segments it names must be stored already, so a reader
 * that follows the pointer finds everything.
 */
export async function publishRoot(store: WritableStore, root: IndexRoot): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(root));
  const name = await rootName(bytes);
  await store.put(name, bytes);
  await store.swapPointer(CURRENT, new TextEncoder().encode(name));
  return name;
}

/** Removes stored files that the given roots do not name (old versions, failed builds). */
export async function removeUnreferenced(store: WritableStore, keep: ReadonlyArray<{ name: string; root: IndexRoot }>): Promise<number> {
  const live = new Set<string>([CURRENT]);
  const segments = new Set<string>();
  for (const { name, root } of keep) {
    live.add(name);
    for (const s of root.segments) {
      segments.add(s.meta.id);
      if (s.deletions) live.add(s.deletions.file);
    }
  }
  let removed = 0;
  for (const name of await store.list()) {
    const segment = name.split('/')[0]!;
    // A chunk file is `<file>.<n>`: it lives while its file does.
    const file = name.replace(/\.\d+$/, '');
    if (live.has(name) || live.has(file) || segments.has(segment)) continue;
    await store.remove(name);
    removed++;
  }
  return removed;
}

export function newRoot(analysis: IndexRoot['analysis'], chunkSize: number, segments: RootSegment[]): IndexRoot {
  return { format: INDEX_FORMAT, version: INDEX_FORMAT_VERSION, createdAt: new Date().toISOString(), analysis, chunkSize, segments };
}
