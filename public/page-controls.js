// The search page's controls around the results, in the browser: the order
// (Relevanz / Neueste zuerst), the filters in force, the ways out of a search
// that found nothing, the facets with their counts, the date range and the
// link to the next page. What each shows comes from src/render/controls.ts,
// as on the server; the markup is the one src/worker/page/results-page.tsx
// renders (same elements, attributes in the same order, same texts), so a
// live page and a server-rendered one are identical. Every control is a link
// or a GET form: following it loads the server-rendered page for that query
// (shareable, and the back button undoes it); only "Weitere Treffer" is taken
// over, to load the next page in place.
import {
  activeFilters,
  ALTERNATIVES_LABEL,
  alternativeViews,
  DATE_RANGE_LABELS,
  dateRangeFields,
  facetViews,
  MORE_LABEL,
  nextPage,
  PAGE_FACETS,
  sortLinks,
} from '../src/render/controls';
import { el } from './dom.js';

/** @typedef {import('../src/render/controls').SortOrder} SortOrder */
/** @typedef {import('../src/render/controls').FacetView} FacetView */
/** @typedef {import('../src/render/controls').ShownFacet} ShownFacet */
/** @typedef {import('../src/render/controls').ShownAlternative} ShownAlternative */
/**
 * An answer of the API as the controls read it.
 * @typedef {import('../src/render/results').ShownResponse & {
 *   facets?: Partial<Record<import('../src/render/controls').FacetKind, ShownFacet>>,
 *   alternatives?: ShownAlternative[],
 * }} PageResponse
 */

/** Attributes without the ones that are absent (the server leaves out an attribute whose value is undefined). */
function attrs(/** @type {Record<string, string | undefined>} */ all) {
  return /** @type {Record<string, string>} */ (Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)));
}

/**
 * The controls of the page `doc`, found by their ids; null when the page has none (the embedded box).
 * @param {Document} doc
 */
export function pageControls(doc) {
  const sort = doc.getElementById('sort');
  const filters = doc.getElementById('filters');
  const alternatives = doc.getElementById('alternatives');
  const more = doc.getElementById('more');
  const facets = doc.getElementById('facets');
  const toFacets = doc.getElementById('to-facets');
  const form = /** @type {HTMLFormElement | null} */ (doc.querySelector('form[role=search]'));
  if (!sort || !filters || !alternatives || !more || !facets || !toFacets || !form) return null;
  /** The order the page shows: kept by the search form in a hidden field when it is not the default. */
  const order = () => /** @type {SortOrder} */ (form.elements.namedItem('sort') instanceof HTMLInputElement ? 'date' : 'relevance');

  /** @param {HTMLElement} node @param {boolean} empty */
  const hide = (node, empty) => {
    if (empty) node.setAttribute('hidden', '');
    else node.removeAttribute('hidden');
  };

  return {
    /** What the page asks the API for besides the query. */
    params: () => ({ sort: order(), facets: PAGE_FACETS.join(',') }),
    order,
    /**
     * Shows the controls for an answer to `q`; `offset` and `limit` of the page shown.
     * @param {string} q
     * @param {PageResponse} response
     * @param {{ offset: number, limit: number, maxOffset: number }} page
     */
    show(q, response, page) {
      const s = order();
      sort.replaceChildren(...sortLinks('', q, s).map((link) => el(doc, 'a', attrs({ href: link.href, 'aria-current': link.current ? 'true' : undefined }), link.label)));
      hide(sort, false);
      hide(toFacets, false);
      const active = activeFilters('', q, s);
      filters.replaceChildren(...active.map((f) => el(doc, 'li', {}, el(doc, 'a', { href: f.href }, f.label, el(doc, 'span', { class: 'remove' }, ' entfernen')))));
      hide(filters, active.length === 0);
      const ways = alternativeViews('', s, response.alternatives);
      alternatives.replaceChildren(
        el(doc, 'p', {}, ALTERNATIVES_LABEL),
        el(doc, 'ul', {}, ...ways.map((a) => el(doc, 'li', {}, el(doc, 'a', { href: a.href }, a.query), el(doc, 'span', { class: 'alternative-note' }, `${a.note} · ${a.count}`)))),
      );
      hide(alternatives, ways.length === 0);
      this.showMore(q, { ...page, shown: response.results.length, total: response.total, totalExact: response.totalExact });
      facets.replaceChildren(...facetViews('', q, s, response).map((f) => facetSection(doc, f)), dateRange(doc, q, s));
      hide(facets, false);
    },
    /**
     * The link to the page after the results shown, or none.
     * @param {string} q
     * @param {{ offset: number, limit: number, maxOffset: number, shown: number, total: number, totalExact?: boolean }} page
     */
    showMore(q, page) {
      const next = nextPage('', q, order(), page, page.maxOffset);
      more.replaceChildren(...(next ? [el(doc, 'a', { href: next.href, 'data-offset': String(next.offset) }, MORE_LABEL)] : []));
      hide(more, !next);
    },
    clear() {
      for (const node of [sort, filters, alternatives, more, facets]) {
        node.replaceChildren();
        hide(node, true);
      }
      hide(toFacets, true);
    },
    /** The "Weitere Treffer" link's region, to listen for its clicks. */
    more,
  };
}

/**
 * One facet: section.facet > h2, ul > li > a (value, span.count).
 * @param {Document} doc
 * @param {FacetView} facet
 */
function facetSection(doc, facet) {
  const values = facet.values.map((v) =>
    el(doc, 'li', {}, el(doc, 'a', attrs({ href: v.href, 'aria-current': v.current ? 'true' : undefined }), v.label, el(doc, 'span', { class: 'count' }, v.count))),
  );
  return el(doc, 'section', { class: 'facet' }, el(doc, 'h2', {}, facet.label), el(doc, 'ul', {}, ...values));
}

/**
 * The date range form (a GET form of its own; the server turns from/to into the query's date filter).
 * @param {Document} doc
 * @param {string} q
 * @param {SortOrder} sort
 */
function dateRange(doc, q, sort) {
  const fields = dateRangeFields(q);
  const hidden = [el(doc, 'input', { type: 'hidden', name: 'q', value: q })];
  if (sort === 'date') hidden.push(el(doc, 'input', { type: 'hidden', name: 'sort', value: 'date' }));
  return el(
    doc,
    'form',
    { class: 'date-range', action: '/', method: 'get' },
    ...hidden,
    el(
      doc,
      'fieldset',
      {},
      el(doc, 'legend', {}, DATE_RANGE_LABELS.legend),
      el(doc, 'label', { for: 'from' }, DATE_RANGE_LABELS.from),
      el(doc, 'input', { id: 'from', name: 'from', type: 'date', value: fields.from }),
      el(doc, 'label', { for: 'to' }, DATE_RANGE_LABELS.to),
      el(doc, 'input', { id: 'to', name: 'to', type: 'date', value: fields.to }),
      el(doc, 'button', { type: 'submit' }, DATE_RANGE_LABELS.apply),
    ),
  );
}
