import { DEFAULT_ANALYSIS, type AnalysisConfig } from '../analysis/german';
import type { Article } from '../corpus/article';
import type { Compression } from '../index/codec/deflate';
import { IndexReader, readRoot, type ReaderBudget } from '../index/index-reader';
import { CURRENT, INDEX_FORMAT, INDEX_FORMAT_VERSION, rootName, type IndexRoot, type RootSegment } from '../index/root';
import { buildSegment } from '../index/segment/builder';
import { Deletions } from '../index/segment/deletions';
import { mergeSegments } from '../index/segment/merger';
import { ChunkedSource } from '../index/storage/chunked-source';
import { chunksOf, entryChunks, segmentChunks } from '../index/storage/chunk-store';
import { readSegmentFiles, segmentIdOf, storeDeletions, storeSegment, type WritableStore } from '../index/storage/index-store';
import { findArticleDocs } from './article-docs';
import { rootFiles } from './chunk-names';
import { DEFAULT_MERGE_POLICY, planMerges, type MergeOptions, type MergePolicy } from './merge-policy';
import { matchesFilter, type DeleteFilter, type LoggedOp } from './ops';
import type { Pointer } from './pointer';

/**
 * Files that may become garbage, with when they did: files a writer is
 * about to store (so a crash before they are published leaves no orphan it
 * forgets) and files a new root stopped naming. Collection removes those
 * older than a grace period that the current root does not name.
 */
export interface GarbageList {
  add(names: readonly string[], at: number): void | Promise<void>;
  /** Names added before `before`. */
  due(before: number): readonly string[] | Promise<readonly string[]>;
  forget(names: readonly string[]): void | Promise<void>;
}

export interface LiveIndexOptions {
  compression: Compression;
  /** For an index that does not exist yet: its analysis chain and chunk size. */
  analysis?: AnalysisConfig;
  chunkSize?: number;
  budget?: Partial<ReaderBudget>;
  policy?: MergePolicy;
  /** The clock (tests). */
  now?: () => number;
}

export interface FlushResult {
  /** The sequence number the index now holds writes up to. */
  seq: number;
  /** The root now current (unchanged when nothing was applied). */
  version: string;
  articles: number;
  deletedDocs: number;
}

export interface CompactResult {
  version: string;
  merges: number;
  segmentsBefore: number;
  segmentsAfter: number;
  /** Deleted paragraphs whose text the merges dropped. */
  expunged: number;
}

/**
 * One index being written: the only place that changes it. Writes arrive as
 * numbered ops (the writer's log, durable before they are acknowledged) and
 * are applied in batches: an article's old paragraphs are marked deleted in
 * the segments that hold them, its new ones go into a fresh segment, and a
 * new root naming both replaces the old one with one pointer swap, so a
 * reader sees an article's old version or its new one, never both. The root
 * records the last op applied; ops up to it are never applied again.
 */
export class LiveIndex {
  private constructor(
    private readonly store: WritableStore,
    private readonly pointer: Pointer,
    private readonly garbage: GarbageList,
    private readonly options: LiveIndexOptions,
    private state: { reader: IndexReader; name: string; tag: string | null },
  ) {}

  /** Opens the index the pointer names, or an empty one that the first flush publishes. */
  static async open(store: WritableStore, pointer: Pointer, garbage: GarbageList, options: LiveIndexOptions): Promise<LiveIndex> {
    return new LiveIndex(store, pointer, garbage, options, await LiveIndex.load(store, pointer, options));
  }

  private static async load(store: WritableStore, pointer: Pointer, options: LiveIndexOptions, previous?: IndexReader) {
    const current = await pointer.read();
    const open = (root: IndexRoot, bytes: number, name: string) => {
      const source = previous && previous.root.chunkSize === root.chunkSize ? previous.source : new ChunkedSource(store, { chunkSize: root.chunkSize });
      const reuse = previous && previous.source === source ? previous : undefined;
      return new IndexReader(root, source, { compression: options.compression, budget: options.budget, previous: reuse }, bytes, name);
    };
    if (!current) return { reader: open(emptyRoot(options), 0, ''), name: '', tag: null };
    const { name, root, bytes } = await readRoot((n) => (n === CURRENT ? Promise.resolve(new TextEncoder().encode(current.name)) : store.get(n)));
    return { reader: open(root, bytes, name), name, tag: current.tag };
  }

