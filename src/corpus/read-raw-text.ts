import type { Article } from './article';
import { cleanParagraphs } from './normalize-paragraphs';
import { deriveTitle } from './title';

/**
 * The raw scraped format (the seed article): line 1 the lead, line 2 a
 * keyword line, line 3 a photo credit glued to its caption
 * (`© AP Nicolas TucatAntony Blinken und …`), then one paragraph per
 * non-empty line. Paragraphs: 0 the lead, 1 the caption, then the body.
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
 * Splits a keyword line without separators into tags: consecutive capitalised
 * words form one name (`Antony Blinken`, `Mark Rutte`), all-capital words
 * stand alone (`USA`, `NATO`). Commas or semicolons, where present, win.
 */
export function splitKeywords(line: string): string[] {
  if (/[,;]/.test(line)) return line.split(/[,;]/).map((t) => t.trim()).filter(Boolean);
  const tags: string[] = [];
  let name: string[] = [];
  const flush = () => {
    if (name.length) tags.push(name.join(' '));
    name = [];
  };
  for (const word of line.split(/\s+/).filter(Boolean)) {
    const acronym = word.length > 1 && word === word.toUpperCase() && /\p{Lu}/u.test(word);
    if (acronym) {
      flush();
      tags.push(word);
    } else {
      name.push(word);
      // Names here are two words (first and last name); a longer run is split in pairs.
      if (name.length === 2) flush();
    }
  }
  flush();
  return tags;
}
