import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { germanAnalyzers, tokenize, type Token } from '../../src/analysis';
import { foldTerm } from '../../src/analysis/fold';
import { questionScaffolding } from '../../src/analysis/question-words';
import { GERMAN_STOP_WORDS } from '../../src/analysis/stop';
import { runMain } from '../../src/cli/main';
import { ROOT } from '../../src/cli/paths';
import { ours } from '../systems/ours';
import { paragraphKey } from '../systems/system';
import { EVAL_SETS, loadEvalSet, namedSetFiles, type EvalSet } from './run';

const USAGE = `usage: npm run eval:misses -- [--corpora DIR] [--set NAME]... [--worst N] [--json]
  default: --corpora ../shared/corpora, all of ${EVAL_SETS.join(', ')}, the 20 worst misses of each
  A miss is a query with no relevant paragraph in this project's top 10 (as npm run eval ranks them).`;

/** Results judged per query, as `npm run eval` judges them. */
const TOP = 100;
const HITS = 10;

/**
 * Personal and possessive pronouns: a question that leans on one ("In
 * welchem Jahr erhielt sie die Auszeichnung?") was written for a paragraph
 * it does not name. Not `sein`, which in a question is mostly the verb.
 */
const PRONOUNS: ReadonlySet<string> = new Set(
  ['er', 'sie', 'es', 'ihm', 'ihn', 'ihnen', 'seine', 'seinen', 'seinem', 'seiner', 'seines', 'ihr', 'ihre', 'ihren', 'ihrem', 'ihrer', 'ihres'].map(
    (w) => foldTerm(w),
  ),
);

export interface Miss {
  query: string;
  /** Rank of the first relevant paragraph (1-based), or null when it is not in the top 100. */
  rank: number | null;
  /** The query's content words the relevant paragraph has. */
  shared: string[];
  why: string;
}

export interface SetMisses {
  set: string;
  queries: number;
  misses: number;
  worst: Miss[];
}

/**
 * The queries this project misses (no relevant paragraph in its top 10), the
 * worst first: not in the top 100 (fewest content words shared with the
 * relevant paragraph first), then by rank, lowest first; ties in the set's order. Each with a
 * first reading of why, made from the words alone (docs/QUALITY.md, "The 20
 * worst misses per set"): a content word is a query word that is no stop word
 * and no question scaffolding; a paragraph has it when the paragraph's terms
 * include its form or its stem (see `termKey`).
 */
export async function findMisses(set: EvalSet, worst: number): Promise<SetMisses> {
  const system = ours();
  await system.build(set.articles);
  const analyzers = germanAnalyzers();
  const termsOf = memo((word: string) => new Set(analyzers.words.analyze(word).map(termKey)));
  const paragraphs = new Map<string, Set<string>>();
  for (const a of set.articles) a.paragraphs.forEach((p, i) => paragraphs.set(paragraphKey(a.id, i), new Set(analyzers.index.analyze(p).map(termKey))));
  const inSomeParagraph = memo((term: string) => [...paragraphs.values()].some((terms) => terms.has(term)));

  const misses: Array<Miss & { order: number }> = [];
  for (const [order, q] of set.queries.entries()) {
    const ranked = await system.search(q.query, TOP);
    const relevant = q.relevant.map((r) => paragraphKey(r.doc, r.paragraph));
    const at = ranked.findIndex((key) => relevant.includes(key));
    if (at >= 0 && at < HITS) continue;
    const words = contentWords(q.query);
    const has = (key: string | undefined, word: string) => {
      const terms = key ? paragraphs.get(key) : undefined;
      return !!terms && [...termsOf(word)].some((t) => terms.has(t));
    };
    const shared = words.filter((w) => relevant.some((key) => has(key, w)));
    const nowhere = words.filter((w) => ![...termsOf(w)].some(inSomeParagraph));
    const quote = (ws: readonly string[]) => ws.map((w) => `„${w}“`).join(', ');
    const unknown = nowhere.length > 0 ? `; ${quote(nowhere)} in no paragraph` : '';
    let why: string;
    if (shared.length > 0) {
      const first = words.filter((w) => has(ranked[0], w));
      why = `shares only ${quote(shared)}; the first result has ${first.length > 0 ? quote(first) : 'none of them'}${unknown}`;
    } else if (words.length === 0) {
      why = 'has no content word (only stop words and question scaffolding)';
    } else if (nowhere.length === words.length) {
      why = `no word of the set: ${quote(nowhere)} (a typo, another spelling, or a word no paragraph uses)`;
    } else {
      const pronoun = tokenize(q.query).map((t) => q.query.slice(t.start, t.end)).find((w) => PRONOUNS.has(foldTerm(w.toLowerCase())));
      why = pronoun
        ? `asks about „${pronoun}“ of a paragraph it does not name; shares none of ${quote(words)}${unknown}`
        : `paraphrase: the paragraph has none of ${quote(words)}${unknown}`;
    }
    misses.push({ query: q.query, rank: at >= 0 ? at + 1 : null, shared, why, order });
  }
  misses.sort(
    (a, b) =>
      (a.rank === null ? 0 : 1) - (b.rank === null ? 0 : 1) ||
      (b.rank ?? 0) - (a.rank ?? 0) ||
      a.shared.length - b.shared.length ||
      a.order - b.order,
  );
  return { set: set.name, queries: set.queries.length, misses: misses.length, worst: misses.slice(0, worst).map(({ order: _, ...m }) => m) };
}

