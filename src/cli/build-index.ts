import { parseArgs } from 'node:util';
import { DEFAULT_ANALYSIS, type AnalysisConfig } from '../analysis/german';
import { formatProblem } from '../corpus';
import { buildIndexDir, DEFAULT_CHUNK_SIZE, DEFAULT_SEGMENT_CHARS } from '../index/build/build-index';
import { runMain } from './main';
import { DEFAULT_CORPUS, DEFAULT_INDEX } from './paths';

const USAGE = `usage: npm run build:index -- [--corpus DIR] [--out DIR] [--strict] [--without STAGE …] [--threads N] [--chunk-size BYTES] [--segment-chars N] [--quiet]
  stages: fold, stopWords, stem, lemmas, compounds
  --threads        threads that analyse (default: one per core)
  --chunk-size     bytes per stored chunk file (default ${DEFAULT_CHUNK_SIZE}); static assets are read whole, so smaller reads less per query
  --segment-chars  characters analysed into one segment in memory before it is stored (default ${DEFAULT_SEGMENT_CHARS})`;

/** Reads a corpus, indexes it and publishes the index atomically; prints a one-line summary. */
export async function buildIndexCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      corpus: { type: 'string', default: DEFAULT_CORPUS },
      out: { type: 'string', default: DEFAULT_INDEX },
      strict: { type: 'boolean', default: false },
      without: { type: 'string', multiple: true, default: [] },
      threads: { type: 'string' },
      'chunk-size': { type: 'string' },
      'segment-chars': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const analysis = { ...DEFAULT_ANALYSIS };
  for (const stage of values.without) {
    if (!(stage in analysis)) {
      console.error(`Unknown stage "${stage}".\n${USAGE}`);
      return 2;
    }
    analysis[stage as keyof AnalysisConfig] = false;
  }
  const numbers: Record<string, number | undefined> = {};
  for (const name of ['threads', 'chunk-size', 'segment-chars'] as const) {
    const raw = values[name];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) {
      console.error(`--${name} takes a positive whole number.\n${USAGE}`);
      return 2;
    }
    numbers[name] = n;
  }
  const progress = !values.quiet && process.stderr.isTTY;
  const report = await buildIndexDir({
    corpus: values.corpus,
    out: values.out,
    analysis,
    strict: values.strict,
    threads: numbers.threads,
    chunkSize: numbers['chunk-size'],
    segmentChars: numbers['segment-chars'],
    onProblem: (problem) => console.error(`skipped ${formatProblem(problem)}`),
    onProgress: progress
      ? (p) => process.stderr.write(`\r${p.articles} articles, ${p.paragraphs} paragraphs, ${(p.chars / 1e6).toFixed(0)} M characters read…`)
      : undefined,
  });
  if (progress) process.stderr.write('\n');
  if (report.articles === 0) {
    console.error(`No articles found in ${values.corpus}; the index was not written.`);
    return 1;
  }
  const bytes = Object.values(report.bytes).reduce((n, b) => n + b, 0);
  const skipped = report.problems ? `, ${report.problems} skipped` : '';
  const rate = report.chars / (report.ms.total / 1000);
  console.log(
    `indexed ${report.articles} articles, ${report.paragraphs} paragraphs, ${report.root.segments.reduce((n, s) => n + s.meta.counts.terms, 0)} terms → ${values.out} (${bytes} bytes, root ${report.rootBytes} bytes) in ${Math.round(report.ms.total)} ms (${(rate / 1e6).toFixed(2)} M characters/s)${skipped}`,
  );
  return 0;
}

runMain(import.meta.url, buildIndexCommand);
