import { cp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CURRENT } from '../src/index/root';
import { SEGMENT_FILES, type SegmentFile } from '../src/index/segment/schema';

/** Where the Worker reads its index among the static assets (wrangler.toml INDEX_PATH = "/index/"). */
export const ASSETS_INDEX_DIR = 'index';

/** Every file of an index folder (chunk files, roots, CURRENT), as paths relative to it, in name order. */
export async function indexFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (at: string) => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

/** What an index folder holds, in bytes: per logical file of its segments, its roots and pointer, and the largest single file. */
export interface IndexFolderSizes {
  /** Per logical file (terms, postings, …), summed over segments and chunks. */
  files: Record<SegmentFile, number>;
  /** Root files and the CURRENT pointer. */
  root: number;
  /** Deleted-doc sets of segments (`del-<segment>-<hash>`), stored beside them. */
  deletions: number;
  /** Everything in the folder. */
  total: number;
  /** Everything in the folder, gzip-compressed as one stream (what a transfer of all of it costs). */
  gzip: number;
  /** Number of files, and the largest (a static asset may be at most 25 MiB). */
  count: number;
  largest: number;
}

/**
 * Sizes of an index folder as stored (chunk files are `<segment>/<file>.<n>`,
 * src/index/storage/chunk-store.ts). Anything else in the folder counts in
 * `total` only.
 */
export async function indexFolderSizes(dir: string): Promise<IndexFolderSizes> {
  const files = Object.fromEntries(SEGMENT_FILES.map((f) => [f, 0])) as Record<SegmentFile, number>;
  let root = 0;
  let deletions = 0;
  let total = 0;
  let largest = 0;
  const names = await indexFiles(dir);
  const contents: Buffer[] = [];
  for (const name of names) {
    const bytes = await readFile(join(dir, name));
    contents.push(bytes);
    total += bytes.length;
    largest = Math.max(largest, bytes.length);
    const logical = /^[0-9a-f]+\/([a-z]+)\.\d+$/.exec(name)?.[1];
    if (logical && (SEGMENT_FILES as readonly string[]).includes(logical)) files[logical as SegmentFile] += bytes.length;
    else if (name === CURRENT || /^root-[0-9a-f]+\.json$/.test(name)) root += bytes.length;
    else if (/^del-[0-9a-f]+-[0-9a-f]+\.\d+$/.test(name)) deletions += bytes.length;
  }
  return { files, root, deletions, total, gzip: gzipSync(Buffer.concat(contents), { level: 9 }).length, count: names.length, largest };
}

/** Raw and gzip bytes of a file, or of every file of a folder (gzip as one stream, files in name order). */
export async function pathSizes(path: string): Promise<{ raw: number; gzip: number }> {
  const info = await stat(path);
  const names = info.isDirectory() ? (await indexFiles(path)).map((n) => join(path, n)) : [path];
  const bytes = Buffer.concat(await Promise.all(names.map((n) => readFile(n))));
  return { raw: bytes.length, gzip: gzipSync(bytes).length };
}

/**
 * Puts the index folder `indexDir` into a static-assets folder as the index
 * the Worker reads (`index/`, wrangler.toml's INDEX_PATH), in place of any
 * index already there.
 */
export async function serveIndexFrom(assets: string, indexDir: string): Promise<void> {
  const target = join(assets, ASSETS_INDEX_DIR);
  await rm(target, { recursive: true, force: true });
  await cp(indexDir, target, { recursive: true });
}
