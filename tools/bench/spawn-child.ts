import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
