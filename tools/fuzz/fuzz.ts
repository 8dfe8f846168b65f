import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatSummary, runFuzz } from './run';
import { buildCommand } from '../../src/cli/build';
import { startLocalWorker, type LocalWorker } from '../local-worker';
import { runMain } from '../../src/cli/main';
import { ROOT } from '../../src/cli/paths';

const USAGE = `usage: npm run fuzz -- [--requests N] [--seed S] [--only N] [--concurrency C] [--url http://127.0.0.1:PORT]

Sends N generated requests (default 20000) to the Worker — odd methods, broken
percent-encoding, repeated parameters, header abuse, odd paths, attempts to
read the private index — over raw sockets, and checks every answer: no 5xx
from the Worker, no stack trace or source path in any body, only the statuses
the API documents. Without --url it builds the assets and starts the Worker
with wrangler dev on a free port of 127.0.0.1, and stops it afterwards.
Exit code 1 when any answer fails; each failure is listed with the request
and the --seed/--only that reproduces it.`;

export async function fuzzCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      requests: { type: 'string', default: '20000' },
      seed: { type: 'string', default: '1' },
      only: { type: 'string' },
      concurrency: { type: 'string', default: '8' },
      url: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const whole = (v: string, name: string) => {
    if (!/^\d+$/.test(v)) throw new Error(`--${name} must be a whole number.\n${USAGE}`);
    return Number(v);
  };
  const seed = whole(values.seed, 'seed');
  const count = values.only !== undefined ? 1 : whole(values.requests, 'requests');
  const from = values.only !== undefined ? whole(values.only, 'only') : 0;

  let worker: LocalWorker | null = null;
  let host = '127.0.0.1';
  let port: number;
  if (values.url) {
    const url = new URL(values.url);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error('--url must be a loopback address: this tool fuzzes a local Worker only.');
    host = url.hostname.replace(/^\[|\]$/g, '');
    port = Number(url.port || 80);
  } else {
    if ((await buildCommand()) !== 0) return 1;
    console.error('starting the Worker (wrangler dev) …');
    worker = await startLocalWorker({ logFile: join(ROOT, 'build/fuzz-wrangler.log') });
    port = worker.port;
    console.error(`Worker at ${worker.baseUrl} (its output: build/fuzz-wrangler.log)`);
  }
  try {
    const progress = process.stderr.isTTY && count >= 1000;
    const summary = await runFuzz({
      host,
      port,
      seed,
      count,
      from,
      concurrency: whole(values.concurrency, 'concurrency'),
      onResult: progress ? (done) => done % 500 === 0 && process.stderr.write(`\r${done}/${count}`) : undefined,
    });
    if (progress) process.stderr.write('\r');
    console.log(formatSummary(summary));
    return summary.failures.length ? 1 : 0;
  } finally {
    await worker?.stop();
  }
}

runMain(import.meta.url, fuzzCommand);
