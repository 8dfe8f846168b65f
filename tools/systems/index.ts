import type { BenchSystem } from './system';
import { flexSearch } from './flexsearch';
import { lunrGerman } from './lunr';
import { miniSearchDefault } from './minisearch-default';
import { miniSearchSnowball } from './minisearch-snowball';
import { orama } from './orama';
import { ours } from './ours';

/** Every system the bench knows, by command-line id, in table order; the baseline of every ratio is `minisearch`. */
export const SYSTEMS: Record<string, () => BenchSystem> = {
  ours,
  minisearch: miniSearchDefault,
  snowball: miniSearchSnowball,
  orama,
  flexsearch: flexSearch,
  lunr: lunrGerman,
};

export const SYSTEM_IDS = Object.keys(SYSTEMS);
export const BASELINE_ID = 'minisearch';

export function createSystem(id: string): BenchSystem {
  const make = SYSTEMS[id];
  if (!make) throw new Error(`unknown system "${id}" (known: ${SYSTEM_IDS.join(', ')})`);
  return make();
}
