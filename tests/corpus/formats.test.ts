import { describe, expect, it } from 'vitest';
import { CORPUS_FORMATS, formatOf, knownExtensions } from '../../src/corpus/formats';

describe('corpus formats', () => {
  it('picks a format by extension, in any case, and none for other files', () => {
    expect(formatOf('.txt')?.name).toBe('raw scraped article');
    expect(formatOf('.MD')?.name).toBe('Markdown with front matter');
    expect(formatOf('.markdown')).toBe(formatOf('.md'));
    expect(formatOf('.jsonl')?.manyArticles).toBe(true);
    expect(formatOf('.png')).toBeUndefined();
    expect(formatOf('')).toBeUndefined();
  });

  it('gives each extension one format and names them all when a file has none of them', () => {
    const extensions = CORPUS_FORMATS.flatMap((f) => f.extensions);
    expect(new Set(extensions).size).toBe(extensions.length);
    expect(knownExtensions()).toBe('.txt, .md or .jsonl');
  });

  it('reads a one-article file as one article with the file name as its id', () => {
    const { articles } = formatOf('.md')!.read('corpus/gipfel.md', 'gipfel', '---\ntitle: Gipfel\n---\n\nKiew erhält Hilfe.\n', Infinity);
    expect(articles.map((a) => [a.id, a.title, a.paragraphs])).toEqual([['gipfel', 'Gipfel', ['Kiew erhält Hilfe.']]]);
  });
});
