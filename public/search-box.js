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
/** @typedef {NonNullable<ReturnType<typeof import('./page-controls.js').pageControls>>} PageControls */

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
 * box instead of navigating (the embedded box); `controls`: the page's order,
 * facets and paging (page-controls.js), which the box has not.
 * @param {{
 *   form: HTMLFormElement, input: HTMLInputElement, status: HTMLElement, results: HTMLElement,
 *   endpoint?: string, syncUrl?: boolean, headingLevel?: number, inPlaceLinks?: boolean, controls?: PageControls | null,
 * }} options
 */
export function enhance({ form, input, status, results, endpoint = '', syncUrl = false, headingLevel = 2, inPlaceLinks = false, controls = null }) {
  const base = endpoint.replace(/\/+$/, '');
  const api = searchApi(base);
  const area = resultsArea({ status, results, base, headingLevel });
  const paging = controls ? { ...pagingOf(controls, api, area), controls } : null;
  const search = latestAnswerWins(api, area, paging);
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
    suggestions.typed(input.value);
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

  return { search: searchNow, paging };
}

/**
 * The page's results beyond the first page: "Weitere Treffer" is a link to
 * the next page (what works without JavaScript); a plain click loads that
 * page into the list instead, counts it in the status line, moves the link
 * on and puts the focus on the first new result.
 * @param {PageControls} controls
 * @param {SearchApi} api
 * @param {ResultsArea} area
 */
function pagingOf(controls, api, area) {
  const { dataset } = controls.more;
  const limit = Number(dataset.limit) || 10;
  const maxOffset = Number(dataset.maxOffset) || 0;
  /** The query whose results are shown, and the offset of the first of them. */
  let shown = { q: '', offset: 0 };
  controls.more.addEventListener('click', async (event) => {
    const link = /** @type {Element} */ (event.target).closest('a[data-offset]');
    if (!(link instanceof HTMLAnchorElement) || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const offset = Number(link.dataset.offset);
    const { q } = shown;
    area.setBusy(true);
    try {
      const outcome = await api.search(q, { group: true, extra: { ...controls.params(), offset: String(offset) } });
      if (q !== shown.q) return;
      if (!outcome.ok) return area.showError(outcome.message);
      const first = area.append(outcome.response, shown.offset);
      controls.showMore(q, { offset, limit, maxOffset, shown: outcome.response.results.length, total: outcome.response.total, totalExact: outcome.response.totalExact });
      /** @type {HTMLElement | null} */ (first?.querySelector('h2 a, h3 a, h4 a, h5 a, h6 a') ?? null)?.focus();
    } catch (error) {
      if (!isAbort(error)) area.showError(UNREACHABLE_MESSAGE);
    } finally {
      area.setBusy(false);
    }
  });
  return {
    limit,
    maxOffset,
    /**
     * Results of `q` are shown from `offset` on; `rendered`: how many the server rendered, when it did.
     * @param {string} q
     * @param {number} offset
     * @param {number} [rendered]
     */
    showing(q, offset, rendered) {
      shown = { q, offset };
      if (rendered !== undefined) area.adopt(rendered);
    },
  };
}

/**
 * A search function whose answers are shown only while no newer search has
 * started (a stale answer is dropped, its request aborted); when nothing is
 * found it looks for a correction. With the page's controls, it asks for
 * their order and facets and shows them too.
 * @param {SearchApi} api
 * @param {ResultsArea} area
 * @param {(ReturnType<typeof pagingOf> & { controls: PageControls }) | null} paging
 */
function latestAnswerWins(api, area, paging) {
  const controls = paging?.controls ?? null;
  let latest = 0;
  /** @type {AbortController | null} */
  let abort = null;
  const isLatest = (/** @type {number} */ n) => n === latest;
  return async (/** @type {string} */ q) => {
    const mine = ++latest;
    abort?.abort();
    if (!q.trim()) {
      area.clear();
      controls?.clear();
      area.setBusy(false);
      return;
    }
    abort = new AbortController();
    const { signal } = abort;
    area.setBusy(true);
    try {
      const outcome = await api.search(q, { group: true, signal, extra: controls?.params() });
      if (!isLatest(mine)) return;
      if (!outcome.ok) {
        controls?.clear();
        return area.showError(outcome.message);
      }
      area.show(outcome.response);
      if (paging && controls) {
        paging.showing(q, 0);
        controls.show(q, outcome.response, { offset: 0, limit: paging.limit, maxOffset: paging.maxOffset });
      }
      if (outcome.response.total === 0) {
        // The page shows the ways out among its controls; a box without them, in its status line.
        const { alternatives } = /** @type {{ alternatives?: import('../src/render/controls').ShownAlternative[] }} */ (outcome.response);
        if (!controls) area.offerAlternatives(alternatives);
        offerCorrection(api, area, q, signal, () => isLatest(mine));
      }
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
      // A new query starts at its first page (the order stays).
      url.searchParams.delete('offset');
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
