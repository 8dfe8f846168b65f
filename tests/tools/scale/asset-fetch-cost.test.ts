import { describe, expect, it } from 'vitest';
import { assetFetchCost } from '../../../tools/scale/asset-fetch-cost';

describe('check:scale --fetch-cost', () => {
  it('times whole-file fetches of the local asset server, a wave at once and one after another', async () => {
    const rows = await assetFetchCost({ chunkBytes: 4096, counts: [4], trials: 3, files: 16 });
    expect(rows.map((r) => [r.fetches, r.together])).toEqual([
      [1, true],
      [1, false],
      [4, true],
      [4, false],
    ]);
    // A wave has all its fetches out at once; one after another, never more than one.
    expect(rows.map((r) => r.inFlight)).toEqual([1, 1, 4, 1]);
    for (const r of rows) expect(r.medianMs).toBeGreaterThan(0);
    // The marginal cost is what the extra fetches added to one fetch asked the same way, per fetch.
    for (const r of rows.filter((x) => x.fetches === 4)) {
      const single = rows.find((x) => x.fetches === 1 && x.together === r.together)!.medianMs;
      expect(r.marginalMs).toBeCloseTo((r.medianMs - single) / 3, 9);
    }
  });

  it('takes a whole number of bytes', async () => {
    await expect(assetFetchCost({ chunkBytes: 102.4 })).rejects.toThrow('whole bytes');
  });
});
