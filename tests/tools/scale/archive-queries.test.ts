import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildIndexCommand } from '../../../src/cli/build-index';
import { archiveQueriesCommand } from '../../../tools/scale/archive-queries';

const SEED = 'nato-ukraine-militaerhilfe-2024-11';

afterEach(() => vi.restoreAllMocks());

describe('npm run bench:archive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'archive-'));
  const corpus = join(dir, 'corpus');
  const queries = join(dir, 'queries');
  const index = join(dir, 'index');

  it('reports quality, reads and budgets of every query set over an index folder', async () => {
    mkdirSync(corpus);
    mkdirSync(queries);
    writeFileSync(join(corpus, `${SEED}.txt`), readFileSync(resolve(__dirname, `../../../corpus/${SEED}.txt`)));
    // One query finds its paragraph first, one finds nothing: MRR@10 is their mean, (1 + 0) / 2.
    writeFileSync(
      join(queries, 'probe.queries.jsonl'),
      [
        { query: 'Aussenminister Brüssel', relevant: [{ doc: SEED, paragraph: 2 }] },
        { query: 'Quantenphysik', relevant: [{ doc: SEED, paragraph: 0 }] },
      ]
        .map((q) => JSON.stringify(q))
        .join('\n'),
    );
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await buildIndexCommand(['--corpus', corpus, '--out', index])).toBe(0);
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    expect(await archiveQueriesCommand(['--index', index, '--queries', queries, '--input', corpus, '--json'])).toBe(0);
    const report = JSON.parse(out.join('\n'));
    expect(report.paragraphs).toBe(10);
    expect(report.sets).toHaveLength(1);
    expect(report.sets[0]).toMatchObject({ set: 'probe', queries: 2, mrr10: 0.5 });
    expect(report.sets[0].waves.p95).toBeGreaterThan(0);
    expect(report.sets[0].bytes.p50).toBeGreaterThan(0);
    expect(Object.keys(report.sizes)).toEqual(expect.arrayContaining(['terms', 'postings', 'positions', 'docs', 'root']));
    expect(report.indexBytes).toBe(Object.values(report.sizes as Record<string, number>).reduce((a, b) => a + b, 0));
    expect(report.inputGzipBytes).toBeGreaterThan(0);
    expect(report.budgets.map((b: { what: string }) => b.what)).toContain('index size ÷ input gzip size');
    for (const b of report.budgets) expect(b.met).toBe(b.value <= b.budget);
  });

  it('with --plain, also asks every query without typo tolerance, compound parts and proximity', async () => {
    const plainCorpus = join(dir, 'plain-corpus');
    const plainQueries = join(dir, 'plain-queries');
    const plainIndex = join(dir, 'plain-index');
    mkdirSync(plainCorpus);
    mkdirSync(plainQueries);
    writeFileSync(join(plainCorpus, `${SEED}.txt`), readFileSync(resolve(__dirname, `../../../corpus/${SEED}.txt`)));
    // Spelt right, both find the paragraph first; misspelt, only typo tolerance finds it.
    writeFileSync(
      join(plainQueries, 'probe.queries.jsonl'),
      ['Militärhilfe', 'Militärhilfr'].map((query) => JSON.stringify({ query, relevant: [{ doc: SEED, paragraph: 2 }] })).join('\n'),
    );
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await buildIndexCommand(['--corpus', plainCorpus, '--out', plainIndex])).toBe(0);
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    expect(await archiveQueriesCommand(['--index', plainIndex, '--queries', plainQueries, '--plain', '--json'])).toBe(0);
    const [set] = JSON.parse(out.join('\n')).sets;
    expect(set).toMatchObject({ mrr10: 1, recall10: 1, plain: { mrr10: 0.5, recall10: 0.5 } });
    out.length = 0;
    expect(await archiveQueriesCommand(['--index', plainIndex, '--queries', plainQueries, '--plain'])).toBe(0);
    expect(out.join('\n')).toMatch(/\| probe \| 2 \| 1\.000 \| 1\.000 \| 0\.500 \/ 0\.500 \|/);
  });

  it('refuses a call without an index folder with the usage', async () => {
    const err: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
    expect(await archiveQueriesCommand([])).toBe(2);
    expect(err.join('\n')).toMatch(/--index DIR/);
  });
});
