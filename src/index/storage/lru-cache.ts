/**
 * A cache bounded by the total size of its values, as each consumer of an
 * isolate's memory gets a fixed share: chunks, decoded dictionary blocks,
 * inflated stored blocks.
 *
 * Eviction approximates least-recently-used with CLOCK (second chance): a hit
 * only marks its entry, and the entry is spared once when its turn to leave
 * comes. A query touches thousands of blocks, and moving each to the end of
 * the order on every hit would cost more than the rest of the lookup.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, { value: V; used: boolean }>();
  bytes = 0;

  constructor(
    private readonly sizeOf: (value: V) => number,
    readonly budget: number,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    entry.used = true;
    return entry.value;
  }

  set(key: K, value: V): void {
    const size = this.sizeOf(value);
    if (size > this.budget) return;
    const old = this.map.get(key);
    if (old !== undefined) {
      this.bytes -= this.sizeOf(old.value);
      this.map.delete(key);
    }
    this.map.set(key, { value, used: false });
    this.bytes += size;
    // Oldest first (a Map iterates in insertion order); a marked entry goes to the back unmarked, once.
    while (this.bytes > this.budget) {
      const [k, entry] = this.map.entries().next().value as [K, { value: V; used: boolean }];
      this.map.delete(k);
      if (entry.used && k !== key) {
        entry.used = false;
        this.map.set(k, entry);
      } else this.bytes -= this.sizeOf(entry.value);
    }
  }

  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }
}
