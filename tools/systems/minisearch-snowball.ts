import { miniSearchSnowballOptions } from '../eval/systems';
import type { BenchSystem } from './system';
import { miniSearchSystem } from './minisearch';

/** MiniSearch with a hand-written Snowball German pipeline; the same options as `npm run eval`'s. */
export function miniSearchSnowball(): BenchSystem {
  return miniSearchSystem('snowball', 'MiniSearch + Snowball', miniSearchSnowballOptions);
}
