import { DEFAULT_ANALYSIS, type AnalysisConfig } from '../../src/analysis/german';
import { miniSearchDefault, miniSearchSnowball } from '../systems/minisearch';
import { IndexCache, ours } from '../systems/ours';
import type { ComparedSystem } from '../systems/system';

/**
 * The systems `npm run eval` compares, in table order: the two MiniSearch
 * baselines, ours, and with `ablation` ours' variants. New instances on every
 * call: a system holds the index of the set it was last built for.
 */
export function evalSystems(ablation: boolean): ComparedSystem[] {
  const indexes = new IndexCache();
  return [miniSearchDefault(), miniSearchSnowball(), ours(undefined, indexes), ...(ablation ? ablations(indexes) : [])];
}

/** Ours with one stage off at a time: what each stage earns. */
function ablations(indexes: IndexCache): ComparedSystem[] {
  const systems: ComparedSystem[] = [];
  // Every switch AnalysisConfig has, whatever stages are added later.
  const flags = (Object.keys(DEFAULT_ANALYSIS) as Array<keyof AnalysisConfig>).filter((k) => typeof DEFAULT_ANALYSIS[k] === 'boolean');
  for (const flag of flags) {
    systems.push(ours({ id: `ours-without-${flag}`, name: `− ${flag}`, analysis: { ...DEFAULT_ANALYSIS, [flag]: false } }, indexes));
  }
  systems.push(ours({ id: 'ours-without-fuzzy', name: '− fuzzy', search: { fuzzy: false } }, indexes));
  systems.push(ours({ id: 'ours-with-prefix', name: '+ prefix on the last word', search: { prefix: true } }, indexes));
  systems.push(ours({ id: 'ours-without-proximity', name: '− proximity', search: { proximity: false } }, indexes));
  systems.push(ours({ id: 'ours-without-questions', name: '− question words', search: { questions: false } }, indexes));
  return systems;
}
