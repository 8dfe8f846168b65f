import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DEFAULT_ANALYSIS, type AnalysisConfig } from '../../analysis/german';
import type { Article } from '../../corpus/article';
import type { CorpusProblem } from '../../corpus/problem';
import { streamCorpus } from '../../corpus/stream-corpus';
import { withSynonyms, type IndexRoot, type SynonymRule } from '../root';
import { readRoot } from '../index-reader';
import type { SegmentLayout } from '../segment/builder';
import type { SegmentMeta } from '../segment/meta';
import { mergedSegment, mergeOrder, mergePostings, type ArticleSpan, type MergedStored, type PostingsInput } from '../segment/merger';
import { SEGMENT_FILES, type SegmentFile } from '../segment/schema';
import { FsStore } from '../storage/fs-store';
import { newRoot, publishRoot, removeUnreferenced, storeSegment } from '../storage/index-store';
import { zlibCompression } from '../codec/zlib-compression';
import { chunkSizeFor } from '../storage/chunk-size';
import { forwardSegmentFiles } from './segment-files';
import type { WorkerJob, WorkerReply, WorkerSetup } from './segment-worker';

export interface BuildIndexOptions {
  /** The corpus folder (see src/corpus). */
  corpus: string;
  /** The index folder: chunk files, roots and the CURRENT pointer. */
  out: string;
  analysis?: AnalysisConfig;
  /** Stop at the first bad file or line. */
  strict?: boolean;
  /** Threads that analyse (default: one per core). */
  threads?: number;
  /** Characters of text per segment built in memory before it is stored (bounds the build's memory). */
  segmentChars?: number;
  /**
   * Bytes per chunk file (static assets are read whole: smaller chunks read fewer bytes per query). Default: the
   * smallest whose file count fits a deploy (storage/chunk-size.ts), chosen once the index's size is known.
   */
  chunkSize?: number;
  layout?: Partial<SegmentLayout>;
  onProblem?: (problem: CorpusProblem) => void;
  /** Synonym rules for queries, kept in the root (src/search/synonyms.ts; the command reads them from the corpus's synonyms.txt). */
  synonyms?: readonly SynonymRule[];
  onProgress?: (progress: { articles: number; paragraphs: number; chars: number; segments: number }) => void;
}

export interface BuildReport {
  articles: number;
  paragraphs: number;
  chars: number;
  problems: number;
  /** Segments built before merging. */
  segmentsBuilt: number;
  root: IndexRoot;
  rootName: string;
  rootBytes: number;
  /** Bytes of each logical file, summed over the index's segments. */
  bytes: Record<SegmentFile, number>;
  ms: { read: number; merge: number; total: number };
}

export const DEFAULT_SEGMENT_CHARS = 24_000_000;
/** Chunks of the segments built to be merged (the merged segment's are chosen once its size is known). */
const PROVISIONAL_CHUNK_SIZE = 64 * 1024;

/**
 * Builds an index of a corpus folder of any size into an index folder:
 * articles are streamed, analysed into segments of bounded size by worker
 * threads (both cores), merged into one segment (so a query reads one
 * dictionary, not one per segment), and published: the root is written under
 * its hash, then the CURRENT pointer swapped to it, so a build that fails or
 * is killed leaves the previous index as it was.
 */
