import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build';
import { readParts, partName } from '../../src/index/parts';
import { loadIndex, serializeIndex } from '../../src/index/serialize';
import { writeIndexFiles } from '../../src/index/write-index';
import { search } from '../../src/search';
import { article } from '../fixtures';

const paragraphs = Array.from({ length: 40 }, (_, i) => `Absatz ${i}: Die NATO will ausreichend Militärhilfe an Kiew senden.`);
const bytes = serializeIndex(buildIndex([article('a', paragraphs)]));

describe('index parts', () => {
  it('writes an index in parts, reads it back whole, and removes stale parts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parts-'));
    const path = join(dir, 'index.bin');
    writeFileSync(partName(path, 9), 'stale part of an older, larger index');
    const written = await writeIndexFiles(path, bytes, 1500);
    expect(written.length).toBe(Math.ceil(bytes.length / 1500));
    expect(existsSync(partName(path, 9))).toBe(false);
    const whole = await readParts(readFileSync(path), async (part) => readFileSync(partName(path, part)), 1500);
    expect(bytes.length).toBeGreaterThan(3 * 1500);
    expect(whole.range(0, whole.length)).toEqual(bytes);
    expect(search(loadIndex(whole), 'Militärhilfe').total).toBe(40);
  });

  it('refuses a missing or oversized part', async () => {
    const first = bytes.subarray(0, 1500);
    await expect(readParts(first, async () => new Uint8Array(0), 1500)).rejects.toThrow(/unexpected size/);
    await expect(readParts(first, async () => new Uint8Array(5000), 1500)).rejects.toThrow(/unexpected size/);
    await expect(readParts(first, async () => { throw new Error('404'); }, 1500)).rejects.toThrow('404');
  });
});
