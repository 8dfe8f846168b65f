import type { Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Article } from './article';
import { formatOf, isNotArticle, knownExtensions } from './formats';
import { CorpusError, type CorpusProblem } from './problem';

export interface ReadCorpusOptions {
  /** Stop at the first problem (a CorpusError) instead of skipping the file. */
  strict?: boolean;
  /** Any file larger than this is refused (default 256 MB: a JSON Lines file of many articles). */
  maxFileBytes?: number;
  /** A one-article file (.txt, .md), or one article of a many-article file (a JSON Lines line), larger than this is refused (default 10 MB). */
  maxArticleBytes?: number;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
const DEFAULT_MAX_ARTICLE_BYTES = 10 * 1024 * 1024;
const MB = (n: number) => `${+(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * Reads every article file in `dir` (not recursive; in file-name order, so
 * builds are deterministic). The format follows the extension (formats.ts:
 * `.txt` raw scraped, `.md` Markdown with front matter, `.jsonl` JSON Lines). A file that
 * cannot be read — unknown format, unreadable, empty, too large, not UTF-8,
 * malformed, a duplicate id — is reported as a problem naming the file (and
 * line) with the reason, and skipped; in strict mode it throws.
 */
export async function readCorpus(dir: string, options: ReadCorpusOptions = {}): Promise<{ articles: Article[]; problems: CorpusProblem[] }> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_BYTES;
  const maxArticleBytes = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  const articles: Article[] = [];
  const problems: CorpusProblem[] = [];
  const seen = new Map<string, string>();
  const report = (problem: CorpusProblem) => {
    if (options.strict) throw new CorpusError(problem);
    problems.push(problem);
  };

  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (error) {
    throw new CorpusError({ file: dir, reason: `cannot read the corpus folder (${(error as NodeJS.ErrnoException).code ?? error})` });
  }
  for (const name of names) {
    if (isNotArticle(name)) continue;
    const file = join(dir, name);
    let info: Stats;
    try {
      info = await stat(file);
    } catch (error) {
      // e.g. a dangling symlink: it looks like an article file but cannot be read.
      report({ file, reason: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? error})` });
      continue;
    }
    const ext = extname(name).toLowerCase();
    const format = formatOf(ext);
    if (info.isDirectory()) {
      // Flat: sub-folders are not read. One named like an article file is probably a mistake, so it is reported.
      if (format) report({ file, reason: 'is a folder, not an article file (sub-folders are not read)' });
      continue;
    }
    if (!info.isFile()) {
      report({ file, reason: 'not a regular file' });
      continue;
    }
    if (!format) {
      report({ file, reason: `unknown format "${ext || '(no extension)'}": use ${knownExtensions()}` });
      continue;
    }
    if (info.size === 0) {
      report({ file, reason: 'the file is empty' });
      continue;
    }
    const limit = format.manyArticles ? maxBytes : Math.min(maxBytes, maxArticleBytes);
    if (info.size > limit) {
      const what = format.manyArticles ? `a ${format.name} file` : 'one article file';
      report({ file, reason: `the file is too large (${MB(info.size)}, ${info.size} bytes; ${what} may be at most ${MB(limit)}): split it, or check that it is an article` });
      continue;
    }
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      const hint = error.code === 'EACCES' || error.code === 'EPERM' ? ': no permission to read it' : '';
      report({ file, reason: `cannot read the file (${error.code ?? error.message}${hint})` });
      return null;
    });
    if (!bytes) continue;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      report({ file, reason: 'the file is not valid UTF-8' });
      continue;
    }
    if (text.trim() === '') {
      report({ file, reason: 'the file is empty (white space only)' });
      continue;
    }
    const id = basename(name, extname(name));
    let found: Article[] = [];
    let lines: readonly (number | undefined)[] = []; // the line of each found article, where the format has lines
    try {
      const reading = format.read(file, id, text, maxArticleBytes);
      found = reading.articles;
      lines = reading.lines ?? [];
      reading.problems?.forEach(report);
    } catch (error) {
      if (error instanceof CorpusError) throw error;
      report({ file, reason: (error as Error).message });
      continue;
    }
    for (const [i, article] of found.entries()) {
      const line = lines[i];
      const where = line === undefined ? file : `${file}:${line}`;
      const first = seen.get(article.id);
      if (first) {
        // The later occurrence is the problem; the first one stays in the corpus.
        report({ file, ...(line === undefined ? {} : { line }), reason: `duplicate article id "${article.id}" (first in ${first}); skipped` });
        continue;
      }
      seen.set(article.id, where);
      articles.push(article);
    }
  }
  return { articles, problems };
}
