import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ASSETS_DIR, ROOT } from '../src/cli/paths';
import { bundleWorker } from './edge/bundle';
import { serveIndexFrom } from './index-files';
import { OFFLINE_WRANGLER_ENV } from '../src/cli/start';

/** The Worker under `wrangler dev` on a loopback port (tests, fuzzing, load tests). */
export interface LocalWorker {
  /** e.g. `http://127.0.0.1:41234` */
  baseUrl: string;
  host: '127.0.0.1';
  port: number;
  /** wrangler's inspector (Chrome DevTools protocol) for the Worker's isolate, on 127.0.0.1. */
  inspectorPort: number;
  /** The pid of the workerd process that runs the Worker (not wrangler's proxy), once it is up. */
  workerdPid: () => number | null;
  /** wrangler's and workerd's output so far (the first 20 kB). */
  output: () => string;
  /** Stops wrangler and everything it started (its whole process group), and removes the assets snapshot. */
  stop: () => Promise<void>;
}

export interface LocalWorkerOptions {
  /** The static assets to serve (copied first). Default: build/assets, as `npm run build` leaves it. */
  assetsDir?: string;
  /** Serve this index folder instead of the one in `assetsDir`. */
  indexDir?: string;
  /** `[vars]` overrides, e.g. `{ ALLOWED_ORIGINS: 'http://127.0.0.1:8000' }`. */
  vars?: Record<string, string>;
  /** Where wrangler's output is written, for when something fails. */
  logFile?: string;
  /** How long to wait for `/api/health` (default 90 s; the first start of workerd is slow on a busy machine). */
  startTimeoutMs?: number;
  /** Run the sources as `wrangler dev` bundles and watches them, rather than a snapshot of the bundle. */
  live?: boolean;
}

/**
 * Starts the Worker with `wrangler dev` on a free port of 127.0.0.1, offline,
 * and waits until `/api/health` answers. It runs snapshots: the Worker bundled
 * once (as `wrangler deploy --dry-run` bundles it) and a copy of the assets,
 * so an edit of the sources or a build running meanwhile (another `npm test`
 * in this work tree) neither changes what is served nor restarts the Worker
 * mid-request.
 */
export async function startLocalWorker(options: LocalWorkerOptions = {}): Promise<LocalWorker> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const work = await mkdtemp(join(tmpdir(), 'de-search-worker-'));
  // Whatever fails before the Worker runs (copying, bundling, spawning) leaves no folder behind.
  const { worker, inspectorPort } = await spawnWrangler(work, port, options).catch(async (error: unknown) => {
    await rm(work, { recursive: true, force: true });
    throw error;
  });
  let log: ReturnType<typeof createWriteStream> | null = null;
  if (options.logFile) {
    await mkdir(dirname(options.logFile), { recursive: true });
    log = createWriteStream(options.logFile);
  }
  let output = '';
  const keep = (chunk: Buffer) => {
    log?.write(chunk);
    if (output.length < 20_000) output += chunk;
  };
  worker.stdout!.on('data', keep);
  worker.stderr!.on('data', keep);

  const stop = async () => {
    await stopGroup(worker);
    log?.end();
    await rm(work, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, worker, () => output, options.startTimeoutMs ?? 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, host: '127.0.0.1', port, inspectorPort, workerdPid: () => findWorkerd(worker.pid!, port), output: () => output, stop };
}

/** Copies the assets (and index) into `work`, bundles the Worker, and starts `wrangler dev` on `port`. */
async function spawnWrangler(work: string, port: number, options: LocalWorkerOptions): Promise<{ worker: ChildProcess; inspectorPort: number }> {
  const assets = join(work, 'assets');
  await cp(options.assetsDir ?? ASSETS_DIR, assets, { recursive: true });
  const script = options.live ? null : (await bundleWorker(join(work, 'bundle'))).entry;
  if (options.indexDir) await serveIndexFrom(assets, options.indexDir);
  const vars = Object.entries(options.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const inspectorPort = await freePort();
  const worker = spawn(
    join(ROOT, 'node_modules/.bin/wrangler'),
    ['dev', ...(script ? [script, '--no-bundle', '--config', join(ROOT, 'wrangler.toml')] : []), '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort),
      '--assets', assets, '--show-interactive-dev-session=false', ...vars],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...OFFLINE_WRANGLER_ENV } },
  );
  return { worker, inspectorPort };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, worker: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (worker.exitCode !== null) throw new Error(`wrangler dev exited with ${worker.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer /api/health in time:\n${output()}`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (!child.pid) return;
  // wrangler may have exited already (a failed start) while workerd, in its process group, still runs.
  const running = child.exitCode === null && child.signalCode === null;
  const exited = running ? new Promise<void>((resolve) => child.once('exit', () => resolve())) : Promise.resolve();
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') signal('SIGKILL');
  // workerd may outlive wrangler for a moment: make sure nothing of the group is left.
  signal('SIGKILL');
}

/**
 * The workerd process that runs the Worker, among the descendants of `root`
 * (Linux /proc), or null. wrangler dev starts two: one for its proxy, which
 * listens on the public port, and one for the Worker itself.
 */
function findWorkerd(root: number, publicPort: number): number | null {
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may contain spaces, so split after the last ')'.
      const close = stat.lastIndexOf(')');
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      const pid = Number(entry);
      names.set(pid, stat.slice(stat.indexOf('(') + 1, close));
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // the process ended meanwhile
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    if (pid !== root && names.get(pid) === 'workerd') found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  if (found.length <= 1) return found[0] ?? null;
  const proxy = listener(publicPort);
  return found.find((pid) => !ownsSocket(pid, proxy)) ?? found[0]!;
}

/** The inode of the socket listening on 127.0.0.1:`port` (/proc/net/tcp), or null. */
function listener(port: number): string | null {
  try {
    for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[1]?.endsWith(`:${port.toString(16).toUpperCase().padStart(4, '0')}`) && f[3] === '0A') return f[9] ?? null;
    }
  } catch {
    // no /proc/net/tcp
  }
  return null;
}

function ownsSocket(pid: number, inode: string | null): boolean {
  if (inode === null) return false;
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/** Resident memory of a process in MB (VmRSS from /proc/<pid>/status), or null when it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}
