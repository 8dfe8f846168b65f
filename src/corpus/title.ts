const MAX_TITLE = 120;

/**
 * A title for an article that has none: the first sentence of its first
 * paragraph, cut at a word boundary with `…` when longer than 120 characters.
 */
export function deriveTitle(firstParagraph: string): string {
  const text = firstParagraph.trim();
  // A sentence ends at . ! ? followed by white space and a capital or a quote — but not a full stop
  // after a number, an ordinal in German ("am 13. November", "Georg wurde am 4. Juni geboren").
  const end = /(?<!\d)[.!?](?=\s+["„“»A-ZÄÖÜ])/u.exec(text);
  let title = end && end.index + 1 <= MAX_TITLE ? text.slice(0, end.index + 1) : text;
  if (title.length > MAX_TITLE) {
    const cut = title.lastIndexOf(' ', MAX_TITLE - 1);
    title = `${title.slice(0, cut > 40 ? cut : MAX_TITLE - 1).replace(/[\s,;:–-]+$/u, '')}…`;
  }
  return title;
}
