// The two API calls the search box makes, against the Worker at `base`.
import { errorMessage } from '../src/render/results';

/** @typedef {import('../src/render/results').ShownResponse} ShownResponse */
/** @typedef {{ term: string, count: number }} Suggestion */
/** @typedef {{ ok: true, response: ShownResponse } | { ok: false, message: string }} SearchOutcome */

/** @param {string} base the Worker's origin ('' for the same origin) */
export function searchApi(base) {
  /**
   * @param {string} path
   * @param {Record<string, string>} params
   * @param {AbortSignal} [signal]
   */
  const get = (path, params, signal) => fetch(`${base}${path}?${new URLSearchParams(params)}`, { signal, headers: { Accept: 'application/json' } });
  return {
    /**
     * A search (`group`: by article, as the page shows it). An answer that is
     * not a result list becomes its German message; a network failure throws.
     * `extra`: further parameters as the API names them (`sort`, `facets`, `offset`).
     * @param {string} q
     * @param {{ group?: boolean, limit?: number, signal?: AbortSignal, extra?: Record<string, string> }} [options]
     * @returns {Promise<SearchOutcome>}
     */
    async search(q, { group = false, limit, signal, extra = {} } = {}) {
      const params = { q, ...(group ? { group: 'true' } : {}), ...(limit ? { limit: String(limit) } : {}), ...extra };
      const res = await get('/api/search', params, signal);
      const data = await res.json().catch(() => null);
      if (!res.ok || !data) return { ok: false, message: errorMessage(data?.error?.code) };
      return { ok: true, response: data };
    },
    /**
     * Completions for the last word of `q`; none when the API says no.
     * @param {string} q
     * @param {number} limit
     * @param {AbortSignal} [signal]
     * @returns {Promise<Suggestion[]>}
     */
    async suggest(q, limit, signal) {
      const res = await get('/api/suggest', { q, limit: String(limit) }, signal);
      if (!res.ok) return [];
      return (await res.json()).suggestions ?? [];
    },
  };
}
