import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_ANALYSIS, type AnalysisConfig } from '../analysis/german';
import { formatProblem, SYNONYMS_FILE } from '../corpus';
import type { SynonymRule } from '../index/root';
import { parseSynonyms } from '../search/synonyms';
import { buildIndexDir, DEFAULT_SEGMENT_CHARS } from '../index/indexer/build-index';
import { CHUNK_SIZE_RULE, chunkFiles } from '../index/storage/chunk-size';
import { runMain } from './main';
import { DEFAULT_CORPUS, DEFAULT_INDEX } from './paths';

const USAGE = `usage: npm run build:index -- [--corpus DIR] [--out DIR] [--synonyms FILE] [--strict] [--without STAGE …] [--threads N] [--chunk-size BYTES] [--segment-chars N] [--quiet]
  stages: fold, stopWords, stem, lemmas, compounds
  --synonyms       synonyms and spelling variants for queries, Solr format (default: ${SYNONYMS_FILE} in the corpus folder, if there)
  --threads        threads that analyse (default: one per core)
  --chunk-size     bytes per stored chunk file (default: the smallest from ${CHUNK_SIZE_RULE.smallest / 1024} KiB, in steps of ${CHUNK_SIZE_RULE.step / 1024} KiB, whose chunk files number at most ${CHUNK_SIZE_RULE.files.toLocaleString('en-US')}); static assets are read whole, so smaller reads less per query
  --segment-chars  characters analysed into one segment in memory before it is stored (default ${DEFAULT_SEGMENT_CHARS})`;

/** Reads a corpus, indexes it and publishes the index atomically; prints a one-line summary. */
export async function buildIndexCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      corpus: { type: 'string', default: DEFAULT_CORPUS },
      out: { type: 'string', default: DEFAULT_INDEX },
      strict: { type: 'boolean', default: false },
      synonyms: { type: 'string' },
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
  const synonyms = await readSynonymsFile(values.synonyms ?? join(values.corpus, SYNONYMS_FILE), values.synonyms !== undefined, values.strict);
  if (synonyms === null) return 1;
  const progress = !values.quiet && process.stderr.isTTY;
  const report = await buildIndexDir({
    corpus: values.corpus,
    out: values.out,
    analysis,
    strict: values.strict,
    threads: numbers.threads,
    chunkSize: numbers['chunk-size'],
    segmentChars: numbers['segment-chars'],
    synonyms,
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
  const chunkSize = report.root.chunkSize;
  const files = chunkFiles(report.root.segments.flatMap((s) => Object.values(s.meta.files)), chunkSize);
  const skipped = report.problems ? `, ${report.problems} skipped` : '';
  const rules = synonyms.length ? `, ${synonyms.length} synonym rules` : '';
  const rate = report.chars / (report.ms.total / 1000);
  console.log(
    `indexed ${report.articles} articles, ${report.paragraphs} paragraphs, ${report.root.segments.reduce((n, s) => n + s.meta.counts.terms, 0)} terms → ${values.out} (${bytes} bytes in ${files} chunk files of ${chunkSize / 1024} KiB, root ${report.rootBytes} bytes) in ${Math.round(report.ms.total)} ms (${(rate / 1e6).toFixed(2)} M characters/s)${rules}${skipped}`,
  );
  return 0;
}

/**
 * The synonym rules of a file (none when the default file is not there); a
 * line that cannot be read is named and skipped, or with `strict` stops the
 * build (null).
 */
async function readSynonymsFile(file: string, named: boolean, strict: boolean): Promise<SynonymRule[] | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (!named && (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    console.error(`Cannot read the synonyms file ${file} (${(error as NodeJS.ErrnoException).code ?? error}).`);
    return null;
  }
  const { rules, problems } = parseSynonyms(text);
  for (const p of problems) console.error(`${strict ? 'error in' : 'skipped'} ${file} line ${p.line}: ${p.reason}`);
  return strict && problems.length > 0 ? null : rules;
}

runMain(import.meta.url, buildIndexCommand);
