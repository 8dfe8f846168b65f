import type { Article } from './article';
import type { CorpusProblem } from './problem';
import { readJsonLines } from './read-jsonl';
import { readMarkdown } from './read-markdown';
import { readRawText } from './read-raw-text';

/** What a file of one format read to: its articles, and for a file of many, each one's line and the lines that failed. */
export interface FormatReading {
  articles: Article[];
  /** The 1-based line of each article, where the format has lines (JSON Lines). */
  lines?: readonly (number | undefined)[];
  problems?: readonly CorpusProblem[];
}

/**
 * A corpus file format: the extensions it is recognised by and how a file's
 * text becomes articles. Adding a format is adding an entry to
 * CORPUS_FORMATS; the reader (read-corpus.ts) picks it by extension and
 * applies the size limits, UTF-8 check and duplicate ids for all of them.
 */
export interface CorpusFormat {
  /** As named in messages. */
  name: string;
  /** Lower case, with the dot. */
  extensions: readonly string[];
  /** Many articles per file: the file may be as large as a corpus file, each article (line) as large as an article file. */
  manyArticles: boolean;
  /** `id`: the file name without extension, the article id of a one-article file; `maxArticleBytes`: per article, where a file holds many. */
  read(file: string, id: string, text: string, maxArticleBytes: number): FormatReading;
}

/** Every format the corpus reader knows, in the order messages list them. */
export const CORPUS_FORMATS: readonly CorpusFormat[] = [
  { name: 'raw scraped article', extensions: ['.txt'], manyArticles: false, read: (_file, id, text) => ({ articles: [readRawText(id, text)] }) },
  { name: 'Markdown with front matter', extensions: ['.md', '.markdown'], manyArticles: false, read: (_file, id, text) => ({ articles: [readMarkdown(id, text)] }) },
  { name: 'JSON Lines', extensions: ['.jsonl'], manyArticles: true, read: (file, _id, text, maxArticleBytes) => readJsonLines(file, text, maxArticleBytes) },
];

/** The format of a file, by its extension (`.md`, case-insensitive), or undefined. */
export function formatOf(extension: string): CorpusFormat | undefined {
  const ext = extension.toLowerCase();
  return CORPUS_FORMATS.find((f) => f.extensions.includes(ext));
}

/** The extensions to suggest when a file has none of them: `.txt, .md or .jsonl` (each format's first). */
export function knownExtensions(): string {
  const firsts = CORPUS_FORMATS.map((f) => f.extensions[0]!);
  return firsts.length > 1 ? `${firsts.slice(0, -1).join(', ')} or ${firsts[firsts.length - 1]}` : firsts.join('');
}

/** The synonyms file a corpus folder may hold beside its articles (read by `npm run build:index`, not an article). */
export const SYNONYMS_FILE = 'synonyms.txt';

/** Files of a corpus folder that are not articles: hidden ones, READMEs and the synonyms file. */
export function isNotArticle(name: string): boolean {
  return name.startsWith('.') || /^readme/i.test(name) || name.toLowerCase() === SYNONYMS_FILE;
}
