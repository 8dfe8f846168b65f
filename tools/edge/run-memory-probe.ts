import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { IndexReader } from '../../src/index/index-reader';

const PROBE = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs the Worker memory probe (memory-probe.ts) on an index folder in its
 * own process under a 128 MB heap, for `npm run check:edge` and `npm run
 * bench`. `soak`: further
 * queries asked after the measured ones, so the per-word memos fill as in a
 * long-lived isolate.
 */
export async function runMemoryProbe(
  indexDir: string,
  queries: readonly string[],
  soak: readonly string[] = [],
  /** `ranged`: read as from R2 (byte ranges); default as from static assets (whole chunk files). */
  mode: 'whole' | 'ranged' = 'whole',
): Promise<MemoryProbeResult> {
  const dir = await mkdtemp(join(tmpdir(), 'memory-probe-'));
  const queriesFile = join(dir, 'queries.txt');
  try {
    await writeFile(queriesFile, queries.join('\n'));
    const soakFile = join(dir, 'soak.txt');
    await writeFile(soakFile, soak.join('\n'));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--max-old-space-size=128', '--expose-gc', '--import', 'tsx', PROBE, indexDir, queriesFile, soakFile, mode],
      { cwd: ROOT, maxBuffer: 1 << 20, timeout: 60 * 60_000 },
    ).catch((error: { stderr?: string; message: string }) => {
      // Out of heap is an answer: the index does not fit under 128 MB.
      if (/heap out of memory|Allocation failed/i.test(error.stderr ?? '')) return { stdout: '{"outOfMemory":true}' };
      throw new Error(`memory probe failed: ${error.stderr?.trim().split('\n').slice(-3).join(' | ') || error.message}`);
    });
    return JSON.parse(stdout.trim().split('\n').pop()!) as MemoryProbeResult;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What memory-probe.ts prints (MB above an empty process), or that it ran out of heap. */
export interface MemoryProbeResult {
  outOfMemory?: boolean;
  paragraphs?: number;
  /** Opening the index: the pointer and the root (everything else is read by the queries). */
  loadMs?: number;
  /** Live after opening. */
  loadedMb?: number;
  peakMb?: number;
  afterQueriesMb?: number;
  soakQueries?: number;
  /** What stays live (or peaks, sampled every 500 queries) while the soak queries run. */
  afterSoakMb?: number;
  /** What the reader's caches hold after the soak (bounded by the Worker's budget). */
  cacheMb?: number;
  /** The same per consumer, as IndexReader.cacheFill names them (MB). */
  cacheShares?: ReturnType<IndexReader['cacheFill']>;
  /** Storage read per measured query (whole chunks, as from static assets), KiB: median and p95. */
  readKbP50?: number;
  readKbP95?: number;
  /** Waves of reads per measured query, p95. */
  wavesP95?: number;
  rootBytes?: number;
}

/** The memory a Worker isolate must have for the index: the peak of load and queries, or what stays live once the memos are full. */
export function steadyPeakMb(probe: MemoryProbeResult): number {
  return Math.max(probe.peakMb ?? Infinity, probe.afterSoakMb ?? 0);
}
