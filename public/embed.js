// The embeddable search box: <de-search endpoint="https://<worker>"></de-search>.
//
//   <script type="module" src="https://<worker>/embed.js"></script>
//   <de-search endpoint="https://<worker>"></de-search>
//
// A custom element with its own shadow DOM: the host page's styles don't leak
// in, and ours (search.css, the page's stylesheet, loaded with <link>) don't
// leak out. No inline scripts or style attributes, so it runs under a strict
// Content Security Policy. Behaviour and rendering come from search-box.js,
// the same code as the search page; `npm run build` bundles this file with
// what it imports into build/assets/embed.js, one module to load. Attributes:
//   endpoint       the Worker's origin (default: where this script came from)
//   label          the visible label (default "Nachrichten durchsuchen")
//   placeholder    the input's placeholder (default "z. B. Militärhilfe")
//   heading-level  of result titles, 2–6 (default 3, to fit under a page's own headings)
//   query          a search to run at once
// The Worker's ALLOWED_ORIGINS var must list the embedding site's origin.
import { el } from './dom.js';
import { enhance } from './search-box.js';

const STYLESHEET = new URL('search.css', import.meta.url).href;
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

/** The Worker's address from the `endpoint` attribute: an http(s) URL, else where this script came from. */
function endpointOf(/** @type {string | null} */ value) {
  if (!value) return SCRIPT_ORIGIN;
  try {
    const url = new URL(value, document.baseURI);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return SCRIPT_ORIGIN;
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return SCRIPT_ORIGIN;
  }
}

export class DeSearchElement extends HTMLElement {
  /** @type {ReturnType<typeof enhance> | null} */
  #box = null;
  /** @type {HTMLInputElement | null} */
  #input = null;

  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const endpoint = endpointOf(this.getAttribute('endpoint'));
    const level = Number(this.getAttribute('heading-level'));
    const headingLevel = Number.isInteger(level) && level >= 2 && level <= 6 ? level : 3;

    // Shown once the stylesheet is in (or failed to load), so the box never flashes unstyled.
    const wrapper = el(document, 'div', { class: 'de-search', lang: 'de' });
    wrapper.hidden = true;
    const stylesheet = el(document, 'link', { rel: 'stylesheet', href: STYLESHEET });
    const show = () => (wrapper.hidden = false);
    stylesheet.addEventListener('load', show);
    stylesheet.addEventListener('error', show);

    const input = el(document, 'input', {
      id: 'q',
      name: 'q',
      type: 'search',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: this.getAttribute('placeholder') ?? 'z. B. Militärhilfe',
    });
    const form = el(document, 
      'form',
      { role: 'search', action: `${endpoint}/`, method: 'get' },
      el(document, 'label', { for: 'q' }, this.getAttribute('label') ?? 'Nachrichten durchsuchen'),
      el(document, 'div', { class: 'box' }, el(document, 'div', { class: 'field' }, input), el(document, 'button', { type: 'submit' }, 'Suchen')),
    );
    const status = el(document, 'p', { id: 'status', class: 'status', role: 'status' });
    const results = el(document, 'ol', { id: 'results', class: 'results' });
    wrapper.append(form, status, results);
    root.append(stylesheet, wrapper);

    this.#input = input;
    this.#box = enhance({ form, input, status, results, endpoint, headingLevel, inPlaceLinks: true });
    const query = this.getAttribute('query');
    if (query) this.search(query);
  }

  /** Runs a search in the box, as if typed. */
  search(/** @type {string} */ query) {
    if (!this.#box || !this.#input) return;
    this.#input.value = query;
    this.#box.search(query);
  }
}

if (!customElements.get('de-search')) customElements.define('de-search', DeSearchElement);