  /** Re-reads the pointer: after a race lost to another writer. */
  async reload(): Promise<void> {
    this.state = await LiveIndex.load(this.store, this.pointer, this.options, this.state.reader);
  }

  get reader(): IndexReader {
    return this.state.reader;
  }

  /** The root now current ('' before the first flush of a new index). */
  get version(): string {
    return this.state.name;
  }

  /** The last op the current root holds. */
  get seq(): number {
    return this.state.reader.root.live?.seq ?? 0;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /**
   * Applies the ops after `seq` (earlier ones are in the index already) and
   * publishes the result as one new root. Throws PointerRaceError when
   * another writer switched the index meanwhile: call `reload` and retry.
   */
  async apply(ops: readonly LoggedOp[]): Promise<FlushResult> {
    const todo = ops.filter((o) => o.seq > this.seq).sort((a, b) => a.seq - b.seq);
    if (todo.length === 0) return { seq: this.seq, version: this.version, articles: 0, deletedDocs: 0 };
    // The batch's net effect: the last version of each id put, every id touched, the filters in order.
    const puts = new Map<string, Article>();
    const touched = new Set<string>();
    const filters: DeleteFilter[] = [];
    for (const { write } of todo) {
      if (write.op === 'put') {
        touched.add(write.article.id);
        puts.delete(write.article.id);
        puts.set(write.article.id, write.article);
      } else if (write.op === 'delete') {
        touched.add(write.id);
        puts.delete(write.id);
      } else {
        filters.push(write.filter);
        for (const [id, article] of puts) if (matchesFilter(article, write.filter)) puts.delete(id);
      }
    }
    const { reader } = this.state;
    const root = reader.root;
    const docs = await findArticleDocs(reader, touched, filters);
    const at = this.now();
    const created: string[] = [];
    const dropped: string[] = [];
    let deletedDocs = 0;
    const segments: RootSegment[] = [];
    for (const [s, entry] of root.segments.entries()) {
      const gone = docs[s]!;
      if (gone.size === 0) {
        segments.push(entry);
        continue;
      }
      deletedDocs += gone.size;
      if (entry.deletions) dropped.push(...chunksOf(entry.deletions.file, entry.deletions.length, root.chunkSize));
      const previous = reader.segments[s]!.deleted;
      const deletions = previous ? previous.with(gone) : Deletions.of(gone, entry.meta.docs);
      if (deletions.count >= entry.meta.docs) {
        // Nothing of the segment is left: the root stops naming it.
        dropped.push(...segmentChunks(entry.meta, root.chunkSize));
        continue;
      }
      const stored = await storeDeletions(this.store, entry.meta.id, deletions, root.chunkSize);
      created.push(...chunksOf(stored.file, stored.length, root.chunkSize));
      segments.push({ meta: entry.meta, deletions: stored });
    }
    if (puts.size > 0) {
      const data = await buildSegment([...puts.values()], {
        analyzer: reader.analyzers.index,
        stems: root.analysis.stem,
        compression: this.options.compression,
      });
      const id = await segmentIdOf(data, root.chunkSize);
      const names = segmentChunks({ ...data.meta, id }, root.chunkSize);
      await this.garbage.add(names, at);
      const meta = await storeSegment(this.store, data, root.chunkSize, id);
      created.push(...names);
      segments.push({ meta, deletions: null });
    }
    await this.garbage.add(created, at);
    const next: IndexRoot = { ...root, createdAt: new Date(at).toISOString(), segments, live: { seq: todo[todo.length - 1]!.seq } };
    await this.publish(next, dropped);
    return { seq: this.seq, version: this.version, articles: puts.size, deletedDocs };
  }

  /**
   * Merges segments as the policy says (dropping deleted paragraphs), and
   * publishes a root naming the merged segments instead of their inputs.
   */
  async compact(options: MergeOptions = {}): Promise<CompactResult> {
    const { reader } = this.state;
    const root = reader.root;
    const merges = planMerges(root, this.options.policy ?? DEFAULT_MERGE_POLICY, options);
    const result = { version: this.version, merges: merges.length, segmentsBefore: root.segments.length, segmentsAfter: root.segments.length, expunged: 0 };
    if (merges.length === 0) return result;
    await reader.ready();
    const at = this.now();
    const merged = new Set(merges.flat());
    const outputs: RootSegment[] = [];
    const dropped: string[] = [];
    for (const group of merges) {
      for (const i of group) {
        dropped.push(...entryChunks(root.segments[i]!, root.chunkSize));
        result.expunged += root.segments[i]!.deletions?.count ?? 0;
      }
      const live = group.filter((i) => root.segments[i]!.meta.docs > (root.segments[i]!.deletions?.count ?? 0));
      if (live.length === 0) continue;
      const inputs = await Promise.all(
        live.map(async (i) => ({
          meta: root.segments[i]!.meta,
          files: await readSegmentFiles(this.store, root.segments[i]!.meta, root.chunkSize),
          deleted: reader.segments[i]!.deleted ? new Set(reader.segments[i]!.deleted!.docs()) : null,
        })),
      );
      const data = await mergeSegments(inputs, this.options.compression);
      if (data.meta.docs === 0) continue;
      const id = await segmentIdOf(data, root.chunkSize);
      await this.garbage.add(segmentChunks({ ...data.meta, id }, root.chunkSize), at);
      outputs.push({ meta: await storeSegment(this.store, data, root.chunkSize, id), deletions: null });
    }
    // Segments not merged keep their places; merged ones come last.
    const segments: RootSegment[] = [];
    root.segments.forEach((s, i) => {
      if (!merged.has(i)) segments.push(s);
    });
    segments.push(...outputs);
    await this.publish({ ...root, createdAt: new Date(at).toISOString(), segments }, dropped);
    return { ...result, version: this.version, segmentsAfter: segments.length };
  }

  /** Removes garbage older than `graceMs` that the current root does not name; returns how many files. */
  async collect(graceMs: number): Promise<number> {
    const due = await this.garbage.due(this.now() - graceMs);
    if (due.length === 0) return 0;
    const keep = rootFiles(this.state.name, this.state.reader.root);
    let removed = 0;
    for (const name of due) {
      if (keep.has(name)) continue;
      await this.store.remove(name);
      removed++;
    }
    await this.garbage.forget(due);
    return removed;
  }

  /** Writes the root under its hash, swaps the pointer to it, and opens it (sharing what the reader holds). */
  private async publish(root: IndexRoot, dropped: string[]): Promise<void> {
    const bytes = new TextEncoder().encode(JSON.stringify(root));
    const name = await rootName(bytes);
    const at = this.now();
    await this.garbage.add([name], at);
    await this.store.put(name, bytes);
    await this.pointer.swap(name, this.state.tag);
    // What the old root named and the new one does not: kept for readers of the old one until the grace period ends.
    const keep = rootFiles(name, root);
    const old = [this.state.name, ...dropped].filter((n) => n && !keep.has(n));
    await this.garbage.add(old, at);
    const tag = await this.pointer.read();
    const source = this.state.reader.source;
    const reader = new IndexReader(root, source, { compression: this.options.compression, budget: this.options.budget, previous: this.state.reader }, bytes.length, name);
    this.state = { reader, name, tag: tag?.name === name ? tag.tag : null };
    if (tag?.name !== name) await this.reload();
  }
}

/** A root with no segments: what a writer starts from when the store holds no index yet. */
export function emptyRoot(options: { analysis?: AnalysisConfig; chunkSize?: number }): IndexRoot {
  const analysis = options.analysis ?? DEFAULT_ANALYSIS;
  return { format: INDEX_FORMAT, version: INDEX_FORMAT_VERSION, createdAt: new Date(0).toISOString(), analysis, chunkSize: options.chunkSize ?? 1 << 20, segments: [], live: { seq: 0 } };
}
