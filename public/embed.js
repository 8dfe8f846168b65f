// The embeddable search box: <de-search endpoint="https://<worker>"></de-search>.
//
//   <script type="module" src="https://<worker>/embed.js"></script>
//   <de-search endpoint="https://<worker>"></de-search>
//
// A custom element with its own shadow DOM: the host page's styles don't leak
// in, and ours (search.css, the page's stylesheet, loaded with <link>) don't
// leak out. No inline scripts or style attributes, so it runs under a strict
// Content Security Policy. Behaviour and rendering come from render.js, the
// same code as the search page. Attributes:
//   endpoint       the Worker's origin (default: where this script came from)
//   label          the visible label (default "Nachrichten durchsuchen")
//   placeholder    the input's placeholder (default "z. B. Militärhilfe")
//   heading-level  of result titles, 2–6 (default 3, to fit under a page's own headings)
//   query          a search to run at once
// The Worker's ALLOWED_ORIGINS var must list the embedding site's origin.
import { enhance } from './render.js';

const STYLESHEET = new URL('search.css', import.meta.url).href;
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

function endpointOf(value) {
  if (!value) return SCRIPT_ORIGIN;
  try {
    const url = new URL(value, document.baseURI);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return SCRIPT_ORIGIN;
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return SCRIPT_ORIGIN;
  }
}

function make(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export class DeSearchElement extends HTMLElement {
  #box = null;
  #input = null;

  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const endpoint = endpointOf(this.getAttribute('endpoint'));
    const level = Number(this.getAttribute('heading-level'));
    const headingLevel = Number.isInteger(level) && level >= 2 && level <= 6 ? level : 3;

    // Shown once the stylesheet is in (or failed to load), so the box never flashes unstyled.
    const wrapper = make('div', { class: 'de-search', lang: 'de' });
    wrapper.hidden = true;
    const stylesheet = make('link', { rel: 'stylesheet', href: STYLESHEET });
    const show = () => (wrapper.hidden = false);
    stylesheet.addEventListener('load', show);
    stylesheet.addEventListener('error', show);

    const input = make('input', {
      id: 'q',
      name: 'q',
      type: 'search',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: this.getAttribute('placeholder') ?? 'z. B. Militärhilfe',
    });
    const form = make(
      'form',
      { role: 'search', action: `${endpoint}/`, method: 'get' },
      make('label', { for: 'q' }, this.getAttribute('label') ?? 'Nachrichten durchsuchen'),
      make('div', { class: 'box' }, make('div', { class: 'field' }, input), make('button', { type: 'submit' }, 'Suchen')),
    );
    const status = make('p', { id: 'status', class: 'status', role: 'status' });
    const results = make('ol', { id: 'results', class: 'results' });
    wrapper.append(form, status, results);
    root.append(stylesheet, wrapper);

    this.#input = input;
    this.#box = enhance({ form, input, status, results, endpoint, headingLevel, inPlaceLinks: true });
    const query = this.getAttribute('query');
    if (query) this.search(query);
  }

  /** Runs a search in the box, as if typed. */
  search(query) {
    if (!this.#box) return;
    this.#input.value = query;
    this.#box.search(query);
  }
}

if (!customElements.get('de-search')) customElements.define('de-search', DeSearchElement);
