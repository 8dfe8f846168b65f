import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSystem, SYSTEM_IDS } from '../../../tools/systems';
import { article } from '../../fixtures';

// A tiny corpus where each query has one right paragraph.
const corpus = [
  article('nato', ['Die NATO will ausreichend Militärhilfe an Kiew senden.', 'Der Außenminister reiste nach Brüssel.'], { title: 'NATO' }),
  article('sport', ['Der Torwart hielt den Elfmeter im Finale.', 'Die Mannschaft feierte den Pokalsieg.'], { title: 'Sport' }),
  article('wetter', ['Morgen regnet es in Hamburg und Bremen.'], { title: 'Wetter' }),
];

const work = await mkdtemp(join(tmpdir(), 'adapters-test-'));
afterAll(() => rm(work, { recursive: true, force: true }));

describe.each(SYSTEM_IDS)('%s adapter', (id) => {
  it('finds the known paragraph, also as typed, and again after save and open', async () => {
    const built = createSystem(id);
    await built.build(corpus);
    expect((await built.search('Elfmeter Torwart', 10))[0]).toBe('sport#0');
    expect(await built.prefix('Pokalsi', 10)).toContain('sport#1');

    const path = join(work, `${id}.index`);
    await built.save(path);
    const opened = createSystem(id);
    await opened.open(path);
    expect((await opened.search('Elfmeter Torwart', 10))[0]).toBe('sport#0');
    expect(await opened.search('Hamburg', 10)).toEqual(['wetter#0']);
    expect(await opened.prefix('Pokalsi', 10)).toContain('sport#1');
    expect(await opened.search('Hamburg', 10)).not.toContain('nato#0');
  });

  it('refuses to search before build or open', async () => {
    await expect(async () => createSystem(id).search('Hamburg', 10)).rejects.toThrow(/before build or open/);
  });
});
