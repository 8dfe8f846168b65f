import { ByteReader } from '../index/codec/bytes';
import { readOccurrences } from '../index/codec/positions';
import { BLOCK_SIZE, decodeBlock, newDecodedBlock } from '../index/codec/postings';
import { positionsOf, postingsOf, type FetchedList } from './cursor';
import { blockOfDoc } from './fetch';

/** A highlighted span of the original paragraph text, and which query word it answers. */
export interface Highlight {
  start: number;
  end: number;
  clause: number;
}

/** A matched word of the paragraph, with its word position (for proximity). */
export interface MatchedToken extends Highlight {
  position: number;
}

/** Where a list's term stands in a doc: per occurrence its word position and, for parts, its span in the word. */
export interface Occurrence {
  position: number;
  /** Start relative to the word, or -1 for the whole word. */
  relStart: number;
  /** -1: to the end of the word. */
  length: number;
}

/**
 * The stored positions of `doc` in a fetched list (empty when the doc is not
 * in the list or the block's positions were not read).
 */
export function occurrencesIn(list: FetchedList, doc: number): Occurrence[] {
  const b = blockOfDoc(list.info, doc);
  const raw = postingsOf(list, b);
  const positions = positionsOf(list, b);
  if (!raw || !positions) return [];
  const info = list.info;
  const count = info.blocks ? Math.min(BLOCK_SIZE, info.count - b * BLOCK_SIZE) : info.count;
  const previous = b === 0 || !info.blocks ? -1 : info.blocks[b - 1]!.lastDoc;
  const block = decodeBlock(raw, 0, count, previous, false, scratch);
  const out: Occurrence[] = [];
  const reader = new ByteReader(positions);
  for (let i = 0; i < block.count; i++) {
    const tf = block.tfs[i]!;
    if (block.docs[i] === doc) {
      readOccurrences(reader, tf, (position, relStart, length) => out.push({ position, relStart, length }));
      break;
    }
    readOccurrences(reader, tf, () => undefined);
  }
  return out;
}

const scratch = newDecodedBlock();

/** The text span of an occurrence, from the tokenizer's word spans of the paragraph. */
export function spanOf(words: ReadonlyArray<[number, number] | undefined>, o: Occurrence): [number, number] | null {
  const word = words[o.position];
  if (!word) return null;
  if (o.relStart < 0) return word;
  const start = word[0] + o.relStart;
  return [start, o.length < 0 ? word[1] : start + o.length];
}

/**
 * The spans to mark, from the matched tokens (and whole phrases). Offsets
 * point into the original text, so matches found through folding, stems and
 * compound parts are marked where they stand (`Militär[hilfe]`,
 * `[Außenminister]` for `Aussenminister`). Overlapping and touching spans
 * merge (`<mark>Polizeieinsätze</mark>`, not two marks); a whole word wins
 * over its part. Sorted by start, none overlapping: what src/render expects.
 */
export function mergeSpans(tokens: readonly Highlight[]): Highlight[] {
  const spans = [...tokens].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Highlight[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) {
      if (span.end > last.end) last.end = span.end;
    } else merged.push({ start: span.start, end: span.end, clause: span.clause });
  }
  return merged;
}