/**
 * The query's content words, as typed: neither stop words nor question
 * scaffolding; a hyphenated word once, whole (its pieces are among its terms).
 */
function contentWords(query: string): string[] {
  const tokens = tokenize(query);
  const whole = tokens.filter((t) => !tokens.some((o) => o !== t && o.start <= t.start && o.end >= t.end && o.end - o.start > t.end - t.start));
  const words = whole.map((t) => query.slice(t.start, t.end));
  const scaffold = questionScaffolding(words);
  return [...new Set(words.filter((w, i) => !scaffold[i] && !GERMAN_STOP_WORDS.has(foldTerm(w.toLowerCase()))))];
}

/**
 * A term as the misses compare it: a word form, or a stem. A paragraph's
 * compound parts count as stems (a paragraph saying `Regierungschef` has
 * `Regierung`); a query word's own parts are not asked for.
 */
function termKey(t: Token): string {
  return `${t.kind === 'exact' ? 'e' : 's'}:${t.term}`;
}

function memo<T>(f: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined && !seen.has(key)) seen.set(key, (value = f(key)));
    return value as T;
  };
}

/** The misses table of one set, as docs/QUALITY.md shows it. */
export function missesTable(m: SetMisses): string {
  return [
    `${m.set}: ${m.misses} of ${m.queries} questions have no relevant paragraph in the top 10.`,
    '',
    '| # | query | rank | why it fails |',
    '|---:|---|---:|---|',
    ...m.worst.map((x, i) => `| ${i + 1} | ${x.query.replace(/\|/g, '\\|')} | ${x.rank ?? `>${TOP}`} | ${x.why} |`),
    '',
  ].join('\n');
}

export async function missesCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      corpora: { type: 'string', default: join(ROOT, '../shared/corpora') },
      set: { type: 'string', multiple: true },
      worst: { type: 'string', default: '20' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const worst = Number(values.worst);
  if (!Number.isInteger(worst) || worst < 1) {
    console.error(`--worst takes a positive whole number.\n${USAGE}`);
    return 2;
  }
  const named = namedSetFiles(values.corpora, values.set ?? EVAL_SETS);
  if ('missing' in named) {
    console.error(`${named.missing}\n${USAGE}`);
    return 2;
  }
  const out: SetMisses[] = [];
  for (const { name, docs, queries } of named) {
    out.push(await findMisses(await loadEvalSet(name, docs, queries), worst));
    console.error(`${name}: ${out.at(-1)!.misses} misses`);
  }
  console.log(values.json ? JSON.stringify(out, null, 2) : out.map(missesTable).join('\n'));
  return 0;
}

runMain(import.meta.url, missesCommand);
