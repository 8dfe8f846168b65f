import { createServer as createHttpServer, type Server } from 'node:http';
import type { TestProject } from 'vitest/node';
import { buildCommand } from '../../src/cli/build';
import { freePort, startLocalWorker } from '../../tools/local-worker';
import { WRANGLER_LOG } from './browser';

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
 * on a free loopback port, offline (tools/local-worker.ts), plus a small site
 * on another origin that embeds the search box, and stops both afterwards (the
 * whole process group of wrangler, workerd included). wrangler's output goes
 * to build/e2e-wrangler.log, for when a test fails.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if ((await buildCommand()) !== 0) throw new Error('npm run build failed');
  const sitePort = await freePort();
  const embedUrl = `http://127.0.0.1:${sitePort}`;
  const worker = await startLocalWorker({ vars: { ALLOWED_ORIGINS: embedUrl }, logFile: WRANGLER_LOG });
  const site = await startEmbeddingSite(sitePort, worker.baseUrl).catch(async (error: unknown) => {
    await worker.stop();
    throw error;
  });
  project.provide('baseUrl', worker.baseUrl);
  project.provide('embedUrl', embedUrl);
  project.provide('foreignEmbedUrl', `http://localhost:${sitePort}`);
  return async () => {
    await worker.stop();
    await new Promise((resolve) => site.close(resolve));
  };
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
