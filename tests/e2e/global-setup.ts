import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildCommand } from '../../src/cli/build';
import { ASSETS_DIR, ROOT } from '../../src/cli/paths';
import { OFFLINE_WRANGLER_ENV } from '../../src/cli/start';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Worker under `wrangler dev`, e.g. `http://127.0.0.1:41234`. */
    baseUrl: string;
    /** Another site (another origin) that embeds `<de-search>`; listed in ALLOWED_ORIGINS. */
    embedUrl: string;
    /** The same site under a host name the Worker does not allow. */
    foreignEmbedUrl: string;
  }
}

/**
 * Builds the Worker's assets (`npm run build`), starts it with `wrangler dev`
 * on a free loopback port, offline, plus a small site on another origin that
 * embeds the search box, and stops both afterwards (the whole process group
 * of wrangler, workerd included).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if ((await buildCommand()) !== 0) throw new Error('npm run build failed');
  const [workerPort, sitePort] = await Promise.all([freePort(), freePort()]);
  const baseUrl = `http://127.0.0.1:${workerPort}`;
  const embedUrl = `http://127.0.0.1:${sitePort}`;

  // The Worker serves a snapshot of the build, so a build running meanwhile (another
  // `npm test` in this work tree) neither changes what is tested nor reloads the server.
  const assets = await mkdtemp(join(tmpdir(), 'de-search-e2e-'));
  await cp(ASSETS_DIR, assets, { recursive: true });

  const site = await startEmbeddingSite(sitePort, baseUrl);
  const worker = spawn(
    join(ROOT, 'node_modules/.bin/wrangler'),
    ['dev', '--ip', '127.0.0.1', '--port', String(workerPort), '--inspector-port', String(await freePort()),
      '--assets', assets, '--show-interactive-dev-session=false', '--var', `ALLOWED_ORIGINS:${embedUrl}`],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...OFFLINE_WRANGLER_ENV } },
  );
  // Its output goes to build/e2e-wrangler.log, for when a test fails.
  await mkdir(join(ROOT, 'build'), { recursive: true });
  const log = createWriteStream(join(ROOT, 'build/e2e-wrangler.log'));
  let output = '';
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    if (output.length < 20_000) output += chunk;
  };
  worker.stdout!.on('data', keep);
  worker.stderr!.on('data', keep);

  const stop = async () => {
    await stopGroup(worker);
    await new Promise((resolve) => site.close(resolve));
    log.end();
    await rm(assets, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, worker, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('embedUrl', embedUrl);
  project.provide('foreignEmbedUrl', `http://localhost:${sitePort}`);
  return stop;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, worker: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
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
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
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
 * "Another website": embeds the box with the two lines from the README,
 * under a strict Content Security Policy that allows the Worker's origin only.
 */
function startEmbeddingSite(port: number, workerUrl: string): Promise<Server> {
  const html = `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>Eine andere Website</title>
<script type="module" src="${workerUrl}/embed.js"></script>
</head>
<body>
<h1>Eine andere Website</h1>
<p>Mit eingebetteter Suche:</p>
<de-search endpoint="${workerUrl}"></de-search>
</body>
</html>`;
  const csp = `default-src 'none'; script-src ${workerUrl}; style-src ${workerUrl}; connect-src ${workerUrl}; base-uri 'none'`;
  const server = createHttpServer((req, res) => {
    if (req.url !== '/') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp });
    res.end(html);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
