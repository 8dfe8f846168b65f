import type { Article } from './article';
import { cleanParagraphs } from './normalize-paragraphs';
import type { CorpusProblem } from './problem';
import { deriveTitle } from './title';

/**
 * JSON Lines for bulk import, one article per line:
 * `{"id", "title", "date", "source", "url", "category", "paragraphs": [...]}`
 * (the format of ../shared/corpora/*.docs.jsonl; `tags` is accepted too, and
 * for articles behind a paywall `"access": "paid"` with the numbers of the
 * paragraphs that may be shown, `"free": [0]`).
 * A bad line is a problem naming its line number; the other lines are kept.
 * `lines[i]` is the 1-based line of `articles[i]` (for later problems such as
 * a duplicate id). A line longer than `maxLineBytes` is a problem too.
 */
export function readJsonLines(
  file: string,
  text: string,
  maxLineBytes = Infinity,
): { articles: Article[]; lines: number[]; problems: CorpusProblem[] } {
  const articles: Article[] = [];
  const lines: number[] = [];
  const problems: CorpusProblem[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    // One line is one article: a line of many megabytes is a broken export, not an article.
    if (line.length * 3 > maxLineBytes) {
      const bytes = new TextEncoder().encode(line).length;
      if (bytes > maxLineBytes) {
        problems.push({ file, line: i + 1, reason: `the line is too large (${bytes} bytes; one article may be at most ${maxLineBytes} bytes)` });
        return;
      }
    }
    try {
      articles.push(toArticle(JSON.parse(line)));
      lines.push(i + 1);
    } catch (error) {
      const reason = error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message;
      problems.push({ file, line: i + 1, reason });
    }
  });
  return { articles, lines, problems };
}

export function toArticle(record: unknown): Article {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new Error('not a JSON object');
  const r = record as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id.trim() === '') throw new Error('missing or empty "id"');
  if (!Array.isArray(r.paragraphs) || !r.paragraphs.every((p) => typeof p === 'string')) {
    throw new Error(`article ${r.id}: "paragraphs" must be an array of strings`);
  }
  // Paragraph numbers must match the source record, so empty paragraphs are kept (as empty), not dropped.
  const paragraphs = r.paragraphs.map((p: string) => cleanParagraphs([p])[0] ?? '');
  if (!paragraphs.some(Boolean)) throw new Error(`article ${r.id}: no paragraphs with text`);
  const optional = (key: string) => {
    const v = r[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') throw new Error(`article ${r.id}: "${key}" must be a string or null`);
    return v;
  };
  const tags = r.tags === undefined || r.tags === null ? [] : r.tags;
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) throw new Error(`article ${r.id}: "tags" must be strings`);
  return {
    id: r.id,
    title: optional('title') ?? deriveTitle(paragraphs.find(Boolean)!),
    date: optional('date'),
    url: optional('url'),
    source: optional('source'),
    category: optional('category'),
    tags,
    paragraphs,
    ...accessOf(r, r.id, paragraphs.length),
  };
}

/** `access` and `free`, when given: a paid article shows only its free paragraphs (by default the lead). */
function accessOf(r: Record<string, unknown>, id: string, paragraphs: number): Pick<Article, 'access' | 'free'> {
  const { access, free } = r;
  if (access === undefined || access === null) {
    if (free !== undefined && free !== null) throw new Error(`article ${id}: "free" is only for "access": "paid"`);
    return {};
  }
  if (access !== 'free' && access !== 'paid') throw new Error(`article ${id}: "access" must be "free" or "paid"`);
  if (free === undefined || free === null) return { access };
  if (access !== 'paid') throw new Error(`article ${id}: "free" is only for "access": "paid"`);
  if (!Array.isArray(free) || !free.every((n) => Number.isInteger(n) && n >= 0 && n < paragraphs)) {
    throw new Error(`article ${id}: "free" must list paragraph numbers from 0 to ${paragraphs - 1}`);
  }
  return { access, free: [...new Set(free as number[])].sort((a, b) => a - b) };
}
