import { describe, expect, it } from 'vitest';
import { buildMemoryIndex } from '../../src/index/memory-index';
import { search, FACET_KINDS } from '../../src/search';
import { article } from '../fixtures';

describe('facet counts from the cached facet column', async () => {
  const articles = Array.from({ length: 9 }, (_, i) =>
    article(`a${i}`, [`Haushalt ${i}.`, i % 2 ? 'Kiew und Haushalt.' : 'Kiew.'], {
      date: `${2020 + (i % 3)}-05-0${1 + (i % 9)}`,
      category: i % 3 ? 'Politik' : 'Wirtschaft',
      source: i < 4 ? 'dpa' : null,
      tags: i % 2 ? ['SPD', 'Bund'] : ['FDP'],
    }),
  );
  const one = await buildMemoryIndex(articles);
  const many = await buildMemoryIndex(articles, { segmentSize: 2 });

  it('count the same over one segment and over many, grouped or not, query after query', async () => {
    for (const q of ['Haushalt', 'Kiew', 'Kiew tag:SPD', 'Haushalt date:2021']) {
      for (const group of [false, true]) {
        const a = await search(one, q, { group, facets: FACET_KINDS });
        const b = await search(many, q, { group, facets: FACET_KINDS });
        expect(b.facets).toEqual(a.facets);
      }
    }
  });

  it('count an article once when grouped, and each matching paragraph otherwise', async () => {
    const paragraphs = await search(many, 'Haushalt tag:SPD', { facets: ['tag', 'source'] });
    expect(paragraphs.facets!.tag!.values).toEqual([{ value: 'Bund', count: 8 }, { value: 'SPD', count: 8 }]);
    const grouped = await search(many, 'Haushalt tag:SPD', { group: true, facets: ['tag', 'source'] });
    expect(grouped.facets!.tag!.values).toEqual([{ value: 'Bund', count: 4 }, { value: 'SPD', count: 4 }]);
    expect(grouped.facets!.source!.values).toEqual([{ value: 'dpa', count: 2 }]);
  });
});
