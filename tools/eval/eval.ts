import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { EVAL_SETS, namedSetFiles, runEvalInWorkers, type EvalRow, type EvalSetFiles } from './run';
import { OURS_NAME as OURS } from '../systems/ours';
import { runMain } from '../../src/cli/main';
import { ROOT } from '../../src/cli/paths';

const USAGE = `usage: npm run eval -- (--docs FILE --queries FILE | [--corpora DIR] [--set NAME]...) [--ablation] [--json] [--limit-queries N] [--workers N]
  default: --corpora ../shared/corpora, all of ${EVAL_SETS.join(', ')}
  --ablation       also this project with each analysis stage, typo tolerance, proximity and question words off, and with prefix search on
  --json           the rows as JSON instead of Markdown tables
  --limit-queries  only the first N queries of each set
  --workers        processes to run the systems in (default: one per CPU)`;

/** Retrieval quality (MRR@10, Recall@10, nDCG@10, Recall@100) of this project beside two MiniSearch baselines. */
export async function evalCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      docs: { type: 'string' },
      queries: { type: 'string' },
      corpora: { type: 'string', default: join(ROOT, '../shared/corpora') },
      set: { type: 'string', multiple: true },
      ablation: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'limit-queries': { type: 'string' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const limitQueries = positive(values['limit-queries']);
  const workers = positive(values.workers);
  if (limitQueries === null || workers === null) {
    console.error(`--limit-queries and --workers take a positive whole number.\n${USAGE}`);
    return 2;
  }
  const sets: EvalSetFiles[] = [];
  if (values.docs || values.queries) {
    if (!values.docs || !values.queries) {
      console.error(`--docs and --queries go together.\n${USAGE}`);
      return 2;
    }
    for (const file of [values.docs, values.queries]) {
      if (!existsSync(file)) {
        console.error(`No such file: ${file}`);
        return 2;
      }
    }
    sets.push({ name: basename(values.docs).replace(/\.docs\.jsonl$|\.jsonl$/, ''), docs: values.docs, queries: values.queries });
  } else {
    const named = namedSetFiles(values.corpora, values.set ?? EVAL_SETS);
    if ('missing' in named) {
      console.error(`${named.missing}\n${USAGE}`);
      return 2;
    }
    sets.push(...named);
  }

  const started = performance.now();
  const rows = await runEvalInWorkers({ sets, ablation: values.ablation, limitQueries, workers }, (r) =>
    console.error(`${r.set}: ${r.system}: MRR@10 ${r.mrr10.toFixed(3)} (${((r.buildMs + r.msPerQuery * r.queries) / 1000).toFixed(1)} s)`),
  );
  console.error(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (values.json) {
    console.log(JSON.stringify(rows, null, 2));
    return 0;
  }
  for (const s of sets) console.log(setTable(rows.filter((r) => r.set === s.name)));
  if (sets.length > 1 || values.ablation) console.log(summaryTable(sets.map((s) => s.name), rows, values.ablation));
  return 0;
}

function positive(value: string | undefined): number | undefined | null {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : null;
}

const f3 = (n: number) => n.toFixed(3);

/** One set: a row per system, every metric, query time and index build time. */
export function setTable(rows: readonly EvalRow[]): string {
  const first = rows[0];
  if (!first) return '';
  return [
    `### ${first.set} (${first.queries} queries, ${first.paragraphs} paragraphs)`,
    '',
    '| system | MRR@10 | Recall@10 | nDCG@10 | Recall@100 | ms/query | build s |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.system} | ${f3(r.mrr10)} | ${f3(r.recall10)} | ${f3(r.ndcg10)} | ${f3(r.recall100)} | ${r.msPerQuery.toFixed(2)} | ${(r.buildMs / 1000).toFixed(1)} |`,
    ),
    '',
  ].join('\n');
}

/**
 * MRR@10 of every system on every set, side by side; the rows other than
 * ours carry their difference to ours (the ablation table of docs/QUALITY.md).
 */
export function summaryTable(sets: readonly string[], rows: readonly EvalRow[], ablation: boolean): string {
  const systems = [...new Set(rows.map((r) => r.system))];
  const cell = (system: string, set: string) => {
    const row = rows.find((r) => r.set === set && r.system === system);
    const base = rows.find((r) => r.set === set && r.system === OURS);
    if (!row) return '–';
    if (!base || system === OURS) return `**${f3(row.mrr10)}**`;
    const delta = row.mrr10 - base.mrr10;
    const sign = Math.abs(delta) < 0.0005 ? '±' : delta < 0 ? '−' : '+';
    return `${f3(row.mrr10)} (${sign}${f3(Math.abs(delta))})`;
  };
  return [
    `### ${ablation ? 'Ablation' : 'Summary'}: MRR@10 (difference to ${OURS})`,
    '',
    `| system | ${sets.join(' | ')} |`,
    `|---|${sets.map(() => '---:').join('|')}|`,
    ...systems.map((system) => `| ${system} | ${sets.map((set) => cell(system, set)).join(' | ')} |`),
    '',
  ].join('\n');
}

runMain(import.meta.url, evalCommand);
