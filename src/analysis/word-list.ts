/**
 * A sorted word list kept as the one string it ships as ('\n'-separated),
 * searched by binary search over line offsets: 150k words cost their bytes
 * plus 4 bytes each, where a `Set` would cost ~60 bytes each — memory a
 * Worker isolate needs for the index. Lines may carry a value after a tab
 * (`gewonnen\tgewinnen`), looked up with `get`.
 */
export class WordList {
  private offsets: Uint32Array | null = null;

  constructor(private readonly text: string) {}

  get size(): number {
    return this.lineOffsets().length - 1;
  }

  has(word: string): boolean {
    const i = this.lowerBound(word);
    return i < this.size && this.keyAt(i) === word;
  }

  /** The value after the tab on the line whose key is `word`. */
  get(word: string): string | undefined {
    const i = this.lowerBound(word);
    if (i >= this.size || this.keyAt(i) !== word) return undefined;
    const line = this.lineAt(i);
    const tab = line.indexOf('\t');
    return tab === -1 ? undefined : line.slice(tab + 1);
  }

  /** Whether some word starts with `prefix` (lets a decompounder stop extending a dead prefix). */
  hasPrefix(prefix: string): boolean {
    const i = this.lowerBound(prefix);
    return i < this.size && this.keyAt(i).startsWith(prefix);
  }

  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keyAt(mid) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lineAt(i: number): string {
    const o = this.lineOffsets();
    return this.text.slice(o[i]!, o[i + 1]! - 1);
  }

  private keyAt(i: number): string {
    const line = this.lineAt(i);
    const tab = line.indexOf('\t');
    return tab === -1 ? line : line.slice(0, tab);
  }

  /** Line start offsets, built on first use (plus one past the end). */
  private lineOffsets(): Uint32Array {
    if (!this.offsets) {
      const starts = [0];
      if (this.text.length === 0) starts.length = 0;
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      starts.push(this.text.length + 1);
      this.offsets = Uint32Array.from(starts.length ? starts : [0]);
    }
    return this.offsets;
  }
}
