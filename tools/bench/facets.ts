/**
 * What counting facets costs a query (issue: "facet counting must not make
 * a query more than 1.5× slower"): the same queries over the same index,
 * each asked without facets and with `facets=category,tag,source,year`,
 * alternately in one run (the order swaps every round, so neither side
 * gets the warmer caches), as the page asks them (grouped by article), by
 * relevance and newest first.
 *
 *   npm run bench:facets -- [--corpus ../shared/corpora] [--rounds 5] [--seed 1]
 *
 * The corpus is read in place (its *.docs.jsonl indexed into a temporary
 * folder, its *.queries.jsonl asked), never copied into the repository.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openIndexDir } from '../../src/cli/open-index-dir';
import { runMain } from '../../src/cli/main';
import { ROOT } from '../../src/cli/paths';
import { search, FACET_KINDS, type SearchOptions } from '../../src/search';
import { buildCorporaIndex, readQuerySets } from '../shared-corpora';
import { pickQueries } from './queries';
import { percentile } from './stats';

const USAGE = 'usage: npm run bench:facets -- [--corpus DIR] [--rounds N] [--seed N]';

/** What the page asks for, by relevance and newest first. */
const MODES: Array<{ name: string; options: SearchOptions }> = [
  { name: 'relevance, grouped', options: { group: true } },
  { name: 'newest first, grouped', options: { group: true, sort: 'date' } },
];

export async function facetsBenchCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      corpus: { type: 'string', default: join(ROOT, '../shared/corpora') },
      rounds: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const rounds = Number(values.rounds);
  const seed = Number(values.seed);
  if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(seed)) {
    console.error(USAGE);
    return 2;
  }
  const corpus = resolve(values.corpus);
  const work = await mkdtemp(join(tmpdir(), 'bench-facets-'));
  try {
    const index = await openIndexDir(await buildCorporaIndex(corpus, work));
    const picked = pickQueries(await readQuerySets(corpus), { perSet: 40, short: 120, typed: 0, seed });
    const queries = [...picked.short, ...picked.questions.map((q) => q.query)];
    const { paragraphs, articles } = index.describe();
    console.log(
      `${paragraphs} paragraphs (${articles} articles) of ${corpus}; ${queries.length} queries (${picked.short.length} of one or two words, ${picked.questions.length} questions), ${rounds} rounds after one to warm up`,
    );
    console.log(`${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(2)} at the start\n`);
    console.log('| asked as | p50 without | p50 with facets | mean without | mean with facets | mean ratio |');
    console.log('|---|---:|---:|---:|---:|---:|');
    let worst = 0;
    for (const mode of MODES) {
      const plain: number[] = [];
      const faceted: number[] = [];
      const time = async (q: string, options: SearchOptions, into: number[] | null) => {
        const started = performance.now();
        await search(index, q, options);
        into?.push(performance.now() - started);
      };
      const withFacets = { ...mode.options, facets: FACET_KINDS };
      for (let round = 0; round <= rounds; round++) {
        const warm = round === 0;
        for (const q of queries) {
          // Swap the order every round: the second search of a query finds the first one's blocks in the caches.
          const first = round % 2 === 0;
          await time(q, first ? mode.options : withFacets, warm ? null : first ? plain : faceted);
          await time(q, first ? withFacets : mode.options, warm ? null : first ? faceted : plain);
        }
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const ratio = mean(faceted) / mean(plain);
      worst = Math.max(worst, ratio);
      const ms = (x: number) => `${x.toFixed(2)} ms`;
      const p50 = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
      console.log(
        `| ${mode.name} | ${ms(p50(plain))} | ${ms(p50(faceted))} | ${ms(mean(plain))} | ${ms(mean(faceted))} | ${ratio.toFixed(2)}× |`,
      );
    }
    console.log(`\nTarget: facets make a query at most 1.5× slower on average: ${worst <= 1.5 ? 'met' : 'NOT met'} (worst ${worst.toFixed(2)}×).`);
    return 0;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

runMain(import.meta.url, facetsBenchCommand);
