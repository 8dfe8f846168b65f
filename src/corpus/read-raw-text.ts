import type { Article } from './article';
import { cleanParagraphs } from './normalize-paragraphs';
import { deriveTitle } from './title';

/**
 * The raw scraped format (the seed article): line 1 the lead, line 2 a
 * keyword line, line 3 a photo credit glued to its caption
 * (`© AP Nicolas TucatAntony Blinken und …`), then one paragraph per
 * non-empty line (empty lines are skipped before counting, so "line 3" is
 * the third non-empty line). The keyword line becomes `tags`, not text.
 *
 * Paragraph order: 0 the lead, 1 the caption (credit removed), 2… the body
 * lines. A third line without `©` is kept whole as paragraph 1; a credit with
 * no caption after it leaves nothing, and the body then starts at 1.
 */
export function readRawText(id: string, text: string): Article {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const nonEmpty = lines.filter((l) => l !== '');
  if (nonEmpty.length < 2) throw new Error('a raw article needs at least a lead and a keyword line');
  const [lead, keywords, third, ...body] = nonEmpty as [string, string, string | undefined, ...string[]];
  const paragraphs = [lead];
  if (third !== undefined) paragraphs.push(third.startsWith('©') ? stripPhotoCredit(third) : third);
  paragraphs.push(...body);
  return {
    id,
    title: deriveTitle(lead),
    date: null,
    url: null,
    source: null,
    category: null,
    tags: splitKeywords(keywords),
    paragraphs: cleanParagraphs(paragraphs),
  };
}

/**
 * Drops a photo credit glued to its caption: `© AP Nicolas TucatAntony Blinken …`
 * → `Antony Blinken …`. The glue point is the first lower-case letter directly
 * followed by an upper-case one after the `©`. Without one, the whole line
 * is a credit and nothing remains.
 */
export function stripPhotoCredit(line: string): string {
  const glue = /\p{Ll}(?=\p{Lu})/u.exec(line);
  return glue ? line.slice(glue.index + 1).trim() : '';
}

/**
 * Splits a keyword line without separators into tags. The line is a list of
 * names and abbreviations with nothing between them, so the split is a guess:
 * - an all-capital word (`USA`, `NATO`, `G7`) is a tag of its own;
 * - capitalised words form names, two at a time (first and last name:
 *   `Antony Blinken Mark Rutte` → `Antony Blinken`, `Mark Rutte`), because a
 *   plain "run of capitalised words" would merge neighbouring names;
 * - lower-case words (`von der` in `Ursula von der Leyen`) join the current
 *   name without counting as one of its two words.
 * Known misses: single-word tags next to each other (`Ukraine Russland`) pair
 * up, and three-part names (`Recep Tayyip Erdoğan`) are cut after two words.
 * Commas or semicolons, where present, win over all this.
 */
export function splitKeywords(line: string): string[] {
  if (/[,;]/.test(line)) return line.split(/[,;]/).map((t) => t.trim()).filter(Boolean);
  const tags: string[] = [];
  let name: string[] = [];
  let capitalised = 0;
  const flush = () => {
    if (name.length) tags.push(name.join(' '));
    name = [];
    capitalised = 0;
  };
  for (const word of line.split(/\s+/).filter(Boolean)) {
    const acronym = word.length > 1 && word === word.toUpperCase() && /\p{Lu}/u.test(word);
    if (acronym) {
      flush();
      tags.push(word);
      continue;
    }
    name.push(word);
    if (/^\p{Lu}/u.test(word) && ++capitalised === 2) flush();
  }
  flush();
  return tags;
}
