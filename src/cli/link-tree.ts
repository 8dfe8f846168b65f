import { cp, link, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Mirrors a folder by hard links (an index of hundreds of MB is not copied), or copies where links cannot go (another file system). */
export async function linkTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) await linkTree(source, target);
    else await link(source, target).catch(() => cp(source, target));
  }
}
