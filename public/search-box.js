// The search box, shared by the search page (search.js) and the embeddable
// box (embed.js): a plain GET form made live. Each part does one thing —
// search-api.js asks the Worker, render-results.js shows the answer,
// suggestions.js completes the word being typed, correction.js finds a
// "Meinten Sie …?" — and enhance() wires them to the form's events.
import { UNREACHABLE_MESSAGE } from '../src/render/results';
import { correctQuery } from './correction.js';
import { resultsArea } from './render-results.js';
import { searchApi } from './search-api.js';
import { isAbort, suggestionList } from './suggestions.js';

/** @typedef {ReturnType<typeof searchApi>} SearchApi */
/** @typedef {ReturnType<typeof resultsArea>} ResultsArea */

/** Typing pauses this long before a search is sent. */
const DEBOUNCE_MS = 150;
/** Completions asked for per prefix when looking for a correction. */
const CORRECTION_CANDIDATES = 20;

/**
 * Makes a search form live: search as you type (debounced, latest answer
 * wins), suggestions for the word being typed, results, and "Meinten Sie
 * …?" when nothing is found.
 *
 * `form`, `input`, `status`, `results` (the <ol>): the form's elements;
 * `endpoint`: the Worker's origin ('' for the same origin); `syncUrl`: keep
 * `?q=` in the address bar (the page, not an embedded box); `headingLevel`
 * of result titles; `inPlaceLinks`: tag and correction links search in the
 * box instead of navigating (the embedded box).
 * @param {{
 *   form: HTMLFormElement, input: HTMLInputElement, status: HTMLElement, results: HTMLElement,
 *   endpoint?: string, syncUrl?: boolean, headingLevel?: number, inPlaceLinks?: boolean,
 * }} options
 */
export function enhance({ form, input, status, results, endpoint = '', syncUrl = false, headingLevel = 2, inPlaceLinks = false }) {
  const base = endpoint.replace(/\/+$/, '');
  const api = searchApi(base);
  const area = resultsArea({ status, results, base, headingLevel });
  const search = latestAnswerWins(api, area);
  const suggestions = suggestionList({ input, fetchSuggestions: api.suggest, onPick: (value) => searchNow(value) });
  const address = syncUrl ? addressBar(input.ownerDocument) : null;
  let timer = 0;

  /** @param {string} q */
  function searchNow(q) {
    clearTimeout(timer);
    address?.show(q);
    return search(q);
  }

  /** @param {string} q */
  function searchSoon(q) {
    clearTimeout(timer);
    address?.show(q);
    timer = setTimeout(() => {
      search(q);
      suggestions.update(q);
    }, DEBOUNCE_MS);
  }

  input.addEventListener('input', () => {
    suggestions.typed();
    searchSoon(input.value);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    suggestions.dismiss();
    searchNow(input.value);
  });
  // The correction link searches in place; tag links too in the embedded box, and are ordinary links to the page otherwise.
  const searchInPlace = linkSearch((q) => {
    input.value = q;
    input.focus();
    searchNow(q);
  });
  status.addEventListener('click', searchInPlace);
  if (inPlaceLinks) results.addEventListener('click', searchInPlace);

  return { search: searchNow };
}

/**
 * A search function whose answers are shown only while no newer search has
 * started (a stale answer is dropped, its request aborted); when nothing is
 * found it looks for a correction.
 * @param {SearchApi} api
 * @param {ResultsArea} area
 */
function latestAnswerWins(api, area) {
  let latest = 0;
  /** @type {AbortController | null} */
  let abort = null;
  const isLatest = (/** @type {number} */ n) => n === latest;
  return async (/** @type {string} */ q) => {
    const mine = ++latest;
    abort?.abort();
    if (!q.trim()) {
      area.clear();
      area.setBusy(false);
      return;
    }
    abort = new AbortController();
    const { signal } = abort;
    area.setBusy(true);
    try {
      const outcome = await api.search(q, { group: true, signal });
      if (!isLatest(mine)) return;
      if (!outcome.ok) return area.showError(outcome.message);
      area.show(outcome.response);
      if (outcome.response.total === 0) offerCorrection(api, area, q, signal, () => isLatest(mine));
    } catch (error) {
      if (isLatest(mine) && !isAbort(error)) area.showError(UNREACHABLE_MESSAGE);
    } finally {
      if (isLatest(mine)) area.setBusy(false);
    }
  };
}

/**
 * Nothing found, even with the engine's own typo tolerance: offers the
 * nearest known spelling of the query's words, if that query has results and
 * is still the one shown.
 * @param {SearchApi} api
 * @param {ResultsArea} area
 * @param {string} q
 * @param {AbortSignal} signal
 * @param {() => boolean} current
 */
async function offerCorrection(api, area, q, signal, current) {
  try {
    const correction = await correctQuery(q, (prefix) => api.suggest(prefix, CORRECTION_CANDIDATES, signal));
    if (!correction || !current()) return;
    const check = await api.search(correction, { limit: 1, signal });
    if (current() && check.ok && check.response.total > 0) area.offer(correction);
  } catch {
    // No correction then; the "no results" message stands on its own.
  }
}

/**
 * `?q=` in the address bar and the document's title follow the query.
 * @param {Document} doc
 */
function addressBar(doc) {
  return {
    /** @param {string} q */
    show(q) {
      const url = new URL(location.href);
      if (q.trim()) url.searchParams.set('q', q);
      else url.searchParams.delete('q');
      history.replaceState(history.state, '', url);
      doc.title = q.trim() ? `${q} – Suche` : 'Suche';
    },
  };
}

/**
 * A click handler for links that carry their query (`a[data-query]`): a plain
 * left click searches with it in place; modified clicks keep the link's own behaviour.
 * @param {(q: string) => void} searchWith
 */
function linkSearch(searchWith) {
  return (/** @type {MouseEvent} */ event) => {
    const link = /** @type {Element} */ (event.target).closest('a[data-query]');
    if (!(link instanceof HTMLElement) || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    searchWith(link.dataset.query ?? '');
  };
}
