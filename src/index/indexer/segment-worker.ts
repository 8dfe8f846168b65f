import { parentPort, workerData } from 'node:worker_threads';
import { germanAnalyzers, type AnalysisConfig } from '../../analysis/german';
import { withBuildTermCaches } from '../../analysis/term-cache';
import type { Article } from '../../corpus/article';
import { buildSegment, type SegmentLayout } from '../segment/builder';
import { FsStore } from '../storage/fs-store';
import { storeSegment } from '../storage/index-store';
import { zlibCompression } from '../codec/zlib-compression';

/** What the builder sends a worker once, and then per segment. */
export interface WorkerSetup {
  analysis: AnalysisConfig;
  layout: Partial<SegmentLayout>;
  outDir: string;
  chunkSize: number;
}

export type WorkerJob = { id: number; articles: Article[] };
export type WorkerReply = { id: number; meta: Awaited<ReturnType<typeof storeSegment>> } | { id: number; error: string };

/**
 * A build worker: analyses a batch of articles into a segment and stores it
 * in the output folder, so both cores analyse while the main thread reads
 * the corpus.
 */
const setup = workerData as WorkerSetup;
const analyzer = germanAnalyzers(setup.analysis).index;
const store = new FsStore(setup.outDir);

parentPort!.on('message', async (job: WorkerJob) => {
  try {
    const data = await withBuildTermCaches(() =>
      buildSegment(job.articles, { analyzer, stems: setup.analysis.stem, compression: zlibCompression, layout: setup.layout }),
    );
    const meta = await storeSegment(store, data, setup.chunkSize);
    parentPort!.postMessage({ id: job.id, meta } satisfies WorkerReply);
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).stack ?? String(error) } satisfies WorkerReply);
  }
});
