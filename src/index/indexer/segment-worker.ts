import { parentPort, workerData } from 'node:worker_threads';
import { germanAnalyzers, type AnalysisConfig } from '../../analysis/german';
import { withBuildTermCaches } from '../../analysis/term-cache';
import type { Article } from '../../corpus/article';
import { buildSegment, builtArticleSpans, type SegmentLayout } from '../segment/builder';
import { mergeStored, type ArticleSpan, type MergedStored, type MergeOrder } from '../segment/merger';
import type { SegmentMeta } from '../segment/meta';
import { FsStore } from '../storage/fs-store';
import { readSegmentFiles, storeSegment } from '../storage/index-store';
import { zlibCompression, zlibFastCompression } from '../codec/zlib-compression';
import { chunkSizeFor } from '../storage/chunk-size';

/** What the builder sends a worker once, and then per job. */
export interface WorkerSetup {
  analysis: AnalysisConfig;
  layout: Partial<SegmentLayout>;
  outDir: string;
  /** Chunks of the segments to be merged. */
  chunkSize: number;
  /** Chunks of a segment that is the index's only one: as asked, or (undefined) as its size calls for (chunkSizeFor). */
  finalChunkSize: number | undefined;
}

/** Build and store a segment of these articles; or rewrite the stored paragraphs of stored segments in a merge's order. */
export type WorkerJob =
  | {
      id: number;
      kind: 'segment';
      articles: Article[];
      /** One of several segments, which the build then merges: its stored texts are compressed again there, so here fast and without a dictionary. */
      toBeMerged: boolean;
    }
  | { id: number; kind: 'stored'; inputs: SegmentMeta[]; order: Pick<MergeOrder, 'order' | 'docs'> };
export type WorkerReply =
  | { id: number; kind: 'segment'; meta: SegmentMeta; articles: ArticleSpan[] }
  | { id: number; kind: 'stored'; stored: MergedStored }
  | { id: number; error: string };

/**
 * A build worker: analyses a batch of articles into a segment and stores it
 * in the output folder, so both cores analyse while the main thread reads
 * the corpus; at the end, one rewrites the stored paragraphs of the merge
 * while the main thread merges the postings.
 */
const setup = workerData as WorkerSetup;
const analyzer = germanAnalyzers(setup.analysis).index;
const store = new FsStore(setup.outDir);

parentPort!.on('message', async (job: WorkerJob) => {
  try {
    if (job.kind === 'segment') {
      const compression = job.toBeMerged ? zlibFastCompression : zlibCompression;
      const layout = job.toBeMerged ? { ...setup.layout, docDictionaryBytes: 0 } : setup.layout;
      const data = await withBuildTermCaches(() => buildSegment(job.articles, { analyzer, stems: setup.analysis.stem, compression, layout }));
      const chunkSize = job.toBeMerged ? setup.chunkSize : (setup.finalChunkSize ?? chunkSizeFor(Object.values(data.files).map((f) => f.length)));
      const meta = await storeSegment(store, data, chunkSize);
      parentPort!.postMessage({ id: job.id, kind: 'segment', meta, articles: builtArticleSpans(job.articles) } satisfies WorkerReply);
    } else {
      const inputs = [];
      for (const meta of job.inputs) {
        inputs.push({ meta, files: await readSegmentFiles(store, meta, setup.chunkSize, ['docs', 'docindex'] as const), deleted: null });
      }
      const stored = await mergeStored(inputs, job.order, zlibCompression, setup.layout);
      const buffers = new Set(Object.values(stored.files).map((bytes) => bytes.buffer as ArrayBuffer));
      parentPort!.postMessage({ id: job.id, kind: 'stored', stored } satisfies WorkerReply, [...buffers]);
    }
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).stack ?? String(error) } satisfies WorkerReply);
  }
});
