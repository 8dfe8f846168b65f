/**
 * Caches bounded by the total size of their values, as each consumer of an
 * isolate's memory gets a fixed share: chunks, decoded dictionary blocks,
 * inflated stored blocks, verified byte ranges.
 *
 * Least recently used leaves first. The order is a doubly linked list
 * through the entries, so a hit moves its entry to the front with a few
 * pointer writes and eviction takes the tail: a query touches thousands of
 * blocks. (Using the Map's insertion order as the queue instead costs more
 * than it saves: every eviction's fresh iterator walks over the slots that
 * earlier deletions left at the Map's front.) The two caches differ in how
 * they find an entry: by one key, or by file and offset.
 */
abstract class RecencyList<K, V, E extends Node<V>> {
  /** Sentinel of the circular list: `head.next` is the most recently used, `head.prev` the least. */
  private readonly head: E;
  bytes = 0;

  /** `sizeOf`: an entry's cost, its key's included where keys vary in length. */
  constructor(
    protected readonly sizeOf: (value: V, key: K) => number,
    readonly budget: number,
  ) {
    const head = { value: undefined, size: 0 } as unknown as E;
    head.prev = head.next = head;
    this.head = head;
  }

  /** Removes an entry the list evicts from the subclass's index. */
  protected abstract forget(entry: E): void;

  protected touch(entry: E): V {
    if (this.head.next !== entry) {
      unlink(entry);
      this.pushFront(entry);
    }
    return entry.value;
  }

  /** Puts a new entry first (the caller has indexed it and removed any it replaces), then evicts down to the budget. */
  protected insert(entry: E): void {
    this.pushFront(entry);
    this.bytes += entry.size;
    while (this.bytes > this.budget) {
      const last = this.head.prev as E;
      unlink(last);
      this.forget(last);
      this.bytes -= last.size;
    }
  }

  protected remove(entry: E): void {
    unlink(entry);
    this.bytes -= entry.size;
  }

  protected empty(): void {
    this.head.prev = this.head.next = this.head;
    this.bytes = 0;
  }

  private pushFront(entry: E): void {
    const first = this.head.next;
    entry.prev = this.head;
    entry.next = first;
    first.prev = entry;
    this.head.next = entry;
  }
}

/** A size-bounded LRU cache by key. */
export class LruCache<K, V> extends RecencyList<K, V, Keyed<K, V>> {
  private readonly map = new Map<K, Keyed<K, V>>();

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const entry = this.map.get(key);
    return entry === undefined ? undefined : this.touch(entry);
  }

  set(key: K, value: V): void {
    const size = this.sizeOf(value, key);
    if (size > this.budget) return;
    const old = this.map.get(key);
    if (old !== undefined) {
      this.remove(old);
      this.map.delete(key);
    }
    const entry = { key, value, size } as Keyed<K, V>;
    this.map.set(key, entry);
    this.insert(entry);
  }

  clear(): void {
    this.map.clear();
    this.empty();
  }

  protected forget(entry: Keyed<K, V>): void {
    this.map.delete(entry.key);
  }
}

/**
 * A size-bounded LRU cache of byte ranges, found by file and offset: a query
 * probes thousands of postings blocks, and a key made of the two would be a
 * new string to build and hash at every probe. A range is found only with
 * the length it was stored with. The size function is given the file as
 * the entry's key.
 */
export class RangeCache extends RecencyList<string, Uint8Array, Ranged> {
  private readonly files = new Map<string, Map<number, Ranged>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(file: string, offset: number, length: number): Uint8Array | undefined {
    const entry = this.files.get(file)?.get(offset);
    return entry === undefined || entry.value.length !== length ? undefined : this.touch(entry);
  }

  set(file: string, offset: number, value: Uint8Array): void {
    const size = this.sizeOf(value, file);
    if (size > this.budget) return;
    let byOffset = this.files.get(file);
    if (byOffset === undefined) this.files.set(file, (byOffset = new Map()));
    const old = byOffset.get(offset);
    if (old !== undefined) {
      this.remove(old);
      this.count--;
    }
    const entry = { file, offset, value, size } as Ranged;
    byOffset.set(offset, entry);
    this.count++;
    this.insert(entry);
  }

  clear(): void {
    this.files.clear();
    this.count = 0;
    this.empty();
  }

  protected forget(entry: Ranged): void {
    const byOffset = this.files.get(entry.file)!;
    byOffset.delete(entry.offset);
    // A file of a segment merged away leaves no empty map behind.
    if (byOffset.size === 0) this.files.delete(entry.file);
    this.count--;
  }
}

interface Node<V> {
  value: V;
  /** Its size when it came in (values are not resized in place). */
  size: number;
  prev: Node<V>;
  next: Node<V>;
}

interface Keyed<K, V> extends Node<V> {
  key: K;
}

interface Ranged extends Node<Uint8Array> {
  file: string;
  offset: number;
}

function unlink<V>(entry: Node<V>): void {
  entry.prev.next = entry.next;
  entry.next.prev = entry.prev;
}
