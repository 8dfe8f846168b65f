import { MINISEARCH_DEFAULT_OPTIONS } from '../eval/systems';
import type { BenchSystem } from './system';
import { miniSearchSystem } from './minisearch';

/** MiniSearch as a user gets it (the baseline every ratio is against); the same options as `npm run eval`'s. */
export function miniSearchDefault(): BenchSystem {
  return miniSearchSystem('minisearch', 'MiniSearch default', () => ({ ...MINISEARCH_DEFAULT_OPTIONS }));
}
