import { copyFileSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusError, formatProblem, readCorpus } from '../../src/corpus';
import { splitKeywords, stripPhotoCredit } from '../../src/corpus/read-raw-text';

const ROOT = resolve(__dirname, '../..');
const SHARED = resolve(ROOT, '../shared/corpora');

function corpusDir(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('raw scraped .txt (the seed article)', async () => {
  const { articles, problems } = await readCorpus(join(ROOT, 'corpus'));
  const seed = articles.find((a) => a.id === 'nato-ukraine-militaerhilfe-2024-11')!;

  it('reads the lead as paragraph 0 and derives the title from it', () => {
    expect(problems).toEqual([]);
    expect(seed.paragraphs[0]).toMatch(/^Damit die Ukraine den Konflikt/);
    expect(seed.paragraphs[0]).toContain('US-Außenminister');
    expect(seed.title.startsWith('Damit die Ukraine den Konflikt auch im Jahr 2025')).toBe(true);
    expect(seed.title.length).toBeLessThanOrEqual(121);
  });

  it('keeps the caption without the photo credit as paragraph 1', () => {
    expect(seed.paragraphs[1]).toContain('Brüssel');
    expect(seed.paragraphs[1]).not.toMatch(/©|Tucat/);
    expect(seed.paragraphs[1]).toBe('Antony Blinken und Mark Rutte am 13. November während einer Pressekonferenz in Brüssel');
  });

  it('turns the keyword line into tags, and every body line into a paragraph', () => {
    expect(seed.tags).toEqual(['Antony Blinken', 'USA', 'Mark Rutte', 'NATO']);
    const lines = readFileSync(join(ROOT, 'corpus/nato-ukraine-militaerhilfe-2024-11.txt'), 'utf8').split('\n');
    const bodyLines = lines.slice(3).filter((l) => l.trim() !== '').length;
    expect(seed.paragraphs.length).toBe(1 + 1 + bodyLines); // lead + caption + body
    expect(bodyLines).toBe(8);
    expect(seed.paragraphs[2]).toMatch(/^Die NATO will ausreichend Militärhilfe/);
  });
});

describe('helpers of the raw format', () => {
  it('splits a glued credit from its caption', () => {
    expect(stripPhotoCredit('© dpa Max MustermannOlaf Scholz in Berlin')).toBe('Olaf Scholz in Berlin');
    expect(stripPhotoCredit('© AP')).toBe('');
  });
  it('keeps lower-case name particles inside a name', () => {
    expect(splitKeywords('Ursula von der Leyen EU Olaf Scholz')).toEqual(['Ursula von der Leyen', 'EU', 'Olaf Scholz']);
  });
  it('keeps a third line without © as an ordinary paragraph', async () => {
    const dir = corpusDir({ 'ohne-bild.txt': 'Der Lead. Mehr.\nNATO\nErster Absatz.\n\nZweiter Absatz.\n' });
    const { articles } = await readCorpus(dir);
    expect(articles[0]).toMatchObject({ title: 'Der Lead.', tags: ['NATO'], paragraphs: ['Der Lead. Mehr.', 'Erster Absatz.', 'Zweiter Absatz.'] });
  });
  it('splits keyword lines with separators as given', () => {
    expect(splitKeywords('Ukraine, Olaf Scholz; EU')).toEqual(['Ukraine', 'Olaf Scholz', 'EU']);
  });
});

describe('Markdown with front matter', () => {
  it('reads metadata and blank-line separated paragraphs', async () => {
    const dir = corpusDir({
      'gipfel.md': [
        '---',
        'title: "Gipfel in Brüssel"',
        'date: 2024-11-13',
        'url: https://example.org/gipfel',
        'tags: [NATO, EU]',
        '---',
        '',
        'Erster Absatz,',
        'über zwei Zeilen.',
        '',
        'Zweiter Absatz.',
      ].join('\n'),
      'listen.md': ['---', 'tags:', '  - Kiew', '  - "Mark Rutte"', '---', '# Überschrift', '', 'Text.'].join('\n'),
    });
    const { articles, problems } = await readCorpus(dir);
    expect(problems).toEqual([]);
    expect(articles[0]).toEqual({
      id: 'gipfel',
      title: 'Gipfel in Brüssel',
      date: '2024-11-13',
      url: 'https://example.org/gipfel',
      source: null,
      category: null,
      tags: ['NATO', 'EU'],
      paragraphs: ['Erster Absatz, über zwei Zeilen.', 'Zweiter Absatz.'],
    });
    expect(articles[1]).toMatchObject({ id: 'listen', title: 'Überschrift', tags: ['Kiew', 'Mark Rutte'], paragraphs: ['Text.'] });
  });
});

describe('JSON Lines', () => {
  it('reads one article per line and names bad lines with their number', async () => {
    const good = { id: 'a1', title: null, date: '2024-01-02', source: 'S', url: null, category: 'Politik', paragraphs: ['Eins. Zwei.', 'Drei.'] };
    const dir = corpusDir({
      'bulk.jsonl': [JSON.stringify(good), '{"id": "broken"', JSON.stringify({ id: '', paragraphs: ['x'] }), JSON.stringify({ id: 'p', paragraphs: 'x' })].join('\n'),
    });
    const { articles, problems } = await readCorpus(dir);
    expect(articles).toEqual([{ ...good, title: 'Eins.', tags: [] }]);
    expect(problems.map((p) => [p.line, p.reason.split(' (')[0]])).toEqual([
      [2, 'not valid JSON'],
      [3, 'missing or empty "id"'],
      [4, 'article p: "paragraphs" must be an array of strings'],
    ]);
    expect(problems[0]!.file).toBe(join(dir, 'bulk.jsonl'));
  });

  it('reads paid articles with their free paragraphs, and names a bad access field', async () => {
    const base = { title: 'T', paragraphs: ['Vorspann.', 'Zweiter.', 'Dritter.'] };
    const dir = corpusDir({
      'paid.jsonl': [
        JSON.stringify({ ...base, id: 'p1', access: 'paid' }),
        JSON.stringify({ ...base, id: 'p2', access: 'paid', free: [2, 0, 2] }),
        JSON.stringify({ ...base, id: 'f1', access: 'free' }),
        JSON.stringify({ ...base, id: 'x1', access: 'premium' }),
        JSON.stringify({ ...base, id: 'x2', access: 'paid', free: [3] }),
        JSON.stringify({ ...base, id: 'x3', free: [0] }),
      ].join('\n'),
    });
    const { articles, problems } = await readCorpus(dir);
    expect(articles.map((a) => [a.id, a.access, a.free])).toEqual([
      ['p1', 'paid', undefined],
      ['p2', 'paid', [0, 2]],
      ['f1', 'free', undefined],
    ]);
    expect(problems.map((p) => [p.line, p.reason])).toEqual([
      [4, 'article x1: "access" must be "free" or "paid"'],
      [5, 'article x2: "free" must list paragraph numbers from 0 to 2'],
      [6, 'article x3: "free" is only for "access": "paid"'],
    ]);
  });

  it.skipIf(!existsSync(SHARED))('reads the shared XQuAD set: 48 articles, 240 paragraphs', async () => {
    // Copied alone: the shared folder also holds queries and a manifest, which are not articles.
    const dir = corpusDir({});
    copyFileSync(join(SHARED, 'xquad-de.docs.jsonl'), join(dir, 'xquad-de.docs.jsonl'));
    const { articles, problems } = await readCorpus(dir);
    expect(problems).toEqual([]);
    expect(articles.length).toBe(48);
    expect(articles.reduce((n, a) => n + a.paragraphs.length, 0)).toBe(240);
  });
});

describe('bad files', () => {
  const bad = {
    'leer.txt': '',
    'kaputt.txt': new Uint8Array([0x48, 0xc3, 0x28, 0x0a, 0x41, 0x0a]),
    'bild.png': 'PNG',
    'eins.md': '---\ntitle: Eins\n---\nText.',
    'zwei.jsonl': JSON.stringify({ id: 'eins', paragraphs: ['Doppelt.'] }),
  };

  it('names each bad file with the reason and keeps the good ones', async () => {
    const dir = corpusDir(bad);
    const { articles, problems } = await readCorpus(dir);
    expect(articles.map((a) => a.id)).toEqual(['eins']);
    const reasons = Object.fromEntries(problems.map((p) => [p.file.split('/').pop(), p.reason]));
    expect(reasons['leer.txt']).toBe('the file is empty');
    expect(reasons['kaputt.txt']).toBe('the file is not valid UTF-8');
    expect(reasons['bild.png']).toMatch(/unknown format ".png"/);
    expect(reasons['zwei.jsonl']).toMatch(/duplicate article id "eins"/);
  });

  it('reports white-space-only files, dangling links and duplicate ids inside one JSON Lines file', async () => {
    const dir = corpusDir({
      'leer.md': ' \n\n\t\n',
      'doppelt.jsonl': [JSON.stringify({ id: 'x', paragraphs: ['A.'] }), JSON.stringify({ id: 'x', paragraphs: ['B.'] })].join('\n'),
    });
    symlinkSync(join(dir, 'gibt-es-nicht.txt'), join(dir, 'link.txt'));
    const { articles, problems } = await readCorpus(dir);
    expect(articles.map((a) => a.paragraphs)).toEqual([['A.']]);
    expect(problems.map(formatProblem)).toEqual([
      `${join(dir, 'doppelt.jsonl')}:2: duplicate article id "x" (first in ${join(dir, 'doppelt.jsonl')}:1); skipped`,
      `${join(dir, 'leer.md')}: the file is empty (white space only)`,
      `${join(dir, 'link.txt')}: cannot read the file (ENOENT)`,
    ]);
  });

  it('refuses files over the size limit', async () => {
    const dir = corpusDir({ 'gross.txt': 'Lead\nTags\n' + 'x'.repeat(2000) });
    const { problems } = await readCorpus(dir, { maxFileBytes: 1000 });
    expect(problems[0]!.reason).toMatch(/too large/);
  });

  it('stops at the first problem in strict mode', async () => {
    const dir = corpusDir(bad);
    await expect(readCorpus(dir, { strict: true })).rejects.toThrow(CorpusError);
    await expect(readCorpus(dir, { strict: true })).rejects.toThrow(/bild\.png: unknown format/);
  });

  it('names the line in strict mode for JSON Lines', async () => {
    const dir = corpusDir({ 'a.jsonl': `${JSON.stringify({ id: 'a', paragraphs: ['A.'] })}\nkein json\n` });
    const error = await readCorpus(dir, { strict: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorpusError);
    expect((error as CorpusError).problem).toMatchObject({ file: join(dir, 'a.jsonl'), line: 2 });
    expect((error as CorpusError).message.startsWith(`${join(dir, 'a.jsonl')}:2: not valid JSON`)).toBe(true);
  });

  it('says so when the folder itself is missing', async () => {
    await expect(readCorpus('/nonexistent/corpus')).rejects.toThrow(/cannot read the corpus folder/);
  });
});

describe('derived titles', () => {
  it('end at the first sentence, not at an ordinal number', async () => {
    const { deriveTitle } = await import('../../src/corpus/title');
    expect(deriveTitle('Georg wurde am 4. Juni 1738 geboren. Er war König.')).toBe('Georg wurde am 4. Juni 1738 geboren.');
    expect(deriveTitle('Kurz. Danach mehr.')).toBe('Kurz.');
  });
});
