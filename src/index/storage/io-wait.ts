import type { IoStats } from './byte-source';

/** Waves in flight per query, and since when the first of them: overlapping waves are waited for once. */
const inFlight = new WeakMap<IoStats, { waves: number; since: number }>();

/**
 * Times a wave of reads into `io.waitMs` (a wave served from memory, which reaches no storage, is not
 * counted: `reached` says whether it did).
 */
export async function timedWave<T>(io: IoStats | undefined, wave: Promise<T>, reached: boolean): Promise<T> {
  if (!io || !reached) return wave;
  const state = inFlight.get(io) ?? { waves: 0, since: 0 };
  if (state.waves++ === 0) state.since = performance.now();
  inFlight.set(io, state);
  try {
    return await wave;
  } finally {
    if (--state.waves === 0) io.waitMs = roundMs(io.waitMs + performance.now() - state.since);
  }
}

/** Milliseconds to the microsecond, as answers report them. */
export const roundMs = (n: number): number => Math.round(n * 1000) / 1000;
