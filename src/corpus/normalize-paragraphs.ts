/**
 * Paragraph clean-up shared by all formats: trims, collapses runs of ASCII
 * white space (line breaks inside a paragraph become spaces) and drops empty
 * paragraphs. Invisible characters such as soft hyphens are left for the
 * analyzer, which keeps offsets into exactly this text.
 */
export function cleanParagraphs(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    // Most paragraphs are clean already; the replacement would rebuild each of them space by space.
    const clean = isClean(p) ? p : p.replace(/[ \t\r\n\f\v]+/g, ' ').trim();
    if (clean) out.push(clean);
  }
  return out;
}

/**
 * Whether the clean-up would return `p` as it is: it begins and ends with a
 * visible ASCII character (so trim, which knows more white space than ASCII,
 * has nothing to take) and has no white space but single spaces.
 */
function isClean(p: string): boolean {
  const n = p.length;
  if (n === 0 || !isVisibleAscii(p.charCodeAt(0)) || !isVisibleAscii(p.charCodeAt(n - 1))) return false;
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const c = p.charCodeAt(i);
    if ((c >= 0x09 && c <= 0x0d) || (c === 0x20 && previous === 0x20)) return false;
    previous = c;
  }
  return true;
}

function isVisibleAscii(c: number): boolean {
  return c > 0x20 && c < 0x7f;
}
