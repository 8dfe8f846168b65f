import type { Article } from '../../src/corpus/article';
import { deriveTitle } from '../../src/corpus/title';
import { Random } from '../random';

/**
 * Sentence ends as `deriveTitle` sees them: . ! ? before white space and a
 * capital or a quote, but not after a digit (German ordinals: "am 4. Juni").
 */
const SENTENCE_END = /(?<!\d)[.!?](?=\s+["„“»A-ZÄÖÜ])/gu;

export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of paragraph.matchAll(SENTENCE_END)) {
    const end = m.index + 1;
    const sentence = paragraph.slice(start, end).trim();
    if (sentence) out.push(sentence);
    start = end;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

export function countParagraphs(articles: readonly Article[]): number {
  return articles.reduce((n, a) => n + a.paragraphs.length, 0);
}

export const SYNTHETIC_PREFIX = 'synthetic-';

/**
 * A corpus of exactly `size` paragraphs. Up to the real corpus's size it is
 * real articles, in an order shuffled with `seed` (so that 1k paragraphs mix
 * every source rather than taking the first file), the last article cut to
 * fit. Beyond, it is every real article plus new one-paragraph articles made
 * of real sentences: each new paragraph takes the sentence count of a random
 * real paragraph and fills it with random real sentences, so paragraph
 * lengths and vocabulary follow the real corpus while the texts are new
 * (terms' document frequencies then grow as in a larger archive rather than
 * repeating exact duplicates). The same (articles, size, seed) always gives
 * the same corpus.
 */
export function sampleCorpus(real: readonly Article[], size: number, seed: number): Article[] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`corpus size must be a positive whole number, not ${size}`);
  const random = new Random(seed);
  const total = countParagraphs(real);
  // The whole real corpus keeps its order: it is then the very corpus `npm run eval` and check:edge index.
  const order = size >= total ? real : random.shuffled(real);
  const out: Article[] = [];
  let count = 0;
  for (const article of order) {
    if (count >= size) break;
    const take = Math.min(article.paragraphs.length, size - count);
    out.push(take === article.paragraphs.length ? article : { ...article, paragraphs: article.paragraphs.slice(0, take) });
    count += take;
  }
  if (count >= size) return out;

  const sentenceCounts: number[] = [];
  const sentences: string[] = [];
  for (const article of real) {
    for (const paragraph of article.paragraphs) {
      const split = splitSentences(paragraph);
      if (split.length === 0) continue;
      sentenceCounts.push(split.length);
      for (const s of split) sentences.push(s);
    }
  }
  if (sentences.length === 0) throw new Error('the corpus has no sentences to recombine');
  for (let n = 0; count < size; n++, count++) {
    const k = random.pick(sentenceCounts);
    const parts: string[] = [];
    for (let i = 0; i < k; i++) parts.push(random.pick(sentences));
    const text = parts.join(' ');
    out.push({
      id: `${SYNTHETIC_PREFIX}${String(n).padStart(6, '0')}`,
      title: deriveTitle(text),
      date: null,
      url: null,
      source: 'recombined',
      category: null,
      tags: [],
      paragraphs: [text],
    });
  }
  return out;
}
