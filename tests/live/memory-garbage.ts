import type { GarbageList } from '../../src/live/live-index';

/** A garbage list in memory, as the Durable Object keeps one in SQLite. */
export class MemoryGarbage implements GarbageList {
  readonly at = new Map<string, number>();
  add(names: readonly string[], at: number) {
    for (const n of names) this.at.set(n, Math.max(at, this.at.get(n) ?? 0));
  }
  due(before: number) {
    return [...this.at].filter(([, t]) => t < before).map(([n]) => n);
  }
  forget(names: readonly string[]) {
    for (const n of names) this.at.delete(n);
  }
}
