import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BuildResult, BuildTask, ChildTask, LatencyRow, LatencyTask, LoadResult, LoadTask } from './child';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs one task in a fresh `node --import tsx --expose-gc` process and returns
 * what it printed. The task travels as a file (query lists can be long).
 */
export async function runChild(task: BuildTask): Promise<BuildResult>;
export async function runChild(task: LoadTask): Promise<LoadResult>;
export async function runChild(task: LatencyTask): Promise<LatencyRow[]>;
export async function runChild(task: ChildTask): Promise<unknown> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-task-'));
  const file = join(dir, 'task.json');
  try {
    await writeFile(file, JSON.stringify(task));
    // stderr passes through: the child's progress lines show while it runs.
    const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', CHILD, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const code = await new Promise<number | null>((done, fail) => child.on('error', fail).on('close', done));
    if (code !== 0) throw new Error(`bench child (${task.kind}${'system' in task ? ` ${task.system}` : ''}) exited with code ${code}`);
    return JSON.parse(stdout.trim().split('\n').pop()!);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs the repo's Worker memory probe (src/cli/edge/memory-probe.ts) under a 128 MB heap, as `npm run check:edge` does. */
/** `soak`: further queries asked after the measured ones, so the per-word memos fill as in a long-lived isolate. */
export async function runMemoryProbe(indexFile: string, queries: readonly string[], soak: readonly string[] = []): Promise<MemoryProbeResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-probe-'));
  const queriesFile = join(dir, 'queries.txt');
  try {
    await writeFile(queriesFile, queries.join('\n'));
    const soakFile = join(dir, 'soak.txt');
    await writeFile(soakFile, soak.join('\n'));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--max-old-space-size=128', '--expose-gc', '--import', 'tsx', join(ROOT, 'src/cli/edge/memory-probe.ts'), indexFile, queriesFile, soakFile],
      { cwd: ROOT, maxBuffer: 1 << 20 },
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
  loadMs?: number;
  loadedMb?: number;
  peakMb?: number;
  afterQueriesMb?: number;
  soakQueries?: number;
  /** What stays live (or peaks, sampled every 500 queries) while the soak queries run. */
  afterSoakMb?: number;
}

/** The memory a Worker isolate must have for the index: the peak of load and queries, or what stays live once the memos are full. */
export function steadyPeakMb(probe: MemoryProbeResult): number {
  return Math.max(probe.peakMb ?? Infinity, probe.afterSoakMb ?? 0);
}
