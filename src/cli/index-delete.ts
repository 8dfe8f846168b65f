import { parseArgs } from 'node:util';
import { parseDeleteFilter, type WriteOp } from '../live/ops';
import { checkId, DEFAULT_WRITE_LIMITS } from '../live/validate';
import { endpointTarget, folderTarget } from './live-target';
import { runMain } from './main';
import { DEFAULT_INDEX } from './paths';

const USAGE = 'usage: npm run index:delete -- [--index DIR | --endpoint URL] ID… | --filter "source:dpa date:..2024-06"';

/** `npm run index:delete`: the write API's DELETE by id, or by filter (licence expiry); published before it exits. */
export async function indexDeleteCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      index: { type: 'string', default: DEFAULT_INDEX },
      endpoint: { type: 'string' },
      filter: { type: 'string' },
      grace: { type: 'string', default: '600000' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || (positionals.length === 0 && !values.filter)) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const writes: WriteOp[] = positionals.map((id) => ({ op: 'delete', id: checkId(id, DEFAULT_WRITE_LIMITS) }));
  if (values.filter) writes.push({ op: 'deleteWhere', filter: parseDeleteFilter(values.filter) });
  const target = values.endpoint ? endpointTarget(values.endpoint, process.env.ADMIN_TOKEN) : await folderTarget(values.index, Number(values.grace));
  try {
    for (const r of await target.write(writes, writes.map((_, i) => i + 1))) console.log(`${r.id ?? values.filter}: deleted (write ${r.ok ? r.seq : '?'})`);
  } finally {
    await target.close();
  }
  return 0;
}

runMain(import.meta.url, indexDeleteCommand);
