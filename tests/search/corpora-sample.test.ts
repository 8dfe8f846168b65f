import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJsonLines } from '../../src/corpus';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { buildMemoryIndex } from '../../src/index/memory-index';
import type { IndexReader } from '../../src/index/index-reader';
import { search, suggest } from '../../src/search';

// The query features on real news (the first 200 articles of gnad10k-test, CC BY-NC-SA 4.0, read from ../shared).
const FILE = resolve(__dirname, '../../../shared/corpora/gnad10k-test.docs.jsonl');

describe.skipIf(!existsSync(FILE))('search on a sample of real news (gnad10k-test)', () => {
  // Read in beforeAll: a skipped describe still runs its body, and the file may be absent.
  let index: IndexReader;
  beforeAll(async () => {
    const articles = readJsonLines(FILE, readFileSync(FILE, 'utf8').split('\n').slice(0, 200).join('\n')).articles;
    index = await buildMemoryIndex(articles);
  });

  it('ranks paragraphs matching more words first and marks every match', async () => {
    const r = await search(index, 'Flüchtlinge Österreich', { limit: 5 });
    expect(r.total).toBeGreaterThan(5);
    const top = r.results[0]!;
    const marked = top.highlights.map(([s, e]) => top.text.slice(s, e).toLowerCase());
    expect(marked.some((m) => m.includes('flüchtling'))).toBe(true);
    expect(marked.some((m) => m.includes('österreich'))).toBe(true);
    for (const [s, e] of top.highlights) expect(s >= 0 && e <= top.text.length && s < e).toBe(true);
  });

  it('excludes, filters by category, and pages', async () => {
    const all = await search(index, 'Regierung', { limit: 200 });
    const without = await search(index, 'Regierung -Wien', { limit: 200 });
    expect(without.total).toBeLessThan(all.total);
    for (const r of without.results) expect(r.text).not.toMatch(/\bWien\b/);
    const sport = await search(index, 'Spiel category:Sport', { limit: 50 });
    expect(sport.total).toBeGreaterThan(0);
    for (const r of sport.results) expect(r.category).toBe('Sport');
    const page2 = (await search(index, 'Regierung', { limit: 5, offset: 5 })).results.map((r) => r.id);
    expect(page2).toEqual(all.results.slice(5, 10).map((r) => r.id));
  });

  it('keeps snippets within bounds, cut at words, escaped', async () => {
    for (const r of (await search(index, 'Bundeskanzler Wahl', { limit: 10 })).results) {
      const [s, e] = r.snippetRange;
      expect(e - s).toBeLessThanOrEqual(260);
      expect(r.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
      if (s > 0) expect(r.snippet.startsWith('…')).toBe(true);
    }
  });

  it('suggests completions from the corpus vocabulary', async () => {
    const terms = (await suggest(index, 'Flüchtl')).suggestions.map((s) => s.term);
    expect(terms.length).toBeGreaterThan(0);
    for (const t of terms) expect(t.toLowerCase().startsWith('flüchtl')).toBe(true);
  });

  it('finds compound parts and groups by article', async () => {
    const grouped = await search(index, 'Politik', { group: true, limit: 10 });
    expect(new Set(grouped.results.map((r) => r.id)).size).toBe(grouped.results.length);
  });
});
