/**
 * The tools' one seeded random generator (mulberry32): small, fast, and the
 * same seed gives the same numbers on every machine, so a benchmark corpus, a
 * query sample or a fuzzed request can be made again from its seed alone.
 */
export class Random {
  private state: number;

  /** A generator whose state is `seed` itself. */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * Stream `stream` of `seed`: request `n` of a fuzz run gets its own, so any
   * one of them can be regenerated without the others (`--only`).
   */
  static stream(seed: number, stream: number): Random {
    const random = new Random(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35));
    for (let i = 0; i < 4; i++) random.next();
    return random;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: `[[weight, value], …]`. */
  weighted<T>(items: ReadonlyArray<readonly [number, T]>): T {
    const total = items.reduce((n, [w]) => n + w, 0);
    let at = this.next() * total;
    for (const [w, value] of items) {
      if ((at -= w) < 0) return value;
    }
    return items[items.length - 1]![1];
  }

  /** `n` characters drawn from `alphabet`. */
  string(n: number, alphabet: string): string {
    const chars = Array.from(alphabet);
    let out = '';
    for (let i = 0; i < n; i++) out += chars[Math.floor(this.next() * chars.length)];
    return out;
  }

  /** The items in a new order (Fisher–Yates); returns a new array. */
  shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}
