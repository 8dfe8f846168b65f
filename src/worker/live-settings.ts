/**
 * Settings of live updates, from wrangler.toml `[vars]` (all optional):
 * how soon after a write the writer flushes, and how long replaced files
 * stay for readers of older versions. The flush and VERSION_CHECK_MS (how
 * often a search isolate reads the pointer, src/worker/config.ts) add up to
 * how stale an answer may be; their defaults keep the sum under 2 s.
 */
export interface LiveSettings {
  flushMs: number;
  graceMs: number;
}

export const DEFAULT_LIVE_SETTINGS: LiveSettings = { flushMs: 500, graceMs: 10 * 60_000 };

export function parseLiveSettings(vars: Record<string, unknown>): LiveSettings {
  const number = (name: string, fallback: number, min: number, max: number) => {
    const raw = vars[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    console.warn(`config: ${name}=${String(raw)} is not a whole number in ${min}…${max}; using ${fallback}`);
    return fallback;
  };
  return {
    flushMs: number('LIVE_FLUSH_MS', DEFAULT_LIVE_SETTINGS.flushMs, 10, 60_000),
    graceMs: number('LIVE_GRACE_MS', DEFAULT_LIVE_SETTINGS.graceMs, 0, 7 * 86_400_000),
  };
}
