import { describe, expect, it } from 'vitest';
import { createSystem, SYSTEM_IDS } from '../../../tools/systems';
import { article } from '../../fixtures';

// A tiny corpus where each query has one right paragraph.
const corpus = [
  article('nato', ['Die NATO will ausreichend Militärhilfe an Kiew senden.', 'Der Außenminister reiste nach Brüssel.'], { title: 'NATO' }),
  article('sport', ['Der Torwart hielt den Elfmeter im Finale.', 'Die Mannschaft feierte den Pokalsieg.'], { title: 'Sport' }),
  article('wetter', ['Morgen regnet es in Hamburg und Bremen.'], { title: 'Wetter' }),
];

describe.each(SYSTEM_IDS)('%s adapter', (id) => {
  it('finds the known paragraph, also as typed, and again after serialize and load', async () => {
    const built = createSystem(id);
    await built.build(corpus);
    expect(built.search('Elfmeter Torwart', 10)[0]).toBe('sport#0');
    expect(built.prefix('Pokalsi', 10)).toContain('sport#1');

    const loaded = createSystem(id);
    await loaded.load(await built.serialize());
    expect(loaded.search('Elfmeter Torwart', 10)[0]).toBe('sport#0');
    expect(loaded.search('Hamburg', 10)).toEqual(['wetter#0']);
    expect(loaded.prefix('Pokalsi', 10)).toContain('sport#1');
    expect(loaded.search('Hamburg', 10)).not.toContain('nato#0');
  });

  it('refuses to search before build or load', () => {
    expect(() => createSystem(id).search('Hamburg', 10)).toThrow(/before build or load/);
  });
});
