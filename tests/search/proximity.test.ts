import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { buildMemoryIndex } from '../../src/index/memory-index';
import { search } from '../../src/search';
import { proximity } from '../../src/search/proximity';
import { article } from '../fixtures';

describe('proximity', () => {
  it('is the share of matched words standing near the next one', async () => {
    const at = (clause: number, position: number) => ({ start: 0, end: 0, clause, position });
    expect(proximity([at(0, 1)])).toBe(0);
    expect(proximity([at(0, 1), at(1, 2)])).toBe(1);
    expect(proximity([at(0, 1), at(1, 20), at(2, 21)])).toBe(0.5);
  });

  it('ranks a paragraph where the query words stand together above one where they are far apart', async () => {
    const filler = 'Wetter Regen Sonne Wind Wolken Nebel Schnee Hagel';
    const index = await buildMemoryIndex([
      article('far', [`Kiew ${filler} Militärhilfe`]),
      article('near', [`${filler} Militärhilfe Kiew`]),
    ]);
    expect((await search(index, 'Kiew Militärhilfe')).results.map((r) => r.id)).toEqual(['near', 'far']);
  });
});
