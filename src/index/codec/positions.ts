import { ByteReader, ByteWriter, FormatError } from './bytes';

/**
 * Positions of a term in one paragraph, for phrases, proximity and
 * highlighting. A position is the word's number as the tokenizer counts
 * (stop words included, so gaps show where they stood). Most occurrences span
 * exactly the tokenizer's word at that position; the others — a compound part
 * (`Militär[hilfe]`) or the joined whole of a hyphenated word — also carry
 * their span relative to that word, so highlights need only the tokenizer,
 * never the analyzer, at query time. A compound's parts nearly all begin
 * where the word begins (the modifier, the joined whole) or end where it ends
 * (the head), so the span says which, and stores only what is left:
 *
 *   per occurrence: varint (positionGap << 1 | hasSpan), [span]
 *   span by kind:  1 from the word's start:  varint (length << 2 | 1)
 *                  2 to the word's end:      varint (relativeStart << 2 | 2)
 *                  3 inside the word:        varint (relativeStart << 2 | 3), varint length
 *
 * (The kind goes with the span, not the gap: whole words are most
 * occurrences, and their gaps stay one bit wide.)
 *
 * Position gaps restart at each paragraph (the first is the absolute position).
 */
const WHOLE = 0;
const FROM_START = 1;
const TO_END = 2;
const INSIDE = 3;

/** The kind of a span (see above) that starts `relStart` into its word and ends with it or not. */
export function spanKind(relStart: number, toEnd: boolean): number {
  if (relStart === 0) return toEnd ? WHOLE : FROM_START;
  return toEnd ? TO_END : INSIDE;
}

/** Writes one occurrence of the given kind (spanKind) at `gap` words after the one before. */
export function writeOccurrence(out: ByteWriter, gap: number, kind: number, relStart: number, length: number): void {
  if (kind === WHOLE) {
    out.varint(gap * 2);
    return;
  }
  out.varint(gap * 2 + 1);
  if (kind === FROM_START) out.varint(length * 4 + FROM_START);
  else if (kind === TO_END) out.varint(relStart * 4 + TO_END);
  else out.varint(relStart * 4 + INSIDE).varint(length);
}

/**
 * Reads `count` occurrences; calls `visit(position, relStart, length)` with relStart -1 for whole words and
 * length -1 for a span that ends where its word ends.
 */
export function readOccurrences(
  reader: ByteReader,
  count: number,
  visit: (position: number, relStart: number, length: number) => void,
): void {
  let position = 0;
  for (let i = 0; i < count; i++) {
    const v = reader.varint();
    position += Math.floor(v / 2);
    if (v % 2 === 0) {
      visit(position, -1, 0);
      continue;
    }
    const span = reader.varint();
    const kind = span & 3;
    const n = Math.floor(span / 4);
    if (kind === FROM_START) visit(position, 0, n);
    else if (kind === TO_END) visit(position, n, -1);
    else if (kind === INSIDE) visit(position, n, reader.varint());
    else throw new FormatError('a position has a span of no kind');
  }
}

/** Skips `count` occurrences. */
export function skipOccurrences(reader: ByteReader, count: number): void {
  for (let i = 0; i < count; i++) {
    if (reader.varint() % 2 === 0) continue;
    if ((reader.varint() & 3) === INSIDE) reader.varint();
  }
}
