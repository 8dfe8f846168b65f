import type { CompareResult } from './compare';
import { QUERY_CLASSES, QUERY_CLASS_LABELS } from './queries';
import {
  breakdownBySizeTable,
  breakdownTable,
  buildAndSizeTable,
  ISOLATE_MB,
  latencyTable,
  loadAndMemoryTable,
  num,
  qualityTable,
  scaleTable,
  targets,
  targetsTable,
  WORKER_BUDGET_MB,
  workerFit,
} from './report';
import type { ScalePoint } from './scale';

export interface RunInfo {
  command: string;
  date: string;
  machine: string;
  seconds: number;
  corpusDescription: string;
  queryDescription: string;
  scaleQueryDescription: string;
  settings: string;
  /** Where the scale series stopped each library, in words. */
  scaleLimits: string;
  svgPath: string | null;
}

export const LOAD_START = '<!-- load:start -->';
export const LOAD_END = '<!-- load:end -->';
const NOTES_START = '<!-- notes:start -->';
const NOTES_END = '<!-- notes:end -->';

/** The benchmark report as Markdown: what `npm run bench` prints and docs/BENCHMARKS.md holds. */
export function benchDocument(info: RunInfo, compared: CompareResult, scale: readonly ScalePoint[]): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines, '');
  push(
    '# Benchmarks',
    `Speed, size and scale of this project beside the libraries a user would pick instead, all measured in one run of \`${info.command}\` on the same corpus and machine.`,
    `- **Date:** ${info.date}. **Machine:** ${info.machine}. **Run time:** ${num(info.seconds / 60)} min.`,
    `- **Corpus:** ${info.corpusDescription}.`,
    `- **Queries:** ${info.queryDescription}.`,
    `- **Method:** ${info.settings} Every build and every load runs in a fresh \`node --import tsx --expose-gc\` process; systems are interleaved (each repeat and round takes them in a rotated order) and a full GC runs before each system's turn. Build and load figures are medians with the range over repeats in brackets. Latency: each query class is split into rounds (round r asks every n-th query from the r-th), each system answers each query once after a warm-up on other queries, so every timed query is asked for the first time (each variant of ours opens its own index: none answers from caches another filled); a percentile is over all queries of the class, the brackets give the range of the rounds' own percentiles. The machine is shared with other jobs, so absolute times are indicative; ratios measured in the same run are the figures to compare.`,
    '- **Artifacts:** every saved index holds what a results page needs: the index, the paragraph keys and texts (ours is the index folder `npm run build:index` writes — chunk files of its segments with the texts compressed in blocks, a root and the CURRENT pointer; MiniSearch, FlexSearch and Lunr get keys and texts shipped as JSON beside their own export; Orama stores its documents itself). Sizes count every byte of the file or folder (gzip: the folder\'s files as one stream). A library\'s load reads its whole file and builds its index; ours opens the folder as `npm run query` does (`openIndexDir`: the pointer and the root), and queries read the rest on demand through the reader\'s bounded caches.',
  );
  push(
    '## Systems',
    '- **this project**: German analyzer, segments of block postings read through the storage seam, `rankParagraphs()` awaited (prefix off for complete queries; for typing, prefix search on the last word as the API does), on the index folder as `npm run query` opens it (local files, read on demand). Built in memory (`writeIndex`, as `buildMemoryIndex`: one thread, Node\'s zlib) and saved as the folder `npm run build:index` writes. Extra latency rows: `search() with snippets` is what `/api/search` runs (the same ranking plus highlights and snippets); `index read into memory` is the same index with every file read into memory first, the engine without storage reads.',
    '- **MiniSearch default**: MiniSearch 7.2, one `text` field, default options (the baseline of every ×MS ratio); typing: `prefix` on the last word.',
    '- **MiniSearch + Snowball + stop words**: lowercase, Snowball German stop words and stemmer as `processTerm` (the same system `npm run eval` compares).',
    '- **Orama 3 (German)**: `@orama/orama` with `@orama/stemmers/german` and `@orama/stopwords/german`; Orama matches every word as a prefix by default, so typing is the same call.',
    "- **FlexSearch 0.8 (German)**: `Index` with the German language pack on the default charset, `tokenize: 'forward'` (what it needs for search-as-you-type) and `suggest: true` (it ANDs words otherwise, and questions find almost nothing).",
    '- **Lunr 2 (German)**: lunr-languages `de` (trimmer, stop words, Snowball stemmer); queries through the query builder (the query-string parser treats `:` `-` `~` `^` as syntax), trailing wildcard on the last word for typing.',
  );
  const list = targets(compared.rows);
  push('## Targets', targetsTable(list));
  push('## Build and size (whole corpus)', buildAndSizeTable(compared.rows));
  push(
    '## Load and memory (fresh process per load)',
    'Load = reading the file and turning it into a searchable index (ours: opening the folder, which reads its root only). Live MB = JS heap plus array buffers the loaded index holds after its first query and a full GC, above the process before loading; RSS includes Node, tsx and the library.',
    '',
    loadAndMemoryTable(compared.rows),
  );
  out.push('## Query latency (all indexes loaded in one process, top 10)', '');
  for (const c of QUERY_CLASSES) push(`### ${QUERY_CLASS_LABELS[c]}`, latencyTable(compared, c));
  push(
    '## Quality',
    `MRR@10 and Recall@10 of the judged queries above on the whole corpus (all sets indexed together, so each query competes with every set's paragraphs); a sample, for speed — docs/QUALITY.md (\`npm run eval\`) has every query, per set.`,
    '',
    qualityTable(compared.rows),
  );
  const ours = compared.rows.find((r) => r.id === 'ours');
  if (ours?.breakdown) push('### What our index is made of (whole corpus)', breakdownTable(ours.breakdown));

  if (scale.length) {
    push(
      '## Scale series',
      `Corpus grown from real paragraphs (a seeded sample below the real size) to new paragraphs recombined from real sentences (seeded) above it. ${info.scaleLimits} Latency: one round of ${info.scaleQueryDescription}; at the real corpus's size the figures are the comparison's (its larger sample). Worker probe: \`tools/edge/memory-probe.ts\` under \`node --max-old-space-size=128 --expose-gc\` — the Worker's open path (\`src/worker/index-loader.ts\`, its cache budget, whole chunk files as static assets serve them) plus queries, peak of JS heap in use plus array buffers above an empty process.`,
      '',
      scaleTable(scale),
    );
    if (info.svgPath) push(`![Latency and size against corpus size](${info.svgPath})`);
    const fit = workerFit(scale);
    const fitLines = [`### Worker isolate (${ISOLATE_MB} MB)`];
    if (fit.largestMeasured) {
      fitLines.push(
        `Largest measured corpus within ${WORKER_BUDGET_MB} MB (check:edge's budget, leaving ${ISOLATE_MB - WORKER_BUDGET_MB} MB of the isolate for requests), counting the higher of the peak during the open and the queries and what stays live once a soak of real queries has filled the per-word memos and the reader's caches: **${fit.largestMeasured.toLocaleString('en-US')} paragraphs** (peak ${num(fit.point!.probe!.peakMb!)} MB, ${num(fit.point!.probe!.loadedMb!)} MB live after the open, ${num(fit.point!.probe!.afterSoakMb ?? NaN)} MB after the soak).` +
          (fit.estimated ? ` Interpolating the probe's peak between the measured sizes, the limit lies near **${fit.estimated.toLocaleString('en-US')} paragraphs**.` : ''),
      );
      fitLines.push('', 'What our index is made of at each size (bytes of each logical file of the folder, summed over segments; only the root is read on open, the rest by queries, kept within the reader\'s budget), and what the Worker probe measured:', '', breakdownBySizeTable(scale));
    } else fitLines.push(`No measured size stays within ${WORKER_BUDGET_MB} MB peak.`);
    push(...fitLines);
  }
  return out.join('\n');
}

/** The whole docs/BENCHMARKS.md: the generated report, then hand-written notes and the load-test section, both kept from the existing file. */
export function benchmarksFile(generated: string, existing: string | null): string {
  const keep = (start: string, end: string) => {
    if (!existing) return '';
    const a = existing.indexOf(start);
    const b = existing.indexOf(end);
    return a >= 0 && b > a ? existing.slice(a + start.length, b) : '';
  };
  const notes = keep(NOTES_START, NOTES_END);
  const load = keep(LOAD_START, LOAD_END);
  return `${generated.trimEnd()}\n\n${NOTES_START}${notes || '\n'}${NOTES_END}\n\n${LOAD_START}${load || '\n'}${LOAD_END}\n`;
}
