import type { Article } from '../corpus/article';
import { toArticle } from '../corpus/read-jsonl';

/**
 * What one write may carry. Every limit is a 400 or 413 with its own code
 * (see `WriteRejection`), never a silent cut: a newsroom's system must learn
 * that an article was not taken as sent.
 */
export interface WriteLimits {
  /** Bytes of one request body (a bulk of JSON Lines included). */
  maxBodyBytes: number;
  /** Bytes of one article's JSON (what the writer's log keeps per write). */
  maxArticleBytes: number;
  /** Articles per bulk request. */
  maxArticles: number;
  /** Characters of an article id. */
  maxIdLength: number;
  /** Paragraphs of one article. */
  maxParagraphs: number;
  /** Characters of one paragraph. */
  maxParagraphChars: number;
  /** Characters of the title, url, source, category and of each tag. */
  maxFieldChars: number;
  /** Tags of one article. */
  maxTags: number;
}

export const DEFAULT_WRITE_LIMITS: WriteLimits = {
  maxBodyBytes: 8 << 20,
  maxArticleBytes: 1 << 20,
  maxArticles: 1000,
  maxIdLength: 200,
  maxParagraphs: 1000,
  maxParagraphChars: 20_000,
  maxFieldChars: 2000,
  maxTags: 100,
};

/** Why a write was refused: a stable code, the HTTP status it maps to, and a message naming what is wrong. */
export class WriteRejection extends Error {
  override name = 'WriteRejection';
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
  }
}

/**
 * Ids travel in URLs and filter keys (`id:…`): printable, no white space,
 * no slash (a path segment), bounded.
 */
const ID = /^[\p{L}\p{N}._~:@!$&'()*+,;=-]+$/u;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

export function checkId(id: unknown, limits: WriteLimits): string {
  if (typeof id !== 'string' || id === '') throw new WriteRejection('invalid_id', 'the article needs an "id" (a non-empty string)');
  if (id.length > limits.maxIdLength) throw new WriteRejection('invalid_id', `the id is longer than ${limits.maxIdLength} characters`);
  if (!ID.test(id)) throw new WriteRejection('invalid_id', 'an id is letters, digits and . _ ~ : @ - (no spaces or slashes)');
  return id;
}

/**
 * Reads one article from a parsed JSON value in the JSON Lines record shape
 * (`{"id", "title", "date", "source", "url", "category", "tags", "paragraphs"}`),
 * checking every limit. Only the known keys are read, into a fresh object, so
 * a `__proto__` or `constructor` key is just an unknown key (refused).
 */
export function toLiveArticle(record: unknown, limits: WriteLimits, pathId?: string): Article {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new WriteRejection('invalid_article', 'an article is a JSON object');
  const r = record as Record<string, unknown>;
  const unknown = Object.keys(r).filter((k) => !KNOWN_KEYS.has(k));
  if (unknown.length > 0) throw new WriteRejection('unknown_field', `unknown field ${JSON.stringify(unknown[0]!.slice(0, 40))} (known: ${[...KNOWN_KEYS].join(', ')})`);
  const id = pathId === undefined ? checkId(r.id, limits) : pathId;
  if (pathId !== undefined && r.id !== undefined && r.id !== pathId) throw new WriteRejection('id_mismatch', 'the body\'s "id" differs from the id in the URL');
  if (!Array.isArray(r.paragraphs)) throw new WriteRejection('invalid_article', '"paragraphs" must be an array of strings');
  if (r.paragraphs.length > limits.maxParagraphs) {
    throw new WriteRejection('too_many_paragraphs', `an article may have at most ${limits.maxParagraphs} paragraphs`, 413);
  }
  for (const p of r.paragraphs) {
    if (typeof p === 'string' && p.length > limits.maxParagraphChars) {
      throw new WriteRejection('paragraph_too_long', `a paragraph may have at most ${limits.maxParagraphChars} characters`, 413);
    }
  }
  for (const key of ['title', 'url', 'source', 'category'] as const) {
    const v = r[key];
    if (typeof v === 'string' && v.length > limits.maxFieldChars) throw new WriteRejection('field_too_long', `"${key}" may have at most ${limits.maxFieldChars} characters`, 413);
  }
  if (Array.isArray(r.tags)) {
    if (r.tags.length > limits.maxTags) throw new WriteRejection('too_many_tags', `an article may have at most ${limits.maxTags} tags`, 413);
    if (r.tags.some((t) => typeof t === 'string' && t.length > limits.maxFieldChars)) throw new WriteRejection('field_too_long', `a tag may have at most ${limits.maxFieldChars} characters`, 413);
  }
  if (r.date !== undefined && r.date !== null && (typeof r.date !== 'string' || !ISO_DATE.test(r.date))) {
    throw new WriteRejection('invalid_date', '"date" must be an ISO date (YYYY-MM-DD, optionally with a time) or null');
  }
  let article: Article;
  try {
    article = toArticle({ id, title: r.title, date: r.date, source: r.source, url: r.url, category: r.category, tags: r.tags, paragraphs: r.paragraphs });
  } catch (error) {
    throw new WriteRejection('invalid_article', (error as Error).message);
  }
  return article;
}

const KNOWN_KEYS = new Set(['id', 'title', 'date', 'source', 'url', 'category', 'tags', 'paragraphs']);

/** Parses JSON text, turning any failure (syntax, nesting too deep for the parser) into a 400. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new WriteRejection('invalid_json', error instanceof SyntaxError ? `not valid JSON (${error.message.slice(0, 120)})` : 'not valid JSON');
  }
}

/** One line of a bulk request, as answered: stored with its sequence number, or refused with the reason. */
export type LineResult =
  | { line: number; id: string; ok: true; seq: number }
  | { line: number; id: string | null; ok: false; error: { code: string; message: string } };
