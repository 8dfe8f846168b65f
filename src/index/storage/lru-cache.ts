/**
 * A least-recently-used cache bounded by the total size of its values, as
 * each consumer of an isolate's memory gets a fixed share: chunks, decoded
 * dictionary blocks, inflated stored blocks.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  bytes = 0;

  constructor(
    private readonly sizeOf: (value: V) => number,
    readonly budget: number,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    const size = this.sizeOf(value);
    if (size > this.budget) return;
    const old = this.map.get(key);
    if (old !== undefined) {
      this.bytes -= this.sizeOf(old);
      this.map.delete(key);
    }
    this.map.set(key, value);
    this.bytes += size;
    for (const [k, v] of this.map) {
      if (this.bytes <= this.budget) break;
      this.map.delete(k);
      this.bytes -= this.sizeOf(v);
    }
  }

  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }
}
