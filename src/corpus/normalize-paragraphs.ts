/**
 * Paragraph clean-up shared by all formats: trims, collapses runs of ASCII
 * white space (line breaks inside a paragraph become spaces) and drops empty
 * paragraphs. Invisible characters such as soft hyphens are left for the
 * analyzer, which keeps offsets into exactly this text.
 */
export function cleanParagraphs(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    const clean = p.replace(/[ \t\r\n\f\v]+/g, ' ').trim();
    if (clean) out.push(clean);
  }
  return out;
}