export async function buildIndexDir(options: BuildIndexOptions): Promise<BuildReport> {
  const started = performance.now();
  const analysis = options.analysis ?? DEFAULT_ANALYSIS;
  const provisional = options.chunkSize ?? PROVISIONAL_CHUNK_SIZE;
  const segmentChars = options.segmentChars ?? DEFAULT_SEGMENT_CHARS;
  const store = new FsStore(options.out);
  const pool = new WorkerPool(Math.max(1, options.threads ?? availableParallelism()), {
    analysis,
    layout: options.layout ?? {},
    outDir: options.out,
    chunkSize: provisional,
    finalChunkSize: options.chunkSize,
  });

  let problems = 0;
  let articles = 0;
  let paragraphs = 0;
  let chars = 0;
  const built: Array<Promise<BuiltSegment>> = [];
  try {
    let batch: Article[] = [];
    let batchChars = 0;
    const flush = async (toBeMerged: boolean) => {
      if (batch.length === 0) return;
      built.push((await pool.submit({ kind: 'segment', articles: batch, toBeMerged })).done as Promise<BuiltSegment>);
      batch = [];
      batchChars = 0;
      options.onProgress?.({ articles, paragraphs, chars, segments: built.length });
    };
    for await (const article of streamCorpus(options.corpus, {
      strict: options.strict,
      onProblem: (p) => {
        problems++;
        options.onProblem?.(p);
      },
    })) {
      // A full batch is sent once another article follows it: it is then one of several segments, to be merged.
      if (batchChars >= segmentChars) await flush(true);
      const size = article.paragraphs.reduce((n, p) => n + p.length, 0);
      articles++;
      paragraphs += article.paragraphs.length;
      chars += size;
      batch.push(article);
      batchChars += size;
    }
    await flush(built.length > 0);
    const segmentsBuilt = await Promise.all(built);
    const metas = segmentsBuilt.map((s) => s.meta);
    // The analysing threads are done and end, freeing their heaps; a fresh one rewrites the merge's stored paragraphs.
    if (metas.length > 1) await pool.renew(1);
    const read = performance.now() - started;

    let segments = metas;
    // One segment is stored by its worker as the index has it (segment-worker.ts); a merge's, here.
    let chunkSize = options.chunkSize ?? chunkSizeFor(metas.length === 1 ? Object.values(metas[0]!.files) : []);
    if (metas.length > 1) {
      // The merged order follows from the articles each worker built: nothing is read back for it.
      const order = mergeOrder(
        segmentsBuilt.map((s) => s.articles),
        metas.map((m) => m.docs),
      );
      // Two threads: a worker rewrites the stored paragraphs while this one merges the postings.
      const stored = pool.submit({ kind: 'stored', inputs: metas, order: { order: order.order, docs: order.docs } }).then((job) => job.done);
      const inputs: PostingsInput[] = [];
      for (const meta of metas) inputs.push({ meta, files: forwardSegmentFiles(store, meta, provisional, ['terms', 'postings', 'positions'] as const) });
      const postings = mergePostings(inputs, order, options.layout);
      inputs.length = 0;
      const merged = mergedSegment(order, postings, (await stored) as MergedStored);
      chunkSize = options.chunkSize ?? chunkSizeFor(Object.values(merged.files).map((f) => f.length));
      segments = [await storeSegment(store, merged, chunkSize)];
    }
    const merge = performance.now() - started - read;
    const root = withSynonyms(newRoot(analysis, chunkSize, segments.map((meta) => ({ meta, deletions: null }))), options.synonyms);
    const rootName = await publishRoot(store, root);
    await removeUnreferenced(store, [{ name: rootName, root }]);
    const bytes = Object.fromEntries(SEGMENT_FILES.map((f) => [f, segments.reduce((n, s) => n + s.files[f], 0)])) as Record<SegmentFile, number>;
    return {
      articles,
      paragraphs,
      chars,
      problems,
      segmentsBuilt: metas.length,
      root,
      rootName,
      rootBytes: new TextEncoder().encode(JSON.stringify(root)).length,
      bytes,
      ms: { read, merge, total: performance.now() - started },
    };
  } catch (error) {
    // Segments this build stored are named by no root: remove them (a reader of the previous version never sees them).
    await pool.close();
    await removeUnreferenced(store, await currentVersion(store)).catch(() => undefined);
    throw error;
  } finally {
    await pool.close();
    await store.close();
  }
}

/** The version the pointer names now, if any (what a failed build must leave alone). */
async function currentVersion(store: FsStore): Promise<Array<{ name: string; root: IndexRoot }>> {
  try {
    const { name, root } = await readRoot((n) => store.get(n));
    return [{ name, root }];
  } catch {
    return [];
  }
}

/** A segment a worker built and stored, with its articles in doc order. */
interface BuiltSegment {
  meta: SegmentMeta;
  articles: ArticleSpan[];
}

/**
 * Worker threads that build segments (and rewrite a merge's stored
 * paragraphs). `submit` resolves when a worker took the job (so the reader
 * waits instead of piling up batches in memory), with a promise of its result.
 */
class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<(w: Worker) => void> = [];
  private readonly pending = new Map<number, { resolve: (r: JobResult) => void; reject: (e: Error) => void; worker: Worker }>();
  private nextId = 0;

  constructor(
    size: number,
    private readonly setup: WorkerSetup,
  ) {
    this.start(size);
  }

  private start(size: number): void {
    for (let i = 0; i < size; i++) {
      const worker = startWorker(new URL('./segment-worker.ts', import.meta.url), this.setup);
      worker.on('message', (reply: WorkerReply) => {
        const job = this.pending.get(reply.id);
        if (!job) return;
        this.pending.delete(reply.id);
        if ('error' in reply) job.reject(new Error(reply.error));
        else job.resolve(reply.kind === 'segment' ? { meta: reply.meta, articles: reply.articles } : reply.stored);
        this.release(worker);
      });
      worker.on('error', (error) => {
        for (const [id, job] of this.pending) {
          if (job.worker !== worker) continue;
          this.pending.delete(id);
          job.reject(error);
        }
      });
      this.workers.push(worker);
      this.release(worker);
    }
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }

  async submit(job: DistributiveOmit<WorkerJob, 'id'>): Promise<{ done: Promise<JobResult> }> {
    const worker = this.idle.pop() ?? (await new Promise<Worker>((resolve) => this.waiting.push(resolve)));
    const id = this.nextId++;
    const done = new Promise<JobResult>((resolve, reject) => this.pending.set(id, { resolve, reject, worker }));
    worker.postMessage({ ...job, id } as WorkerJob);
    return { done };
  }

  /**
   * Ends every worker and starts `size` fresh ones (call when no job is running). A thread that analysed
   * segments keeps the heap it grew to; the merge, where the build's memory peaks, gets threads without it.
   */
  async renew(size: number): Promise<void> {
    // A terminated worker settles none of its jobs: renewing under one would leave its caller waiting for ever.
    if (this.pending.size > 0) throw new Error('worker pool renewed while a job is running');
    const gone = this.workers.splice(0);
    this.idle.length = 0;
    await Promise.all(gone.map((w) => w.terminate()));
    this.start(size);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

type JobResult = BuiltSegment | MergedStored;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** Starts a worker thread on a module of this project, TypeScript included (the CLI runs under tsx). */
function startWorker(module: URL, setup: WorkerSetup): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module, { workerData: setup });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(boot, { eval: true, workerData: setup });
}
