import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { searchWithAlternatives } from '../search/relax';
import { HttpError } from '../worker/errors';
import { DEFAULT_LIMITS, parseSearchParams, type RequestLimits, type SearchParams } from '../worker/params';
import { openIndexDir } from './open-index-dir';
import { runMain } from './main';
import { DEFAULT_INDEX } from './paths';
import { renderForTerminal } from './render-terminal';

const USAGE =
  'usage: npm run query -- [--index DIR] [--limit K] [--offset N] [--group] [--recency DAYS] [--sort relevance|date] [--facets category,tag,source,year] [--json] [--batch FILE] "query"';

/** What a command-line query may ask for: the API's parser and checks, with the page size and depth a person at a terminal may want. */
const CLI_LIMITS: RequestLimits = { ...DEFAULT_LIMITS, maxQueryLength: 10_000, maxTerms: 1000, maxLimit: 10_000, maxOffset: 1_000_000 };

/** Queries an index: for a person (coloured when a terminal), or as JSON (one object per query). */
export async function queryCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      index: { type: 'string', default: DEFAULT_INDEX },
      limit: { type: 'string' },
      offset: { type: 'string' },
      group: { type: 'boolean', default: false },
      recency: { type: 'string' },
      sort: { type: 'string' },
      facets: { type: 'string' },
      json: { type: 'boolean', default: false },
      batch: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const queries = values.batch
    ? (await readFile(values.batch, 'utf8')).split(/\r?\n/).filter((line) => line.trim() !== '')
    : [positionals.join(' ')];
  if (!values.batch && queries[0]!.trim() === '') {
    console.error(USAGE);
    return 2;
  }
  // The options are read by the API's parser under the API's parameter names, so both accept and refuse the same values.
  const option = (name: string): string | undefined => {
    const value = (values as Record<string, unknown>)[name];
    return name === 'group' ? (value ? 'true' : undefined) : (value as string | undefined);
  };
  let requests: SearchParams[];
  try {
    requests = queries.map((q) => parseSearchParams((name) => (name === 'q' ? q : option(name)), CLI_LIMITS));
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    console.error(`${error.message.replace(/^Parameter (\w+)/, (_, name: string) => (name === 'q' ? 'The query' : `--${name}`))}\n${USAGE}`);
    return 2;
  }
  const index = await openIndexDir(values.index);
  const color = !values.json && process.stdout.isTTY === true && !process.env.NO_COLOR;
  for (const { q, ...options } of requests) {
    const response = await searchWithAlternatives(index, q, options);
    process.stdout.write(values.json ? JSON.stringify(response) + '\n' : renderForTerminal(response, color, options.offset));
  }
  return 0;
}

runMain(import.meta.url, queryCommand);
