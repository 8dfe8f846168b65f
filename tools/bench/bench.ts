import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runComparison } from './compare';
import { readCorpusDir, readQuerySets } from '../shared-corpora';
import { countParagraphs } from './corpus-sample';
import { benchDocument, benchmarksFile } from './document';
import { pickQueries } from './queries';
import { scalePanels } from './report';
import { runScale, SCALE_WARMUP } from './scale';
import { chartSvg } from './svg-chart';
import { BASELINE_ID, SYSTEM_IDS } from '../systems';
import { runMain } from '../../src/cli/main';
import { ROOT } from '../../src/cli/paths';

/** Largest scale size per library by default: what keeps the whole run under 10 minutes on a 2-core machine. */
const DEFAULT_LIMITS: Record<string, number> = { minisearch: 50_000, snowball: 10_000, orama: 10_000, flexsearch: 10_000, lunr: 10_000 };
const QUICK_LIMITS: Record<string, number> = { minisearch: 10_000, snowball: 1_000, orama: 1_000, flexsearch: 1_000, lunr: 1_000 };
/** `real` stands for the whole real corpus's paragraph count. */
const DEFAULT_SIZES = '1000,10000,real,50000,200000';
const QUICK_SIZES = '1000,10000';
/** Queries of each class every system answers before latency is measured (JIT, caches). */
const WARMUP = 10;

const USAGE = `usage: npm run bench -- [--corpus DIR] [--systems ID,…] [--sizes N,…] [--quick] [--no-scale] [--write-docs]
  --corpus DIR        a ../shared/corpora-style directory (default ../shared/corpora): *.docs.jsonl indexed, *.queries.jsonl asked
  --systems ID,…      of ${SYSTEM_IDS.join(', ')} (default all; ${BASELINE_ID} is the baseline of every ratio)
  --sizes N,…         scale series paragraph counts; "real" = the whole corpus (default ${DEFAULT_SIZES})
  --scale-limits ID=N,…  largest scale size per library (default ${Object.entries(DEFAULT_LIMITS).map(([k, v]) => `${k}=${v}`).join(',')}; ours: all)
  --quick             fewer repeats, rounds and queries; sizes ${QUICK_SIZES} (a smoke run: about three minutes)
  --no-scale          the comparison only
  --build-repeats N, --load-repeats N, --rounds N   repeats of each build, each load, query rounds (default 2, 3, 3)
  --seed N            seed of the query sample and the recombined corpus (default 1)
  --svg FILE          write the scale chart to FILE
  --write-docs        also write docs/BENCHMARKS.md (keeping its notes and load-test sections) and its chart,
                      docs/bench-scale.svg (unless --svg says elsewhere); without it no file of the repository changes`;

/** Where --write-docs puts the scale chart, beside docs/BENCHMARKS.md. */
const DOCS_SVG = join(ROOT, 'docs/bench-scale.svg');

