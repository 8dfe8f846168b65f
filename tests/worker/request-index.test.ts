import { describe, expect, it } from 'vitest';
import type { IndexReader } from '../../src/index/index-reader';
import type { IndexSource } from '../../src/worker/env';
import { oncePerRequest } from '../../src/worker/request-index';

describe('the index as one request sees it', () => {
  it('resolves once, reads the loader through, and resolves again after a refresh', async () => {
    const versions = ['v1', 'v2', 'v3'].map((version) => ({ version }) as unknown as IndexReader);
    let opened = 0;
    let refreshed = 0;
    const loader = Object.defineProperties(async () => versions[Math.min(opened++, 2)]!, {
      loads: { get: () => opened },
      status: { value: () => ({ switches: opened }) },
      refresh: { value: async () => void refreshed++ },
    }) as unknown as IndexSource;
    const request = oncePerRequest(loader);
    expect((await request()).version).toBe('v1');
    expect((await request()).version).toBe('v1');
    expect(request.loads).toBe(1);
    expect(request.status!()).toEqual({ switches: 1 });
    await request.refresh!();
    expect(refreshed).toBe(1);
    expect((await request()).version).toBe('v2');
    expect(request.loads).toBe(2);
  });
});
