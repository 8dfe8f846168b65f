import type { MatchedToken } from './highlight';
import { PROXIMITY } from './scoring';

/**
 * How close the matched query words stand: the share of neighbouring pairs
 * (in order of first appearance) of distinct matched words whose nearest
 * occurrences are within `PROXIMITY.window` word positions. 0 when fewer than
 * two words matched; 1 when all stand together (`Militärhilfe für die Ukraine`
 * for `Ukraine Militärhilfe`).
 */
export function proximity(tokens: readonly MatchedToken[]): number {
  const positions = new Map<number, number[]>();
  for (const t of tokens) {
    const list = positions.get(t.clause);
    if (list) list.push(t.position);
    else positions.set(t.clause, [t.position]);
  }
  const clauses = [...positions.values()];
  if (clauses.length < 2) return 0;
  let close = 0;
  for (let i = 1; i < clauses.length; i++) {
    if (nearestGap(clauses[i - 1]!, clauses[i]!) <= PROXIMITY.window) close++;
  }
  return close / (clauses.length - 1);
}

function nearestGap(a: readonly number[], b: readonly number[]): number {
  let best = Infinity;
  for (const x of a) for (const y of b) best = Math.min(best, Math.abs(x - y));
  return best;
}
