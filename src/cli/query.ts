import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { search, type SearchResponse } from '../search';
import { openIndexDir } from './open-index-dir';
import { runMain } from './main';
import { DEFAULT_INDEX } from './paths';
import { renderForTerminal } from './render-terminal';

const USAGE = 'usage: npm run query -- [--index DIR] [--limit K] [--offset N] [--group] [--recency DAYS] [--json] [--batch FILE] "query"';

/** Queries an index: for a person (coloured when a terminal), or as JSON (one object per query). */
export async function queryCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      index: { type: 'string', default: DEFAULT_INDEX },
      limit: { type: 'string', default: '10' },
      offset: { type: 'string', default: '0' },
      group: { type: 'boolean', default: false },
      recency: { type: 'string', default: '0' },
      json: { type: 'boolean', default: false },
      batch: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const limit = Number(values.limit);
  const offset = Number(values.offset);
  const recency = Number(values.recency);
  if (![limit, offset, recency].every(Number.isInteger) || limit < 1 || offset < 0 || recency < 0) {
    console.error(`--limit must be a positive whole number, --offset and --recency zero or more.\n${USAGE}`);
    return 2;
  }
  const queries = values.batch
    ? (await readFile(values.batch, 'utf8')).split(/\r?\n/).filter((line) => line.trim() !== '')
    : [positionals.join(' ')];
  if (!values.batch && queries[0]!.trim() === '') {
    console.error(USAGE);
    return 2;
  }
  const index = await openIndexDir(values.index);
  const color = !values.json && process.stdout.isTTY === true && !process.env.NO_COLOR;
  for (const q of queries) {
    const response: SearchResponse = await search(index, q, { limit, offset, group: values.group, recency });
    process.stdout.write(values.json ? JSON.stringify(response) + '\n' : renderForTerminal(response, color));
  }
  return 0;
}

runMain(import.meta.url, queryCommand);
