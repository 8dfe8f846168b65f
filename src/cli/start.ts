import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildCommand } from './build';
import { runMain } from './main';
import { ROOT } from './paths';

/** Keeps `wrangler dev` from reaching out: no metrics, no banner check, no request.cf lookup. */
export const OFFLINE_WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
};

/**
 * `npm start`: builds what is missing or stale (`npm run build`) and runs the
 * Worker locally in workerd (`wrangler dev`), offline, on 127.0.0.1.
 */
export async function startCommand(argv: string[]): Promise<number> {
  const built = await buildCommand();
  if (built !== 0) return built;
  const port = process.env.PORT ?? '8787';
  console.log(`Search page: http://127.0.0.1:${port}/   API: http://127.0.0.1:${port}/api/search?q=Militärhilfe`);
  const child = spawn(join(ROOT, 'node_modules/.bin/wrangler'), ['dev', '--ip', '127.0.0.1', '--port', port, ...argv], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...OFFLINE_WRANGLER_ENV },
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
}

runMain(import.meta.url, startCommand);
