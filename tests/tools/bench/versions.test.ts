import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildIndexCommand } from '../../../src/cli/build-index';
import { versionsBenchCommand } from '../../../tools/bench/versions';

const SEED = 'nato-ukraine-militaerhilfe-2024-11';
const REPO = resolve(__dirname, '../../..');

afterEach(() => vi.restoreAllMocks());

describe('npm run bench:versions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'versions-'));
  const corpus = join(dir, 'corpus');
  const queries = join(dir, 'queries');

  it('asks two versions the same queries and reports the ratio and the top 10s that differ', async () => {
    mkdirSync(corpus);
    mkdirSync(queries);
    writeFileSync(join(corpus, `${SEED}.txt`), readFileSync(join(REPO, `corpus/${SEED}.txt`)));
    writeFileSync(
      join(queries, 'probe.queries.jsonl'),
      ['Aussenminister Brüssel', 'Militärhilfe Ukraine', 'Wer traf Blinken?']
        .map((query) => JSON.stringify({ query, relevant: [{ doc: SEED, paragraph: 0 }] }))
        .join('\n'),
    );
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const index = join(dir, 'index');
    const other = join(dir, 'other');
    expect(await buildIndexCommand(['--corpus', corpus, '--out', index])).toBe(0);
    // The same corpus with one article more: another index, whose answers differ.
    writeFileSync(join(corpus, 'extra.txt'), 'Brüssel heute\nBrüssel\nDer Aussenminister reiste nach Brüssel.\n');
    expect(await buildIndexCommand(['--corpus', corpus, '--out', other])).toBe(0);

    const run = async (...args: string[]) => {
      const out: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
      const code = await versionsBenchCommand(['--old', REPO, '--queries', queries, '--again', ...args]);
      return { code, out: out.join('\n') };
    };
    // This checkout against itself over one index: the same answers, both passes timed.
    const same = await run('--index', index);
    expect(same.code).toBe(0);
    expect(same.out).toMatch(/\| first time \|.*\|.*\| [\d.]+ \|/);
    expect(same.out).toMatch(/\| asked again \|/);
    expect(same.out).toContain('0 of 3 queries with another top 10');
    // As the Worker opens static assets, with a pass after all: the same answers, three passes timed.
    const worker = await run('--index', index, '--worker', '--again-after-all');
    expect(worker.code).toBe(0);
    expect(worker.out).toContain('each as the Worker opens static assets');
    expect(worker.out).toMatch(/\| again after all \|.*\| [\d.]+ \|/);
    expect(worker.out).toContain('0 of 3 queries with another top 10');
    // Over two builds, differing answers are counted and reported, not an error.
    const two = await run('--index', index, '--old-index', other);
    expect(two.code).toBe(0);
    expect(two.out).toMatch(/[1-3] of 3 queries with another top 10/);
  });
});
