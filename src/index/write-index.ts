import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PART_BYTES, partName, splitIntoParts } from './parts';
import { writeFileAtomic } from './write';

/**
 * Writes a serialized index as its parts (see parts.ts), each atomically.
 * The first part, which names the total length, is renamed into place last,
 * and leftover parts of a larger previous index are removed; a reader that
 * catches the files mid-way sees a checksum mismatch, never a wrong answer.
 * Returns the paths written.
 */
export async function writeIndexFiles(path: string, bytes: Uint8Array, partBytes = PART_BYTES): Promise<string[]> {
  const parts = splitIntoParts(bytes, partBytes);
  const paths = parts.map((_, i) => partName(path, i));
  for (let i = parts.length - 1; i >= 0; i--) await writeFileAtomic(paths[i]!, parts[i]!);
  const name = basename(path);
  const stale = (await readdir(dirname(path))).filter((f) => {
    const part = f.startsWith(`${name}.`) ? Number(f.slice(name.length + 1)) : NaN;
    return Number.isInteger(part) && part >= parts.length;
  });
  for (const f of stale) await rm(join(dirname(path), f), { force: true });
  return paths;
}
