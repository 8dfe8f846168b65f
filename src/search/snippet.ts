import { snippetHtml } from '../render/results';
import type { Highlight } from './highlight';
import { SNIPPET } from './scoring';

export interface Snippet {
  /** HTML: escaped text with matches in `<mark>`, `…` where text was cut. */
  html: string;
  /** The window of the paragraph the snippet shows, as offsets into its text. */
  start: number;
  end: number;
}

/**
 * Picks the window of the paragraph that covers the most distinct query words,
 * then the most matches, then the earliest, about `SNIPPET.target` characters
 * long, cut at word boundaries, and renders it with every match in `<mark>`
 * (src/render/results.ts, as every other rendering of a snippet).
 */
export function makeSnippet(text: string, highlights: readonly Highlight[]): Snippet {
  let start = 0;
  let end = text.length;
  if (text.length > SNIPPET.max) {
    const anchor = bestWindowStart(highlights, SNIPPET.target);
    // Lead in with a little context before the first match, at a word boundary.
    start = anchor === null ? 0 : wordStartBefore(text, Math.max(0, anchor - 40), anchor);
    if (start < 20) start = 0; // no point in cutting off a few characters
    end = wordEndBefore(text, Math.min(text.length, start + SNIPPET.target));
    if (end <= start) end = Math.min(text.length, start + SNIPPET.max);
    // Never cut a match in half.
    for (const h of highlights) if (h.start < end && h.end > end && h.end - start <= SNIPPET.max) end = h.end;
    // Nor an emoji or other astral character (a cut in a run without spaces may fall between its two halves).
    if (splitsPair(text, start)) start--;
    if (splitsPair(text, end)) end++;
  }
  return { html: snippetHtml({ text, highlights: highlights.map((h) => [h.start, h.end] as const), snippetRange: [start, end] }), start, end };
}

/** Whether offset `at` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

function bestWindowStart(highlights: readonly Highlight[], width: number): number | null {
  let best: { distinct: number; count: number; start: number } | null = null;
  for (let i = 0; i < highlights.length; i++) {
    const from = highlights[i]!.start;
    const clauses = new Set<number>();
    let count = 0;
    for (let j = i; j < highlights.length && highlights[j]!.end - from <= width; j++) {
      clauses.add(highlights[j]!.clause);
      count++;
    }
    if (!best || clauses.size > best.distinct || (clauses.size === best.distinct && count > best.count)) {
      best = { distinct: clauses.size, count, start: from };
    }
  }
  return best?.start ?? null;
}

const WORD_BREAK = /[\s]/u;

/** The start of the first whole word at or after `from` (but not past `limit`). */
function wordStartBefore(text: string, from: number, limit: number): number {
  if (from === 0) return 0;
  for (let i = from; i < limit; i++) if (WORD_BREAK.test(text[i - 1]!) && !WORD_BREAK.test(text[i]!)) return i;
  return limit;
}

/** The end of the last whole word that ends at or before `to`. */
function wordEndBefore(text: string, to: number): number {
  if (to >= text.length) return text.length;
  for (let i = to; i > 0; i--) if (WORD_BREAK.test(text[i]!) && !WORD_BREAK.test(text[i - 1]!)) return i;
  return to;
}
