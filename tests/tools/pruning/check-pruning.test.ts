import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { checkPruning, everyNth } from '../../../tools/pruning/check-pruning';

const dir = mkdtempSync(join(tmpdir(), 'check-pruning-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A judged set in the ../shared/corpora format: articles and the queries asked over them. */
function writeSet(name: string, paragraphs: string[][], queries: string[]): void {
  writeFileSync(join(dir, `${name}.docs.jsonl`), paragraphs.map((p, i) => JSON.stringify({ id: `${name}-${i}`, title: null, paragraphs: p })).join('\n'));
  writeFileSync(join(dir, `${name}.queries.jsonl`), queries.map((query, i) => JSON.stringify({ qid: String(i), query, relevant: [] })).join('\n'));
}

describe('npm run check:pruning', () => {
  writeSet(
    'klein',
    Array.from({ length: 40 }, (_, i) => [`Die Bundesregierung beschließt Militärhilfe für die Ukraine, Runde ${i}.`, i % 3 ? 'Der Haushalt wächst.' : 'Kiew dankt Brüssel.']),
    ['Militärhilfe', 'Haushalt Ukraine', 'Wer dankt Brüssel?', 'Kiew'],
  );

  it('asks every query of a set both ways and prints that no top 10 differs', async () => {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    try {
      expect(await checkPruning(['--corpus', dir])).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }
    expect(out.join('\n')).toMatch(/^klein: 4 queries, 0 top 10s differ \(\d+\.\d s\)$/);
  });

  it('refuses an --every that is no whole number of at least 1, a missing folder and an unknown set, saying why', async () => {
    await expect(checkPruning(['--corpus', dir, '--every', '0'])).rejects.toThrow(/--every must be a whole number of at least 1, not 0/);
    await expect(checkPruning(['--corpus', join(dir, 'nirgends')])).rejects.toThrow(/no corpus folder at/);
    await expect(checkPruning(['--corpus', dir, '--sets', 'klein,gross'])).rejects.toThrow(/no query sets named gross in/);
  });

  it('spreads a sample evenly over a file, from its first query', () => {
    expect(everyNth([0, 1, 2, 3, 4, 5, 6], 3)).toEqual([0, 3, 6]);
    expect(everyNth([0, 1], 1)).toEqual([0, 1]);
  });
});
