import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildIndexCommand } from '../../src/cli/build-index';
import { queryCommand } from '../../src/cli/query';

const CORPUS = resolve(__dirname, '../../corpus');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ') + '\n'));
  vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ') + '\n'));
  return { out: () => out.join(''), err: () => err.join('') };
}

afterEach(() => vi.restoreAllMocks());

describe('build-index → query', () => {
  const dir = mkdtempSync(join(tmpdir(), 'roundtrip-'));
  const index = join(dir, 'index');
  // The seed article alone (corpus/ also holds the demo corpus, too big for a unit test).
  const seed = mkdtempSync(join(tmpdir(), 'seed-'));
  writeFileSync(join(seed, 'nato-ukraine-militaerhilfe-2024-11.txt'), readFileSync(join(CORPUS, 'nato-ukraine-militaerhilfe-2024-11.txt')));

  it('builds the seed corpus and says what it did in one line', async () => {
    const io = capture();
    expect(await buildIndexCommand(['--corpus', seed, '--out', index])).toBe(0);
    expect(io.out()).toMatch(/^indexed 1 articles, 10 paragraphs, \d+ terms → .*index \(\d+ bytes in \d+ chunk files of 16 KiB, root \d+ bytes\) in \d+ ms \([\d.]+ M characters\/s\)\n$/);
  });

  it('answers --json with exactly one object in the documented shape', async () => {
    const io = capture();
    expect(await queryCommand(['--index', index, '--json', '--limit', '2', 'Aussenminister Brussel'])).toBe(0);
    const lines = io.out().trim().split('\n');
    expect(lines.length).toBe(1);
    const response = JSON.parse(lines[0]!);
    expect(Object.keys(response)).toEqual(['query', 'total', 'totalExact', 'tookMs', 'stages', 'io', 'results']);
    expect(Object.keys(response.stages)).toEqual(['planMs', 'rankMs', 'showMs']);
    expect(Object.keys(response.io)).toEqual(['reads', 'bytes', 'waves', 'waitMs']);
    expect(response.results[0]).toMatchObject({ id: 'nato-ukraine-militaerhilfe-2024-11', paragraph: 2 });
    expect(response.results[0].snippet).toContain('US-<mark>Außenminister</mark>');
    expect(response.results[0].snippet).toContain('<mark>Brüssel</mark>');
    for (const key of ['id', 'paragraph', 'score', 'title', 'text', 'snippet']) expect(response.results[0]).toHaveProperty(key);
  });

  it('answers a batch with one object per line, in order', async () => {
    const batch = join(dir, 'queries.txt');
    writeFileSync(batch, 'Militärhilfe\n\nDollar\nQuantenphysik\n');
    const io = capture();
    expect(await queryCommand(['--index', index, '--json', '--batch', batch])).toBe(0);
    const lines = io.out().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual(['Militärhilfe', 'Dollar', 'Quantenphysik']);
    expect(lines[0].results[0].text).toContain('ausreichend Militärhilfe');
    expect(lines[2].results).toEqual([]);
  });

  it('prints plain marks when not a terminal', async () => {
    const io = capture();
    await queryCommand(['--index', index, 'Militärhilfe']);
    expect(io.out()).toContain('[Militärhilfe]');
    expect(io.out()).not.toContain('\x1b[');
  });

  it('reads --sort and --facets with the parser of the API: the same values pass, the same are refused', async () => {
    const io = capture();
    expect(await queryCommand(['--index', index, '--json', '--sort', 'date', '--facets', 'year,tag', 'Militärhilfe'])).toBe(0);
    const response = JSON.parse(io.out());
    expect(response.facets.tag.values.map((v: { value: string }) => v.value)).toContain('NATO');
    expect(Object.keys(response.facets)).toEqual(['year', 'tag']);
    expect(await queryCommand(['--index', index, '--sort', 'datum', 'Militärhilfe'])).toBe(2);
    expect(await queryCommand(['--index', index, '--facets', 'year,autor', 'Militärhilfe'])).toBe(2);
    expect(await queryCommand(['--index', index, '--limit', '0', 'Militärhilfe'])).toBe(2);
    expect(io.err()).toContain('--sort must be one of relevance, date.');
    expect(io.err()).toContain('--facets takes a comma-separated list of category, tag, source, year; "autor" is none of them.');
    expect(io.err()).toContain('--limit must be between 1 and 10000.');
  });

  it('counts and marks as the page does', async () => {
    const io = capture();
    await queryCommand(['--index', index, '--limit', '2', '--offset', '1', 'NATO Ukraine']);
    expect(io.out()).toMatch(/^2–3 von \d+ Treffern \(\d/);
    await queryCommand(['--index', index, 'Quantenphysik tag:NATO']);
    expect(io.out()).toContain('Keine Treffer für „Quantenphysik tag:NATO“.');
    expect(io.out()).toMatch(/Stattdessen:\n {3}tag:NATO {2}\(ohne „Quantenphysik“ · \d+ Treffer\)/);
  });

  it('takes the corpus synonyms.txt into the index (not as an article), naming a line it cannot read; --strict stops', async () => {
    const corpus = mkdtempSync(join(tmpdir(), 'synonyms-'));
    writeFileSync(join(corpus, 'a.md'), '---\ntitle: Gipfel\n---\nDie NATO sagt Kiew Hilfe zu.\n');
    writeFileSync(join(corpus, 'synonyms.txt'), '# Umschrift\nKiew, Kyjiw\nNATO\n');
    const out = join(dir, 'with-synonyms');
    const io = capture();
    expect(await buildIndexCommand(['--corpus', corpus, '--out', out])).toBe(0);
    expect(io.err()).toContain(`skipped ${join(corpus, 'synonyms.txt')} line 3: one spelling alone`);
    expect(io.out()).toMatch(/^indexed 1 articles, 1 paragraphs, .*, 1 synonym rules\n$/);
    await queryCommand(['--index', out, '--json', 'Kyjiw']);
    expect(JSON.parse(io.out().split('\n')[1]!).results[0].snippet).toContain('<mark>Kiew</mark>');
    expect(await buildIndexCommand(['--corpus', corpus, '--out', join(dir, 'strict'), '--strict'])).toBe(1);
    expect(await buildIndexCommand(['--corpus', corpus, '--out', join(dir, 'none'), '--synonyms', join(corpus, 'missing.txt')])).toBe(1);
    expect(io.err()).toContain('Cannot read the synonyms file');
  });

  it('refuses a missing index with what to do', async () => {
    await expect(queryCommand(['--index', join(dir, 'none'), 'x'])).rejects.toThrow(/npm run build:index/);
  });

  it('skips bad files and says so; --strict stops with exit code 1', async () => {
    const corpus = mkdtempSync(join(tmpdir(), 'corpus-'));
    writeFileSync(join(corpus, 'gut.txt'), readFileSync(join(CORPUS, 'nato-ukraine-militaerhilfe-2024-11.txt')));
    writeFileSync(join(corpus, 'leer.md'), '');
    const io = capture();
    expect(await buildIndexCommand(['--corpus', corpus, '--out', join(dir, 'b')])).toBe(0);
    expect(io.err()).toMatch(/skipped .*leer\.md: the file is empty/);
    expect(io.out()).toMatch(/, 1 skipped\n$/);
    await expect(buildIndexCommand(['--corpus', corpus, '--out', join(dir, 'c.bin'), '--strict'])).rejects.toThrow(/leer\.md: the file is empty/);
  });
});
