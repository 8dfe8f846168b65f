import { ByteReader, ByteWriter } from './bytes';

/**
 * Positions of a term in one paragraph, for phrases, proximity and
 * highlighting. A position is the word's number as the tokenizer counts
 * (stop words included, so gaps show where they stood). Most occurrences span
 * exactly the tokenizer's word at that position; the others — a compound part
 * (`Militär[hilfe]`) or the joined whole of a hyphenated word — also carry
 * their span relative to the start of that word, so highlights need only the
 * tokenizer, never the analyzer, at query time:
 *
 *   per occurrence: varint (positionGap << 1 | hasSpan), [varint relativeStart, varint length]
 *
 * Position gaps restart at each paragraph (the first is the absolute position).
 */
export interface Occurrence {
  position: number;
  /** Span relative to the word's start, or null for the whole word. */
  relStart: number;
  length: number;
  whole: boolean;
}

export function writeOccurrences(out: ByteWriter, occurrences: readonly Occurrence[]): void {
  let prev = 0;
  for (const o of occurrences) {
    const gap = o.position - prev;
    prev = o.position;
    if (o.whole) out.varint(gap * 2);
    else out.varint(gap * 2 + 1).varint(o.relStart).varint(o.length);
  }
}

/** Reads `count` occurrences; calls `visit(position, relStart, length)` with relStart -1 for whole words. */
export function readOccurrences(
  reader: ByteReader,
  count: number,
  visit: (position: number, relStart: number, length: number) => void,
): void {
  let position = 0;
  for (let i = 0; i < count; i++) {
    const v = reader.varint();
    position += Math.floor(v / 2);
    if (v % 2 === 1) visit(position, reader.varint(), reader.varint());
    else visit(position, -1, 0);
  }
}

/** Skips `count` occurrences. */
export function skipOccurrences(reader: ByteReader, count: number): void {
  for (let i = 0; i < count; i++) {
    if (reader.varint() % 2 === 1) {
      reader.varint();
      reader.varint();
    }
  }
}
