/**
 * A bounded memo for the per-word steps of analysis (a word's stem token,
 * lemma and stem together, and its compound split). A corpus has far fewer
 * distinct words than tokens, so memoising pays at build time; at query time
 * search analyses the query's words (highlights come from stored positions),
 * and in a Worker isolate that lives for thousands of requests an unbounded
 * memo would grow until the 128 MB limit kills it.
 *
 * Two generations keep it small without an LRU list: entries go into the
 * young map; a hit in the old map moves the entry up; when the young map is
 * full it becomes the old one and the previous old one is dropped. Frequent
 * words survive every turnover, and at most `2 × limit` entries are held.
 */
export class TermCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  private epoch = buildsEnded;

  get(key: string): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const aged = this.old.get(key);
    // The caller's key may be a word sliced out of a text: the entry moves up under a copy of its own.
    if (aged !== undefined) this.set(ownString(key), aged);
    return aged;
  }

  /**
   * The value memoised for `word`, or else `compute`d from a copy of the word
   * that keeps nothing else alive (ownString) and memoised under it: a word
   * cut from a text, or a value that is the word or a piece of it, would
   * keep the whole text alive in the memo.
   */
  getOrCompute(word: string, compute: (own: string) => V): V {
    const value = this.get(word);
    if (value !== undefined) return value;
    const own = ownString(word);
    const computed = compute(own);
    this.set(own, computed);
    return computed;
  }

  /** `key` (and `value`) must keep nothing else alive: getOrCompute sees to it for words cut from a text. */
  set(key: string, value: V): void {
    if (this.epoch !== buildsEnded) {
      // A build has ended since: what it memoised under the larger bound goes, so serving starts within its own.
      this.epoch = buildsEnded;
      if (this.young.size + this.old.size > 2 * limit) {
        this.young = new Map();
        this.old = new Map();
      }
    }
    if (this.young.size >= limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  /** Entries held, in both generations (a key may be counted twice). */
  get size(): number {
    return this.young.size + this.old.size;
  }
}

/**
 * A copy of `word` that keeps nothing else alive, for a memo to keep. V8
 * makes a substring of 13 characters or more a view of the string it was
 * cut from, so a word sliced out of a paragraph, kept as a memo's key (or
 * its stem, when the word is its own stem), would keep the whole paragraph
 * in memory for as long as the memo holds it. Concatenation then slicing
 * makes V8 copy the letters (the result is a view of that copy, one letter
 * longer, which keeps nothing else alive). No test can see the difference;
 * the memory probes of `npm run check:edge` and `check:scale` do.
 */
export function ownString(word: string): string {
  return word.length < 13 ? word : (' ' + word).slice(1);
}

/**
 * Entries per generation while serving. Measured over the 22k-paragraph
 * shared corpora with 6,600 real queries: memos of 200,000 entries cleared
 * only when full grew the heap by 60 MB and kept growing (a Worker would
 * have reached its 128 MB); with 32,768 the heap levels off about 29 MB above
 * the loaded index and a warm query takes 4 ms in workerd (8,192: 11 MB but
 * 40% more CPU per query; 16,384: 21 MB and 5–6 ms). Those figures are from
 * before keys were copied (ownString), when a long word kept its paragraph
 * alive: an entry costs less now. `npm run check:edge` reports memory after
 * such a soak and the warm query time.
 */
export const TERM_CACHE_LIMIT = 32_768;

/** Entries per generation while building an index: every word of the corpus passes once, and a build can afford the memory (−25% build time). */
const BUILD_TERM_CACHE_LIMIT = 200_000;

let limit = TERM_CACHE_LIMIT;
/** Counts finished builds, so each memo notices one ended and drops what it grew to under the build's bound. */
let buildsEnded = 0;

/** Runs `work` (an index build) with the larger memos; serving goes back to the small ones. */
export function withBuildTermCaches<T>(work: () => T): T {
  const before = limit;
  limit = BUILD_TERM_CACHE_LIMIT;
  try {
    return work();
  } finally {
    limit = before;
    buildsEnded++;
  }
}
