import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build';
import { Chunks, decodeContainer, sectionStarts } from '../../src/index/binary-format';
import { readParts, partName, splitIntoParts } from '../../src/index/parts';
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
    expect(written.length).toBeGreaterThanOrEqual(Math.ceil(bytes.length / 1500));
    for (const file of written) expect(readFileSync(file).length).toBeLessThanOrEqual(1500);
    expect(existsSync(partName(path, 9))).toBe(false);
    const whole = await readParts(readFileSync(path), async (part) => readFileSync(partName(path, part)), 1500);
    expect(bytes.length).toBeGreaterThan(3 * 1500);
    expect(whole.range(0, whole.length)).toEqual(bytes);
    expect(search(loadIndex(whole), 'Militärhilfe').total).toBe(40);
  });

  it('cuts where sections start, so loading the parts copies no section that fits in one', async () => {
    const big = serializeIndex(buildIndex([article('b', Array.from({ length: 400 }, (_, i) => `Absatz ${i}: Militärhilfe für Kiew, Beschluss ${i * 7}.`))]));
    const partBytes = 8192;
    const parts = splitIntoParts(big, partBytes, sectionStarts(big));
    expect(parts.length).toBeGreaterThan(2);
    const { sections } = decodeContainer(new Chunks(parts));
    const buffers = new Set(parts.map((p) => p.buffer));
    for (const [name, array] of Object.entries(sections)) {
      if (array.byteLength <= partBytes / 2) expect(buffers.has(array.buffer as ArrayBuffer), `${name} was copied`).toBe(true);
    }
    // Cut blindly every partBytes, some section straddles and is copied: the check above can fail.
    const blind = decodeContainer(new Chunks(splitIntoParts(big, partBytes))).sections;
    expect(Object.values(blind).some((a) => !buffers.has(a.buffer as ArrayBuffer))).toBe(true);
  });

  it('refuses a missing or oversized part', async () => {
    const first = bytes.subarray(0, 1500);
    await expect(readParts(first, async () => new Uint8Array(0), 1500)).rejects.toThrow(/unexpected size/);
    await expect(readParts(first, async () => new Uint8Array(5000), 1500)).rejects.toThrow(/unexpected size/);
    await expect(readParts(first, async () => { throw new Error('404'); }, 1500)).rejects.toThrow('404');
  });
});
