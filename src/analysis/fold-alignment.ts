import { foldTerm, foldWithOffsets } from './fold';
import { normalizeTerm } from './normalize';
import { isIgnorable } from './tokenizer';

/**
 * Offsets of a folded term back in the original text, for filters that work
 * on folded terms but must mark spans of what the reader sees (the
 * decompounder's `Militär[hilfe]`). Lives beside folding because it must
 * fold exactly as the chain does.
 */

/** Whether `source[start, end)` folds to `term` one letter for one (case, ä ö ü → a o u): offsets then carry over as they are. */
export function foldsLetterForLetter(source: string, start: number, end: number, term: string): boolean {
  if (end - start !== term.length) return false;
  for (let i = 0; i < term.length; i++) {
    const c = source.charCodeAt(start + i);
    const t = term.charCodeAt(i);
    if (c === t || (c >= 0x41 && c <= 0x5a && c + 0x20 === t)) continue;
    const folded = c === 0xe4 || c === 0xc4 ? 0x61 : c === 0xf6 || c === 0xd6 ? 0x6f : c === 0xfc || c === 0xdc ? 0x75 : -1;
    if (folded !== t) return false;
  }
  return true;
}

/**
 * Maps each folded character of `original` (as the analysis chain folds it:
 * normalise, lowercase, fold) back to its offset in `original`: `map[k]` is
 * the offset of the character that produced folded character `k`,
 * `map[folded.length]` is `original.length`. The fast path is fold.ts's
 * character-by-character folding; words it cannot follow (soft hyphens,
 * decomposed umlauts, ligatures) are aligned by folding ever longer
 * prefixes. Returns null when the folding does not give `folded` (callers
 * then span the whole word).
 */
export function alignFolded(original: string, folded: string): number[] | null {
  const fast = foldWithOffsets(original);
  if (fast && fast.folded === folded) return fast.map;
  const map: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const prefix = foldTerm(normalizeTerm(original.slice(0, i + 1)).toLowerCase());
    if (prefix.length > folded.length || !folded.startsWith(prefix)) return null;
    while (map.length < prefix.length) map.push(i);
  }
  if (map.length !== folded.length) return null;
  map.push(original.length);
  return map;
}

/** End in `original` of the folded range ending at `end`: where the next folded character comes from, less invisible characters between (Militär\u00AD|hilfe). */
export function originalEnd(original: string, map: readonly number[], start: number, end: number): number {
  let at = map[end]!;
  while (at > map[start]! + 1 && isIgnorable(original.charCodeAt(at - 1))) at--;
  return at;
}
