import { DEFAULT_ANALYSIS, germanAnalyzers, type AnalysisConfig } from '../analysis/german';
import { withBuildTermCaches } from '../analysis/term-cache';
import type { Article } from '../corpus/article';
import type { Compression } from './codec/deflate';
import { zlibCompression } from './codec/zlib-compression';
import { IndexReader, readRoot } from './index-reader';
import { buildSegment, type SegmentLayout } from './segment/builder';
import { ChunkedSource } from './storage/chunked-source';
import { MemoryChunkStore } from './storage/chunk-store';
import { withSynonyms, type SynonymRule } from './root';
import { chunkSizeFor } from './storage/chunk-size';
import { newRoot, publishRoot, storeSegment, type WritableStore } from './storage/index-store';

/** Chunk files in memory that can also be written: tests and indexes built in the same process. */
export class MemoryStore extends MemoryChunkStore implements WritableStore {
  async put(name: string, bytes: Uint8Array): Promise<void> {
    this.chunks.set(name, bytes.slice());
  }
  async swapPointer(name: string, bytes: Uint8Array): Promise<void> {
    this.chunks.set(name, bytes.slice());
  }
  async list(): Promise<string[]> {
    return [...this.chunks.keys()];
  }
  async remove(name: string): Promise<void> {
    this.chunks.delete(name);
  }
}

export interface MemoryIndexOptions {
  analysis?: AnalysisConfig;
  compression?: Compression;
  /** Bytes per chunk (default 1 MiB), or `auto`: what `npm run build:index` picks for the index's size (storage/chunk-size.ts). */
  chunkSize?: number | 'auto';
  layout?: Partial<SegmentLayout>;
  /** Articles per segment (default: all in one). */
  segmentSize?: number;
  /** Synonym rules for queries, kept in the root (src/search/synonyms.ts). */
  synonyms?: readonly SynonymRule[];
}

/**
 * Builds an index of some articles in memory and opens it: for tests and
 * for small corpora built in the same process. Large corpora are built to
 * disk by `npm run build:index`.
 */
export async function buildMemoryIndex(articles: readonly Article[], options: MemoryIndexOptions = {}): Promise<IndexReader> {
  const store = new MemoryStore();
  await writeIndex(store, articles, options);
  return openIndex(store, options);
}

/** Builds segments of the articles into a store and publishes a root naming them. */
export async function writeIndex(store: WritableStore, articles: readonly Article[], options: MemoryIndexOptions = {}): Promise<void> {
  const analysis = options.analysis ?? DEFAULT_ANALYSIS;
  const compression = options.compression ?? zlibCompression;
  const analyzer = germanAnalyzers(analysis).index;
  const size = options.segmentSize ?? Math.max(1, articles.length);
  const built = [];
  for (let i = 0; i < Math.max(1, articles.length); i += size) {
    built.push(await withBuildTermCaches(() => buildSegment(articles.slice(i, i + size), { analyzer, stems: analysis.stem, compression, layout: options.layout })));
  }
  const chunkSize =
    options.chunkSize === 'auto' ? chunkSizeFor(built.flatMap((data) => Object.values(data.files).map((f) => f.length))) : (options.chunkSize ?? 1 << 20);
  const segments = [];
  for (const data of built) segments.push({ meta: await storeSegment(store, data, chunkSize), deletions: null });
  await publishRoot(store, withSynonyms(newRoot(analysis, chunkSize, segments), options.synonyms));
}

/** Opens the index a store's pointer names. */
export async function openIndex(store: MemoryChunkStore | WritableStore, options: { compression?: Compression } = {}): Promise<IndexReader> {
  const { name, root, bytes } = await readRoot((n) => store.get(n));
  return new IndexReader(root, new ChunkedSource(store, { chunkSize: root.chunkSize }), { compression: options.compression }, bytes, name);
}
