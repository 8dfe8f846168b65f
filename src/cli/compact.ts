import { parseArgs } from 'node:util';
import { endpointTarget, folderTarget } from './live-target';
import { runMain } from './main';
import { DEFAULT_INDEX } from './paths';

const USAGE = 'usage: npm run compact -- [--index DIR | --endpoint URL] [--full] [--grace MS]';

/**
 * `npm run compact`: what the Cron Trigger runs — the merges the tiered
 * policy asks for, every segment with deletions rewritten without them (the
 * deleted text leaves storage), the root switched, and files replaced more
 * than the grace period ago removed. `--full` merges everything into as few
 * segments as the merge cap allows (for a local folder: no cap).
 */
export async function compactCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { index: { type: 'string', default: DEFAULT_INDEX }, endpoint: { type: 'string' }, full: { type: 'boolean', default: false }, grace: { type: 'string', default: '600000' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const target = values.endpoint ? endpointTarget(values.endpoint, process.env.ADMIN_TOKEN) : await folderTarget(values.index, Number(values.grace));
  try {
    console.log(JSON.stringify(await target.compact(values.full)));
  } finally {
    await target.close();
  }
  return 0;
}

runMain(import.meta.url, compactCommand);
