/**
 * A cache bounded by the total size of its values, as each consumer of an
 * isolate's memory gets a fixed share: chunks, decoded dictionary blocks,
 * inflated stored blocks.
 *
 * Least recently used leaves first. The order is a doubly linked list
 * through the entries, so a hit moves its entry to the front with a few
 * pointer writes and eviction takes the tail: a query touches thousands of
 * blocks. (Using the Map's insertion order as the queue instead costs more
 * than it saves: every eviction's fresh iterator walks over the slots that
 * earlier deletions left at the Map's front.)
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, Entry<K, V>>();
  /** Sentinel of the circular list: `head.next` is the most recently used, `head.prev` the least. */
  private readonly head: Entry<K, V>;
  bytes = 0;

  constructor(
    private readonly sizeOf: (value: V) => number,
    readonly budget: number,
  ) {
    const head = { key: undefined, value: undefined, size: 0 } as unknown as Entry<K, V>;
    head.prev = head.next = head;
    this.head = head;
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    if (this.head.next !== entry) {
      unlink(entry);
      this.pushFront(entry);
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    const size = this.sizeOf(value);
    if (size > this.budget) return;
    const old = this.map.get(key);
    if (old !== undefined) {
      this.bytes -= old.size;
      unlink(old);
      this.map.delete(key);
    }
    const entry = { key, value, size } as Entry<K, V>;
    this.pushFront(entry);
    this.map.set(key, entry);
    this.bytes += size;
    while (this.bytes > this.budget) {
      const last = this.head.prev;
      unlink(last);
      this.map.delete(last.key);
      this.bytes -= last.size;
    }
  }

  clear(): void {
    this.map.clear();
    this.head.prev = this.head.next = this.head;
    this.bytes = 0;
  }

  private pushFront(entry: Entry<K, V>): void {
    const first = this.head.next;
    entry.prev = this.head;
    entry.next = first;
    first.prev = entry;
    this.head.next = entry;
  }
}

interface Entry<K, V> {
  key: K;
  value: V;
  /** Its size when it came in (values are not resized in place). */
  size: number;
  prev: Entry<K, V>;
  next: Entry<K, V>;
}

function unlink<K, V>(entry: Entry<K, V>): void {
  entry.prev.next = entry.next;
  entry.next.prev = entry.prev;
}
