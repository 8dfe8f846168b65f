import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { buildMemoryIndex } from '../../src/index/memory-index';
import { parseRoot } from '../../src/index/root';
import { search } from '../../src/search';
import { parseSynonyms } from '../../src/search/synonyms';
import { article } from '../fixtures';

describe('the synonyms file (Solr format)', () => {
  it('reads equivalents and one-way rules, comments and escaped commas', () => {
    const { rules, problems } = parseSynonyms(
      ['# Ukraine', 'Kiew, Kyjiw,  Kyiv   # Umschrift', '', 'USA => Vereinigte   Staaten, Vereinigten Staaten', 'Müller\\, Peter, P. Müller'].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(rules).toEqual([
      { from: ['Kiew', 'Kyjiw', 'Kyiv'], to: ['Kiew', 'Kyjiw', 'Kyiv'] },
      { from: ['USA'], to: ['Vereinigte Staaten', 'Vereinigten Staaten'] },
      { from: ['Müller, Peter', 'P. Müller'], to: ['Müller, Peter', 'P. Müller'] },
    ]);
  });

  it('names a line it cannot read, with the reason, and keeps the others', () => {
    const { rules, problems } = parseSynonyms('a => b => c\nNATO\n => Kiew\nKiew, Kyjiw');
    expect(problems).toEqual([
      { line: 1, reason: 'more than one "=>"' },
      { line: 2, reason: 'one spelling alone: list two or more, separated by commas' },
      { line: 3, reason: 'a side of "=>" names no spelling' },
    ]);
    expect(rules).toHaveLength(1);
  });
});

describe('synonyms at query time', async () => {
  const index = await buildMemoryIndex(
    [
      article('kiew', ['Die NATO sagt Kiew weitere Militärhilfe zu.']),
      article('kyjiw', ['In Kyjiw wurde die Lieferung begrüßt.']),
      article('vs', ['Die Vereinigten Staaten liefern Munition.']),
      article('usa', ['Die USA liefern Munition.']),
      article('staaten', ['Viele Staaten liefern Munition.']),
      article('eu', ['Die EU berät über Sanktionen.']),
      article('union', ['Die Europäische Union berät über Sanktionen, die Europäische Kommission nicht.']),
    ],
    {
      compression: zlibCompression,
      synonyms: parseSynonyms('Kiew, Kyjiw\nUSA => Vereinigte Staaten, Vereinigten Staaten\nEU, Europäische Union').rules,
    },
  );
  const found = async (q: string) => (await search(index, q, { limit: 10 })).results.map((r) => r.id).sort();
  const marks = async (q: string, id: string) => {
    const r = (await search(index, q, { limit: 10 })).results.find((x) => x.id === id)!;
    return r.highlights.map(([s, e]) => r.text.slice(s, e));
  };

  it('equivalents find each other, and the other spelling is marked', async () => {
    expect(await found('Kyjiw')).toEqual(['kiew', 'kyjiw']);
    expect(await found('Kiew')).toEqual(['kiew', 'kyjiw']);
    expect(await marks('Kyjiw', 'kiew')).toEqual(['Kiew']);
    expect(await marks('Kiew', 'kyjiw')).toEqual(['Kyjiw']);
  });

  it('a one-way rule adds spellings in its direction only; the word typed is searched too', async () => {
    expect(await found('USA')).toEqual(['usa', 'vs']);
    expect(await marks('USA', 'vs')).toEqual(['Vereinigten Staaten']);
    expect(await found('"Vereinigten Staaten"')).toEqual(['vs']);
  });

  it('a spelling of several words counts only as a phrase: one of its words alone is no match', async () => {
    expect(await found('USA')).not.toContain('staaten');
    expect(await found('EU')).toEqual(['eu', 'union']);
    // Marked where it stands whole: not one of its words elsewhere in the paragraph.
    expect(await marks('EU', 'union')).toEqual(['Europäische Union']);
  });

  it('a run of query words a rule names finds the rule spellings too', async () => {
    const ids = await found('Europäische Union');
    expect(ids).toContain('eu');
    expect(await marks('Europäische Union', 'eu')).toEqual(['EU']);
  });

  it('a quoted phrase is taken as typed', async () => {
    expect(await found('"Kyjiw"')).toEqual(['kyjiw']);
  });

  it('lives in the index root, which refuses rules that are not lists of spellings', async () => {
    expect(index.root.synonyms).toHaveLength(3);
    const bytes = (synonyms: unknown) => new TextEncoder().encode(JSON.stringify({ ...index.root, synonyms }));
    expect(parseRoot(bytes(index.root.synonyms)).synonyms).toEqual(index.root.synonyms);
    expect(() => parseRoot(bytes([{ from: 'Kiew', to: ['Kyjiw'] }]))).toThrow(/synonyms/);
    expect(() => parseRoot(bytes([{ from: [], to: ['Kyjiw'] }]))).toThrow(/synonyms/);
    const none = await buildMemoryIndex([article('a', ['Kiew'])]);
    expect(none.root.synonyms).toBeUndefined();
    expect((await search(none, 'Kyjiw')).total).toBe(0);
  });
});
