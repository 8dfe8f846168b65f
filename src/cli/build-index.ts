import { parseArgs } from 'node:util';
import { readCorpus, formatProblem } from '../corpus';
import { DEFAULT_ANALYSIS, type AnalysisConfig } from '../analysis/german';
import { buildIndex } from '../index/build';
import { serializeIndex } from '../index/serialize';
import { writeIndexFiles } from '../index/write-index';
import { runMain } from './main';
import { DEFAULT_CORPUS, DEFAULT_INDEX } from './paths';

const USAGE = 'usage: npm run build:index -- [--corpus DIR] [--out FILE] [--strict] [--without STAGE …] (stages: fold, stopWords, stem, lemmas, compounds)';

/** Reads a corpus, indexes it and writes the index atomically; prints a one-line summary. */
export async function buildIndexCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      corpus: { type: 'string', default: DEFAULT_CORPUS },
      out: { type: 'string', default: DEFAULT_INDEX },
      strict: { type: 'boolean', default: false },
      without: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const started = performance.now();
  const { articles, problems } = await readCorpus(values.corpus, { strict: values.strict });
  for (const problem of problems) console.error(`skipped ${formatProblem(problem)}`);
  if (articles.length === 0) {
    console.error(`No articles found in ${values.corpus}; the index was not written.`);
    return 1;
  }
  const analysis = { ...DEFAULT_ANALYSIS };
  for (const stage of values.without) {
    if (!(stage in analysis)) {
      console.error(`Unknown stage "${stage}".\n${USAGE}`);
      return 2;
    }
    analysis[stage as keyof AnalysisConfig] = false;
  }
  const index = buildIndex(articles, analysis);
  const bytes = serializeIndex(index);
  const files = await writeIndexFiles(values.out, bytes);
  const size = bytes.length;
  const ms = Math.round(performance.now() - started);
  const skipped = problems.length ? `, ${problems.length} skipped` : '';
  console.log(
    `indexed ${index.meta.articles} articles, ${index.meta.paragraphs} paragraphs, ${index.meta.terms} terms → ${values.out}${files.length > 1 ? ` (+${files.length - 1} parts)` : ''} (${size} bytes) in ${ms} ms${skipped}`,
  );
  return 0;
}

runMain(import.meta.url, buildIndexCommand);
