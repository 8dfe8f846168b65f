/**
 * A sorted '\n'-joined list of words, searched in place: a binary search
 * that compares character by character, so a lookup allocates nothing and
 * the list costs its string plus 4 bytes a word (a `Set` would cost ~50).
 * Lines may carry a tab and more after the word (see lemma.ts); `has`
 * compares the word only.
 */
export class SortedWordList {
  private readonly starts: Uint32Array;

  constructor(private readonly text: string) {
    const starts = text.length ? [0] : [];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    starts.push(text.length + 1);
    this.starts = Uint32Array.from(starts);
  }

  get size(): number {
    return this.starts.length - 1;
  }

  has(word: string, from = 0, to = word.length): boolean {
    return this.line(word, from, to) !== -1;
  }

  /** The line whose word is `word[from, to)`, or -1. */
  line(word: string, from = 0, to = word.length): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compare(mid, word, from, to);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /** What follows the tab on line `line` ('' for none). */
  rest(line: number): string {
    const start = this.starts[line]!;
    const end = this.starts[line + 1]! - 1;
    const tab = this.text.indexOf('\t', start);
    return tab === -1 || tab >= end ? '' : this.text.slice(tab + 1, end);
  }

  /** Sign of (word of line `line`) − `word[from, to)`. */
  private compare(line: number, word: string, from: number, to: number): number {
    const start = this.starts[line]!;
    const end = this.starts[line + 1]! - 1;
    for (let k = 0; ; k++) {
      const p = start + k;
      const a = p < end ? this.text.charCodeAt(p) : -1;
      const form = a === 9 ? -1 : a; // a tab ends the word
      const b = from + k < to ? word.charCodeAt(from + k) : -1;
      if (form !== b) return form < b ? -1 : 1;
      if (form === -1) return 0;
    }
  }
}
