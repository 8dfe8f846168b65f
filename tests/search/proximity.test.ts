import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build';
import { search } from '../../src/search';
import { proximity } from '../../src/search/proximity';
import { article } from '../fixtures';

describe('proximity', () => {
  it('is the share of matched words standing near the next one', () => {
    const at = (clause: number, position: number) => ({ start: 0, end: 0, clause, position });
    expect(proximity([at(0, 1)])).toBe(0);
    expect(proximity([at(0, 1), at(1, 2)])).toBe(1);
    expect(proximity([at(0, 1), at(1, 20), at(2, 21)])).toBe(0.5);
  });

  it('ranks a paragraph where the query words stand together above one where they are far apart', () => {
    const filler = 'Wetter Regen Sonne Wind Wolken Nebel Schnee Hagel';
    const index = buildIndex([
      article('far', [`Kiew ${filler} Militärhilfe`]),
      article('near', [`${filler} Militärhilfe Kiew`]),
    ]);
    expect(search(index, 'Kiew Militärhilfe').results.map((r) => r.id)).toEqual(['near', 'far']);
  });
});
