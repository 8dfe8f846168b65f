import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEvalSet, runEval, type EvalRow } from '../eval/run';
import { ablations, miniSearchDefault, miniSearchSnowball, ours } from '../eval/systems';
import { runMain } from './main';
import { ROOT } from './paths';

const SETS = ['xquad-de', 'mlqa-de-dev', 'xglue-qam-de'];
const USAGE = `usage: npm run eval -- (--docs FILE --queries FILE | --corpora DIR [--set NAME]) [--ablation] [--json] [--limit-queries N]
  default: --corpora ../shared/corpora, all of ${SETS.join(', ')}`;

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
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const limit = values['limit-queries'] ? Number(values['limit-queries']) : undefined;
  const sets: Array<{ name: string; docs: string; queries: string }> = [];
  if (values.docs || values.queries) {
    if (!values.docs || !values.queries) {
      console.error(`--docs and --queries go together.\n${USAGE}`);
      return 2;
    }
    sets.push({ name: basename(values.docs).replace(/\.docs\.jsonl$/, ''), docs: values.docs, queries: values.queries });
  } else {
    for (const name of values.set ?? SETS) {
      const docs = resolve(values.corpora, `${name}.docs.jsonl`);
      const queries = resolve(values.corpora, `${name}.queries.jsonl`);
      if (!existsSync(docs) || !existsSync(queries)) {
        console.error(`No set ${name} in ${values.corpora}.\n${USAGE}`);
        return 2;
      }
      sets.push({ name, docs, queries });
    }
  }
  const systems = [miniSearchDefault, miniSearchSnowball, ours(), ...(values.ablation ? ablations() : [])];
  const rows: EvalRow[] = [];
  for (const s of sets) {
    const set = await loadEvalSet(s.name, s.docs, s.queries, limit);
    const setRows = runEval(set, systems, (r) =>
      console.error(`${r.set}: ${r.system}: MRR@10 ${r.mrr10.toFixed(3)} (${((r.buildMs + r.msPerQuery * r.queries) / 1000).toFixed(1)} s)`),
    );
    rows.push(...setRows);
    if (!values.json) console.log(table(set.name, set.articles.reduce((n, a) => n + a.paragraphs.length, 0), setRows));
  }
  if (values.json) console.log(JSON.stringify(rows));
  return 0;
}

function table(set: string, paragraphs: number, rows: EvalRow[]): string {
  const f = (n: number) => n.toFixed(3);
  const lines = [
    `### ${set} (${rows[0]?.queries ?? 0} queries, ${paragraphs} paragraphs)`,
    '',
    '| system | MRR@10 | Recall@10 | nDCG@10 | Recall@100 | ms/query | build s |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.system} | ${f(r.mrr10)} | ${f(r.recall10)} | ${f(r.ndcg10)} | ${f(r.recall100)} | ${r.msPerQuery.toFixed(2)} | ${(r.buildMs / 1000).toFixed(1)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

runMain(import.meta.url, evalCommand);
