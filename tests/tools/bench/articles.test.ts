import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { articlesBenchCommand, budgetChecks, classFigures, warmupQueries, type ArticleClass, type Pass } from '../../../tools/bench/articles';
import { ARTICLE_BUDGETS } from '../../../tools/scale/budgets';
import type { QuerySet } from '../../../tools/shared-corpora';

const SEED = 'nato-ukraine-militaerhilfe-2024-11';
const set = (name: string, queries: string[]): QuerySet => ({ name, queries: queries.map((query, i) => ({ qid: `${name}${i}`, query, relevant: [] })) });

afterEach(() => vi.restoreAllMocks());

describe('npm run bench:articles, its parts', () => {
  it('warms up with queries that are not timed, taken from every set in turn', () => {
    const sets = [set('a', ['a1', 'a2', 'a3']), set('b', ['b1', 'b2'])];
    expect(warmupQueries(sets, ['a1', 'b2'], 3)).toEqual(['a2', 'b1', 'a3']);
    expect(warmupQueries(sets, [], 0)).toEqual([]);
    expect(warmupQueries(sets, ['a1', 'a2', 'a3', 'b1', 'b2'], 5)).toEqual([]);
  });

  it('checks the budget on the worse class of each pass', () => {
    const b = ARTICLE_BUDGETS.snippetsP50Ms;
    // The first pass over the budget in one class only, the second within it in both.
    const times = new Map<`${ArticleClass}/${Pass}`, number[]>([
      ['short/first time', [b - 2, b - 1, b]],
      ['questions/first time', [b + 1, b + 2, b + 3]],
      ['short/asked again', [b - 2, b - 2, b - 2]],
      ['questions/asked again', [b - 1, b - 1, b - 1]],
    ]);
    const figures = classFigures(times);
    expect(figures.map((f) => [f.class, f.pass, f.p50])).toEqual([
      ['short', 'first time', b - 1],
      ['questions', 'first time', b + 2],
      ['short', 'asked again', b - 2],
      ['questions', 'asked again', b - 1],
    ]);
    const checks = budgetChecks(figures);
    expect(checks.map((c) => c.value)).toEqual([b + 2, b - 1]);
    expect(checks.map((c) => c.met)).toEqual([false, true]);
  });

  it('gives the median of each stage where search() reported them', () => {
    const times = new Map<`${ArticleClass}/${Pass}`, number[]>([
      ['short/first time', [3, 9, 4]],
      ['questions/first time', [5]],
    ]);
    const stages = new Map([
      [
        'short/first time' as const,
        [
          { planMs: 1, rankMs: 1, showMs: 1 },
          { planMs: 7, rankMs: 1, showMs: 1 },
          { planMs: 2, rankMs: 0.5, showMs: 1.5 },
        ],
      ],
    ]);
    const [short, questions] = classFigures(times, stages);
    expect(short!.p50).toBe(4);
    // Each stage's own median: not the stages of the median query (that one planned in 2 ms).
    expect(short!.stagesP50).toEqual({ planMs: 2, rankMs: 1, showMs: 1 });
    expect(questions!.stagesP50).toBeNull();
  });
});

describe('npm run bench:articles', () => {
  it('builds an index of the given articles, asks each query twice, and prints the budget', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'articles-'));
    const queries = join(dir, 'queries');
    mkdirSync(queries);
    // The seed article as one whole article per line, as the news sets hold them.
    const text = readFileSync(resolve(__dirname, `../../../corpus/${SEED}.txt`), 'utf8');
    const docs = join(dir, 'news.docs.jsonl');
    writeFileSync(docs, JSON.stringify({ id: 'a1', title: 'NATO', paragraphs: [text.replace(/\s+/g, ' ')] }) + '\n');
    writeFileSync(
      join(queries, 'probe.queries.jsonl'),
      ['Militärhilfe', 'NATO Ukraine', 'Wer traf Blinken in Brüssel?', 'Quantenphysik'].map((query) => JSON.stringify({ query, relevant: [] })).join('\n'),
    );
    const out: string[] = [];
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    expect(await articlesBenchCommand(['--docs', docs, '--queries', queries, '--per-set', '2', '--short', '2', '--warmup', '1', '--json'])).toBe(0);
    const report = JSON.parse(out.join('\n'));
    expect([report.articles, report.paragraphs]).toEqual([1, 1]);
    expect(report.figures.map((f: { class: string; pass: string; queries: number }) => `${f.class}/${f.pass}/${f.queries}`)).toEqual([
      'short/first time/2',
      'questions/first time/2',
      'short/asked again/2',
      'questions/asked again/2',
    ]);
    for (const f of report.figures) for (const ms of Object.values(f.stagesP50)) expect(ms).toBeGreaterThanOrEqual(0);
    expect(report.budgets).toHaveLength(2);
    for (const b of report.budgets) expect(b.met).toBe(b.value <= b.budget);
  });

  it('refuses --docs and --index together', async () => {
    const err: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
    expect(await articlesBenchCommand(['--docs', 'x.docs.jsonl', '--index', 'idx'])).toBe(2);
    expect(err.join('\n')).toMatch(/not both/);
  });
});
