import type { Article } from '../src/corpus/article';

/** Builds an article for tests; only the fields a test cares about need giving. */
export function article(id: string, paragraphs: string[], extra: Partial<Article> = {}): Article {
  return { id, title: extra.title ?? id, date: null, url: null, source: null, category: null, tags: [], paragraphs, ...extra };
}
