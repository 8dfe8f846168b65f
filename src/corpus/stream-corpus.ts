import { createReadStream, type Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Article } from './article';
import { isNotArticle } from './formats';
import { CorpusError, type CorpusProblem } from './problem';
import { toArticle } from './read-jsonl';
import { readMarkdown } from './read-markdown';
import { readRawText } from './read-raw-text';

export interface StreamCorpusOptions {
  /** Stop at the first problem (a CorpusError) instead of skipping. */
  strict?: boolean;
  /** An article file (.txt, .md), or one line of JSON Lines, larger than this is refused (default 10 MB). */
  maxArticleBytes?: number;
  /** Called for every file or line that is skipped, with the reason. */
  onProblem?: (problem: CorpusProblem) => void;
}

const DEFAULT_MAX_ARTICLE_BYTES = 10 * 1024 * 1024;
const MB = (n: number) => `${+(n / 1024 / 1024).toFixed(1)} MB`;

/** How each file name ending is read. */
const FORMATS = ['.jsonl.gz', '.jsonl', '.txt', '.md', '.markdown'] as const;
type Format = (typeof FORMATS)[number];

function formatOf(name: string): Format | null {
  const lower = name.toLowerCase();
  return FORMATS.find((f) => lower.endsWith(f)) ?? null;
}

/**
 * Reads the articles of a corpus folder one at a time, in file-name order,
 * so a corpus of any size is indexed in bounded memory: JSON Lines files
 * (also gzip-compressed, `.jsonl.gz`) line by line, article files whole.
 * A file or line that cannot be read is reported with the reason and
 * skipped (strict: thrown); duplicate ids keep their first occurrence.
 */
export async function* streamCorpus(dir: string, options: StreamCorpusOptions = {}): AsyncGenerator<Article> {
  const maxArticleBytes = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  const report = (problem: CorpusProblem) => {
    if (options.strict) throw new CorpusError(problem);
    options.onProblem?.(problem);
  };
  const seen = new Set<string>();
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (error) {
    throw new CorpusError({ file: dir, reason: `cannot read the corpus folder (${(error as NodeJS.ErrnoException).code ?? error})` });
  }
  const accept = (article: Article, file: string, line?: number): boolean => {
    if (seen.has(article.id)) {
      report({ file, ...(line === undefined ? {} : { line }), reason: `duplicate article id "${article.id}"; skipped` });
      return false;
    }
    seen.add(article.id);
    return true;
  };
  for (const name of names) {
    if (isNotArticle(name)) continue;
    const file = join(dir, name);
    let info: Stats;
    try {
      info = await stat(file);
    } catch (error) {
      report({ file, reason: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? error})` });
      continue;
    }
    const format = formatOf(name);
    if (info.isDirectory()) {
      if (format) report({ file, reason: 'is a folder, not an article file (sub-folders are not read)' });
      continue;
    }
    if (!info.isFile()) {
      report({ file, reason: 'not a regular file' });
      continue;
    }
    if (!format) {
      report({ file, reason: `unknown format "${extname(name) || '(no extension)'}": use .txt, .md, .jsonl or .jsonl.gz` });
      continue;
    }
    if (info.size === 0) {
      report({ file, reason: 'the file is empty' });
      continue;
    }
    if (format === '.jsonl' || format === '.jsonl.gz') {
      for await (const { article, line } of jsonLines(file, format === '.jsonl.gz', maxArticleBytes, report)) {
        if (accept(article, file, line)) yield article;
      }
      continue;
    }
    if (info.size > maxArticleBytes) {
      report({ file, reason: `the file is too large (${MB(info.size)}; one article file may be at most ${MB(maxArticleBytes)})` });
      continue;
    }
    const text = await readText(file, report);
    if (text === null) continue;
    try {
      const id = basename(name, extname(name));
      const article = format === '.txt' ? readRawText(id, text) : readMarkdown(id, text);
      if (accept(article, file)) yield article;
    } catch (error) {
      if (error instanceof CorpusError) throw error;
      report({ file, reason: (error as Error).message });
    }
  }
}

async function readText(file: string, report: (p: CorpusProblem) => void): Promise<string | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    report({ file, reason: `cannot read the file (${code ?? (error as Error).message}${code === 'EACCES' || code === 'EPERM' ? ': no permission to read it' : ''})` });
    return null;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    report({ file, reason: 'the file is not valid UTF-8' });
    return null;
  }
  if (text.trim() === '') {
    report({ file, reason: 'the file is empty (white space only)' });
    return null;
  }
  return text;
}

/** The articles of a JSON Lines file, streamed; a bad line is reported with its number and skipped. */
async function* jsonLines(
  file: string,
  gzip: boolean,
  maxLineBytes: number,
  report: (p: CorpusProblem) => void,
): AsyncGenerator<{ article: Article; line: number }> {
  const raw = createReadStream(file);
  const input = gzip ? raw.pipe(createGunzip()) : raw;
  let failed: Error | null = null;
  const fail = (error: Error) => (failed ??= error);
  raw.on('error', fail);
  input.on('error', fail);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const rawLine of lines) {
      n++;
      const line = rawLine.trim();
      if (line === '') continue;
      if (line.length * 3 > maxLineBytes && Buffer.byteLength(line) > maxLineBytes) {
        report({ file, line: n, reason: `the line is too large (${Buffer.byteLength(line)} bytes; one article may be at most ${maxLineBytes} bytes)` });
        continue;
      }
      if (line.includes('\uFFFD')) {
        report({ file, line: n, reason: 'the line is not valid UTF-8' });
        continue;
      }
      try {
        yield { article: toArticle(JSON.parse(line)), line: n };
      } catch (error) {
        report({ file, line: n, reason: error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message });
      }
    }
  } catch (error) {
    fail(error as Error);
  }
  if (failed) report({ file, reason: `cannot read the file (${(failed as NodeJS.ErrnoException).code ?? (failed as Error).message})` });
}
