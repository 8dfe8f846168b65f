import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { buildMemoryIndex } from '../../src/index/memory-index';
import { suggest } from '../../src/search/suggest';
import { article } from '../fixtures';

const index = await buildMemoryIndex([
  article('a', ['Militärhilfe für Kiew.', 'Das Militärbündnis NATO.', 'Mehr Militärhilfe.', 'Milch und Brot.']),
]);
const terms = async (q: string) => (await suggest(index, q)).suggestions.map((s) => s.term);

describe('suggest', () => {
  it('completes from the vocabulary, most frequent first, in the corpus spelling', async () => {
    expect(await terms('milit')).toEqual(['Militärhilfe', 'Militärbündnis']);
  });
  it('matches folded prefixes', async () => {
    expect(await terms('Militae')).toEqual(['Militärhilfe', 'Militärbündnis']);
    expect(await terms('MILITÄRB')).toEqual(['Militärbündnis']);
  });
  it('completes only the last word and needs two letters', async () => {
    // Equal counts: the shorter word first.
    expect(await terms('Kiew mil')).toEqual(['Militärhilfe', 'Milch', 'Militärbündnis']);
    expect(await terms('m')).toEqual([]);
    expect(await terms('Kiew ')).toEqual([]);
  });
  it('completes no word in a filter\'s value (a tag is no word of the text)', async () => {
    expect(await terms('mil')).not.toEqual([]);
    expect(await terms('tag:mil')).toEqual([]);
    expect(await terms('Kiew tag:"Mark Mil')).toEqual([]);
    expect(await terms('tag:NATO mil')).toEqual(['Militärhilfe', 'Milch', 'Militärbündnis']);
  });
  it('completes an excluded word as the word itself', async () => {
    expect(await terms('Kiew -mil')).toEqual(['Militärhilfe', 'Milch', 'Militärbündnis']);
    expect(await terms('Kiew --mil')).toEqual(['Militärhilfe', 'Milch', 'Militärbündnis']);
  });
});