export async function benchCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      corpus: { type: 'string', default: join(ROOT, '../shared/corpora') },
      systems: { type: 'string' },
      sizes: { type: 'string' },
      'scale-limits': { type: 'string' },
      quick: { type: 'boolean', default: false },
      'no-scale': { type: 'boolean', default: false },
      'build-repeats': { type: 'string' },
      'load-repeats': { type: 'string' },
      rounds: { type: 'string' },
      seed: { type: 'string', default: '1' },
      svg: { type: 'string' },
      'write-docs': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const corpus = resolve(values.corpus);
  if (!existsSync(corpus)) {
    console.error(`No corpus directory ${corpus}.\n${USAGE}`);
    return 2;
  }
  const quick = values.quick;
  const systems = values.systems ? values.systems.split(',').map((s) => s.trim()) : SYSTEM_IDS;
  const unknown = systems.filter((s) => !SYSTEM_IDS.includes(s));
  const counts = {
    buildRepeats: whole(values['build-repeats'], quick ? 1 : 2),
    loadRepeats: whole(values['load-repeats'], quick ? 2 : 3),
    rounds: whole(values.rounds, quick ? 2 : 3),
    seed: whole(values.seed, 1),
  };
  if (unknown.length || Object.values(counts).some((n) => n === null)) {
    console.error(`${unknown.length ? `Unknown system ${unknown.join(', ')}.` : 'Repeats, rounds and seed take a positive whole number.'}\n${USAGE}`);
    return 2;
  }
  const { buildRepeats, loadRepeats, rounds, seed } = counts as Record<keyof typeof counts, number>;
  const limits = { ...(quick ? QUICK_LIMITS : DEFAULT_LIMITS), ...parseLimits(values['scale-limits']) };

  const started = performance.now();
  const progress = (line: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  const real = await readCorpusDir(corpus);
  const realSize = countParagraphs(real);
  const sets = await readQuerySets(corpus);
  const sizes = [...new Set((values.sizes ?? (quick ? QUICK_SIZES : DEFAULT_SIZES)).split(',').map((s) => (s.trim() === 'real' ? realSize : Number(s))))].sort(
    (a, b) => a - b,
  );
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    console.error(`--sizes takes positive whole numbers or "real".\n${USAGE}`);
    return 2;
  }
  const queries = pickQueries(sets, { ...(quick ? { perSet: 20, short: 40, typed: 2 } : { perSet: 50, short: 100, typed: 4 }), seed, warmup: WARMUP });
  const scaleQueries = pickQueries(sets, { perSet: 10, short: 40, typed: 2, seed, warmup: SCALE_WARMUP });
  const work = await mkdtemp(join(tmpdir(), 'bench-'));
  try {
    progress(`corpus: ${real.length} articles, ${realSize} paragraphs; systems: ${systems.join(', ')}`);
    const compared = await runComparison({ corpus, systems, buildRepeats, loadRepeats, rounds, warmup: WARMUP, queries, work }, progress);
    const scale = values['no-scale']
      ? []
      : await runScale(
          {
            corpus,
            sizes,
            realSize,
            systems,
            limits,
            seed,
            queries: scaleQueries,
            probeQueries: [...scaleQueries.questions.map((q) => q.query), ...scaleQueries.short, ...scaleQueries.prefix],
            // Enough real queries to fill the per-word memos (they level off after about 2,000).
            soakQueries: sets.flatMap((s) => s.queries.map((q) => q.query)).slice(0, quick ? 500 : 3000),
            work,
          },
          compared,
          progress,
        );
    const svgPath = scale.length ? (values.svg ?? (values['write-docs'] ? DOCS_SVG : null)) : null;
    if (svgPath) {
      await writeFile(svgPath, chartSvg(scalePanels(scale), `npm run bench, ${new Date().toISOString().slice(0, 10)}: ours and MiniSearch default against corpus size`));
      progress(`wrote ${svgPath}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const docsDir = join(ROOT, 'docs');
    const document = benchDocument(
      {
        command: `npm run bench -- ${argv.join(' ')}`.trim(),
        date: new Date().toISOString().slice(0, 10),
        machine: await machine(),
        seconds,
        corpusDescription: `${relative(ROOT, corpus) || corpus}: every *.docs.jsonl, ${real.length.toLocaleString('en-US')} articles, ${realSize.toLocaleString('en-US')} paragraphs`,
        queryDescription: queries.description,
        scaleQueryDescription: scaleQueries.description,
        settings: `${buildRepeats} builds and ${loadRepeats} loads per system, ${rounds} query rounds after ${WARMUP} warm-up queries per class and system (real queries of the class, none of them timed).`,
        scaleLimits: `Ours at every size; ${Object.entries(limits)
          .filter(([id]) => systems.includes(id))
          .map(([id, n]) => `${id} up to ${n.toLocaleString('en-US')}`)
          .join(', ')} paragraphs (larger builds of the other libraries do not fit the 10-minute budget; \`--scale-limits\` raises them).`,
        svgPath: svgPath ? relative(docsDir, svgPath) : null,
      },
      compared,
      scale,
    );
    console.log(document);
    if (values['write-docs']) {
      const file = join(docsDir, 'BENCHMARKS.md');
      await writeFile(file, benchmarksFile(document, existsSync(file) ? await readFile(file, 'utf8') : null));
      progress(`wrote ${file}`);
    }
    progress(`done in ${seconds.toFixed(0)} s`);
    return 0;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function whole(value: string | undefined, fallback: number): number | null {
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : null;
}

function parseLimits(value: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of value?.split(',') ?? []) {
    const [id, n] = pair.split('=');
    if (!id || !Number.isInteger(Number(n))) throw new Error(`--scale-limits takes ID=N pairs, not "${pair}"`);
    out[id.trim()] = Number(n);
  }
  return out;
}

async function machine(): Promise<string> {
  const info = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = /model name\s*:\s*(.+)/.exec(info)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown CPU';
  return `${availableParallelism()} cores (\`nproc\`), ${model}, Node ${process.version}, ${process.platform}`;
}

runMain(import.meta.url, benchCommand);
