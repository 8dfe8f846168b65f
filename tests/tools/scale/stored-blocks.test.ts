import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS, germanAnalyzers } from '../../../src/analysis/german';
import { zlibCompression } from '../../../src/index/codec/zlib-compression';
import { buildSegment, DEFAULT_LAYOUT } from '../../../src/index/segment/builder';
import { storedBlocks } from '../../../tools/scale/stored-blocks';
import { article } from '../../fixtures';

/** Articles of sentences drawn from a vocabulary of a few hundred words, so they compress about as real text does. */
function corpus(n: number) {
  let seed = 3;
  const r = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const syllables = ['ber', 'lin', 'haus', 'halt', 're', 'gie', 'rung', 'mi', 'li', 'tär', 'hil', 'fe', 'ver', 'kehr', 'wahl', 'kampf', 'ge', 'setz', 'stadt', 'rat'];
  const vocabulary = Array.from({ length: 400 }, () => Array.from({ length: 2 + Math.floor(r() * 3) }, () => syllables[Math.floor(r() * syllables.length)]).join(''));
  const word = () => vocabulary[Math.floor(Math.pow(r(), 2) * vocabulary.length)]!;
  return Array.from({ length: n }, (_, a) =>
    article(`artikel-${a}`, Array.from({ length: 1 + Math.floor(r() * 4) }, () => `${Array.from({ length: 10 + Math.floor(r() * 30) }, word).join(' ')}.`), {
      title: `${word()} und ${word()}`,
      date: `2024-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 10)}`,
      tags: r() < 0.3 ? ['Politik'] : [],
      // Some paid articles: their hidden paragraphs are stored without text, by the tool as by the builder.
      ...(a % 7 === 3 ? { access: 'paid' as const, free: [0] } : {}),
    }),
  );
}

describe('npm run bench:stored', () => {
  it('measures the docs file the builder writes; a dictionary is kept only where it saves more than its size', async () => {
    const articles = corpus(600);
    const [small, atDefault] = await storedBlocks(articles, [4096, DEFAULT_LAYOUT.docBlockBytes]);
    const built = await buildSegment(articles, { analyzer: germanAnalyzers(DEFAULT_ANALYSIS).index, stems: true, compression: zlibCompression });
    expect(atDefault!.withDictionaryBytes).toBe(built.files.docs.length);
    expect(atDefault!.dictionaryBytes).toBe(built.meta.docDictionary.length);
    // Many small blocks each start afresh without one: the dictionary pays. Few large ones of this little text: it would not.
    expect(small!.dictionaryBytes).toBeGreaterThan(0);
    expect(small!.withDictionaryBytes).toBeLessThan(small!.plainBytes);
    expect(atDefault!.dictionaryBytes).toBe(0);
  });
});
