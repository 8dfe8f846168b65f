import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { WriteOp } from '../live/ops';
import { DEFAULT_WRITE_LIMITS, parseJson, toLiveArticle, WriteRejection } from '../live/validate';
import { endpointTarget, folderTarget } from './live-target';
import { runMain } from './main';
import { DEFAULT_INDEX } from './paths';

const USAGE = 'usage: npm run index:put -- [--index DIR | --endpoint URL] FILE…   (JSON Lines: one article per line; ADMIN_TOKEN from the environment with --endpoint)';

/**
 * `npm run index:put`: the write API's PUT and bulk POST from the command
 * line. Each line is checked as the API checks it; bad lines are named with
 * their reason and nothing of them is written; the good ones are published
 * before the command exits. Exit code 1 when any line was refused.
 */
export async function indexPutCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { index: { type: 'string', default: DEFAULT_INDEX }, endpoint: { type: 'string' }, grace: { type: 'string', default: '600000' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const writes: WriteOp[] = [];
  const lines: number[] = [];
  const where: string[] = [];
  let refused = 0;
  let stored = 0;
  for (const file of positionals) {
    const text = await readFile(file, 'utf8');
    text.split('\n').forEach((raw, i) => {
      if (raw.trim() === '') return;
      try {
        writes.push({ op: 'put', article: toLiveArticle(parseJson(raw), DEFAULT_WRITE_LIMITS) });
        lines.push(writes.length);
        where.push(`${file}:${i + 1}`);
      } catch (error) {
        if (!(error instanceof WriteRejection)) throw error;
        refused++;
        console.error(`${file}:${i + 1}: ${error.code}: ${error.message}`);
      }
    });
  }
  const target = values.endpoint ? endpointTarget(values.endpoint, process.env.ADMIN_TOKEN) : await folderTarget(values.index, Number(values.grace));
  try {
    for (const r of writes.length ? await target.write(writes, lines) : []) {
      if (r.ok) {
        stored++;
        console.log(`${where[r.line - 1]}: ${r.id} stored (write ${r.seq})`);
      } else {
        refused++;
        console.error(`${where[r.line - 1]}: ${r.error.code}: ${r.error.message}`);
      }
    }
  } finally {
    await target.close();
  }
  console.log(`${stored} stored, ${refused} refused`);
  return refused > 0 ? 1 : 0;
}

runMain(import.meta.url, indexPutCommand);
