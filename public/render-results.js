// The status line and the result list in the browser. What a result shows
// comes from src/render/results.ts (bundled in by `npm run build`), as on the
// server; this file only turns its parts into elements. The markup is the one
// src/worker/page/results-page.tsx renders (same elements, attributes in the
// same order, same texts), so a server-rendered page and a live one are
// identical (tests/e2e/search-page.test.ts compares them).
//
// Nothing from the corpus or the query is ever parsed as HTML: text nodes and
// <mark> elements only.
import { ALTERNATIVES_LABEL, alternativeViews } from '../src/render/controls';
import { PAID_LABEL, queryHref, resultView, statusText } from '../src/render/results';
import { el } from './dom.js';

/** @typedef {import('../src/render/results').ShownResponse} ShownResponse */
/** @typedef {import('../src/render/results').ShownResult} ShownResult */
/** @typedef {import('../src/render/results').Segment} Segment */

/**
 * @param {Document} doc
 * @param {readonly Segment[]} segments
 * @returns {(Node | string)[]}
 */
function segmentNodes(doc, segments) {
  return segments.map(({ text, mark }) => (mark ? el(doc, 'mark', {}, text) : text));
}

/**
 * One result: li.result > h2.result-title, p.result-meta, p.result-snippet, details.result-more, ul.result-tags.
 * @param {Document} doc
 * @param {ShownResult} result
 * @param {{ base?: string, headingLevel?: number }} [options] base: the search page's origin for tag links
 */
export function resultItem(doc, result, { base = '', headingLevel = 2 } = {}) {
  const view = resultView(result, base);
  const li = el(doc, 'li', { class: 'result' });
  const heading = doc.createElement(`h${headingLevel}`);
  heading.setAttribute('class', 'result-title');
  heading.append(view.href ? el(doc, 'a', { href: view.href }, view.title) : view.title);
  if (view.paid) heading.append(el(doc, 'span', { class: 'plus' }, PAID_LABEL));
  li.append(heading);
  if (view.meta.length > 0) {
    li.append(el(doc, 'p', { class: 'result-meta' }, ...view.meta.map((part) => (part.datetime ? el(doc, 'time', { datetime: part.datetime }, part.text) : part.text))));
  }
  li.append(el(doc, 'p', { class: view.withheld ? 'result-snippet withheld' : 'result-snippet' }, ...segmentNodes(doc, view.snippet)));
  if (view.more) {
    const list = el(doc, 'ol', {}, ...view.more.snippets.map((snippet) => el(doc, 'li', {}, el(doc, 'p', { class: 'result-snippet' }, ...segmentNodes(doc, snippet)))));
    li.append(el(doc, 'details', { class: 'result-more' }, el(doc, 'summary', {}, view.more.label), list));
  }
  if (view.tags.length > 0) {
    const tags = view.tags.map((tag) => el(doc, 'li', {}, el(doc, 'a', { href: tag.href, 'data-query': tag.query }, tag.label)));
    li.append(el(doc, 'ul', { class: 'result-tags', 'aria-label': 'Schlagwörter' }, ...tags));
  }
  return li;
}

/**
 * The status line (p#status) and the result list (ol#results) of a search box.
 * @param {{ status: HTMLElement, results: HTMLElement, base?: string, headingLevel?: number }} elements
 */
export function resultsArea({ status, results, base = '', headingLevel = 2 }) {
  const doc = results.ownerDocument;
  /**
   * @param {string} text
   * @param {'' | 'error'} [kind]
   */
  const showStatus = (text, kind = '') => {
    status.textContent = text;
    status.className = kind ? `status ${kind}` : 'status';
  };
  /** @type {ShownResult[]} */
  let shown = [];
  return {
    /**
     * An answer; `offset`: how many results come before the first of it.
     * @param {ShownResponse} response
     * @param {number} [offset]
     */
    show(response, offset = 0) {
      shown = [...response.results];
      showStatus(statusText(response, offset));
      results.replaceChildren(...response.results.map((r) => resultItem(doc, r, { base, headingLevel })));
    },
    /**
     * The next page of an answer, added after the results shown; the status counts them all. Returns the first new item.
     * @param {ShownResponse} response
     * @param {number} firstOffset the offset of the first result shown
     */
    append(response, firstOffset) {
      shown = [...shown, ...response.results];
      showStatus(statusText({ ...response, results: shown }, firstOffset));
      const items = response.results.map((r) => resultItem(doc, r, { base, headingLevel }));
      results.append(...items);
      return items[0] ?? null;
    },
    /**
     * Results the server rendered, as if shown by `show` (so a next page counts them).
     * @param {number} count
     */
    adopt(count) {
      shown = /** @type {ShownResult[]} */ (new Array(count).fill(null));
    },
    /** @param {string} message */
    showError(message) {
      shown = [];
      showStatus(message, 'error');
      results.replaceChildren();
    },
    clear() {
      shown = [];
      showStatus('');
      results.replaceChildren();
    },
    /** @param {boolean} busy */
    setBusy(busy) {
      if (busy) results.setAttribute('aria-busy', 'true');
      else results.removeAttribute('aria-busy');
    },
    /**
     * Adds "Meinten Sie: …?" to the status line, the correction as a link that searches for it.
     * @param {string} query
     */
    offer(query) {
      const link = el(doc, 'a', { href: queryHref(base, query), 'data-query': query }, query);
      status.append(' ', el(doc, 'span', { class: 'did-you-mean' }, 'Meinten Sie: ', link, '?'));
    },
    /**
     * Adds the ways out of a search that found nothing to the status line (the page shows them beside its
     * facets): "Stattdessen suchen: Ukraine (ohne Rubrik: Sport · 310 Treffer)", each a link that searches for it.
     * @param {readonly import('../src/render/controls').ShownAlternative[] | undefined} alternatives
     */
    offerAlternatives(alternatives) {
      const ways = alternativeViews(base, 'relevance', alternatives);
      if (ways.length === 0) return;
      const parts = ways.flatMap((a, i) => [
        i > 0 ? '; ' : ' ',
        el(doc, 'a', { href: a.href, 'data-query': a.query }, a.query),
        ` (${a.note} · ${a.count})`,
      ]);
      status.append(' ', el(doc, 'span', { class: 'alternatives' }, ALTERNATIVES_LABEL, ...parts));
    },
  };
}
