import type { SegmentMeta } from '../segment/meta';
import type { SegmentFile } from '../segment/schema';
import { chunkName } from '../storage/chunk-store';
import type { FsStore } from '../storage/fs-store';

/** Some of a stored segment's files, whole (what a merge step reads of its inputs). */
export async function readSegmentFiles<F extends SegmentFile>(
  store: FsStore,
  meta: SegmentMeta,
  chunkSize: number,
  files: readonly F[],
): Promise<Record<F, Uint8Array>> {
  const out = {} as Record<F, Uint8Array>;
  for (const file of files) {
    const size = meta.files[file];
    const bytes = new Uint8Array(size);
    for (let n = 0; n * chunkSize < size; n++) {
      const chunk = await store.get(chunkName(`${meta.id}/${file}`, n));
      if (!chunk) throw new Error(`segment ${meta.id} lacks chunk ${n} of ${file}`);
      bytes.set(chunk, n * chunkSize);
    }
    out[file] = bytes;
  }
  return out;
}
