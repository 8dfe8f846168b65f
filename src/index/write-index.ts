import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { sectionStarts } from './binary-format';
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
  await removeStaleTempFiles(path);
  const parts = splitIntoParts(bytes, partBytes, sectionStarts(bytes));
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

/**
 * Removes temporary files that a build of `path` killed midway (SIGKILL, power
 * loss) left beside it (see writeFileAtomic), so they are not deployed with
 * the assets. Those of a build still running (its pid is alive) stay.
 */
async function removeStaleTempFiles(path: string): Promise<void> {
  const name = basename(path);
  const entries = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const f of entries) {
    if (!f.startsWith(`${name}.`)) continue;
    const m = /^(?:\.\d+)?\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(f.slice(name.length));
    if (m && !alive(Number(m[1]))) await rm(join(dirname(path), f), { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
