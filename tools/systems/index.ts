import { flexSearch } from './flexsearch';
import { lunrGerman } from './lunr';
import { miniSearchDefault, miniSearchSnowball } from './minisearch';
import { orama } from './orama';
import { ours } from './ours';
import type { ComparedSystem } from './system';

/** Every system the tools know, by command-line id, in table order; the bench's baseline of every ratio is `minisearch`. */
export const SYSTEMS: Record<string, () => ComparedSystem> = {
  ours: () => ours(),
  minisearch: miniSearchDefault,
  snowball: miniSearchSnowball,
  orama,
  flexsearch: flexSearch,
  lunr: lunrGerman,
};

export const SYSTEM_IDS = Object.keys(SYSTEMS);
export const BASELINE_ID = 'minisearch';

export function createSystem(id: string): ComparedSystem {
  const make = SYSTEMS[id];
  if (!make) throw new Error(`unknown system "${id}" (known: ${SYSTEM_IDS.join(', ')})`);
  return make();
}
