// Shared by the search page (search.js) and the embeddable box (embed.js):
// rendering of the API's JSON and the search box's behaviour. Plain ES module,
// no build step, no framework.
//
// Nothing from the corpus or the query is ever parsed as HTML: snippets are
// text nodes and <mark> elements built from the API's highlight offsets. The
// markup matches what the server renders (src/worker/page/results-page.tsx),
// so a server-rendered page and a live one look and behave the same.

const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
const DEBOUNCE_MS = 150;
const MIN_SUGGEST = 2;
const MAX_SUGGESTIONS = 8;

// ---------------------------------------------------------------------------
// Texts and formats (the server has the same ones, in results-page.tsx)

/** `2024-11-13` → `13. November 2024`; `2024-11` → `November 2024`; anything else as it is. */
export function formatDate(date) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(date);
  const month = m && MONTHS[Number(m[2]) - 1];
  if (!month) return date;
  return m[3] ? `${Number(m[3])}. ${month} ${m[1]}` : `${month} ${m[1]}`;
}

/** Milliseconds the German way, two significant decimals below 1: `0,04`, `2,3`, `12`. */
export function formatMs(ms) {
  const digits = ms >= 10 ? 0 : ms >= 1 ? 1 : 2;
  const rounded = Math.max(Number(ms.toFixed(digits)), 0.01);
  return String(rounded).replace('.', ',');
}

export function statusText(data) {
  if (data.total === 0) return `Keine Treffer für „${data.query}“.`;
  return `${data.total} Treffer (${formatMs(data.tookMs)} ms)`;
}

export function moreLabel(n) {
  return n === 1 ? '1 weiterer passender Absatz' : `${n} weitere passende Absätze`;
}

/** The query that finds an article's tag: `tag:NATO`, `tag:"Mark Rutte"`. */
export function tagQuery(tag) {
  const clean = tag.replace(/"/g, '');
  return /\s/.test(clean) ? `tag:"${clean}"` : `tag:${clean}`;
}

/** Only http(s) links: a `javascript:` URL from a corpus file must not become a link. */
export function safeUrl(url) {
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

/** German messages for the API's error codes. */
const ERROR_MESSAGES = {
  query_too_long: 'Die Suchanfrage ist zu lang.',
  too_many_terms: 'Die Suchanfrage hat zu viele Wörter.',
  invalid_limit: 'Die Anzahl der Treffer pro Seite ist ungültig.',
  invalid_offset: 'Die Seitenangabe ist ungültig.',
  rate_limited: 'Zu viele Anfragen – bitte einen Moment warten.',
  index_unavailable: 'Der Suchindex ist gerade nicht verfügbar.',
};

// ---------------------------------------------------------------------------
// Snippets

/** The snippet as segments `{text, mark}`, from `highlights` and `snippetRange` offsets into `text`. */
export function snippetSegments(result) {
  const [from, to] = result.snippetRange;
  const segments = [];
  const push = (text, mark = false) => text && segments.push({ text, mark });
  if (from > 0) push('…');
  let at = from;
  for (const [start, end] of result.highlights) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from, at);
    const e = Math.min(end, to);
    if (e <= s) continue;
    push(result.text.slice(at, s));
    push(result.text.slice(s, e), true);
    at = e;
  }
  push(result.text.slice(at, to));
  if (to < result.text.length) push('…');
  return segments;
}

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * Segments from the API's escaped `snippet` HTML, for the `more` paragraphs
 * (which carry no offsets). A strict reader, not an HTML parser: it knows
 * only `<mark>`, `</mark>` and the five entities the API escapes with;
 * anything else stays literal text.
 */
export function snippetHtmlSegments(html) {
  const segments = [];
  let mark = false;
  for (const part of String(html).split(/(<\/?mark>)/)) {
    if (part === '<mark>') mark = true;
    else if (part === '</mark>') mark = false;
    else if (part) segments.push({ text: part.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]), mark });
  }
  return segments;
}

function appendSegments(parent, segments) {
  const doc = parent.ownerDocument;
  for (const { text, mark } of segments) {
    if (mark) {
      const m = doc.createElement('mark');
      m.textContent = text;
      parent.append(m);
    } else {
      parent.append(text);
    }
  }
  return parent;
}

// ---------------------------------------------------------------------------
// Results

function el(doc, tag, attrs = {}, ...children) {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/**
 * One result, as the server renders it:
 * li.result > h2.result-title, p.result-meta, p.result-snippet, details.result-more, ul.result-tags
 */
export function resultItem(doc, r, { base = '', headingLevel = 2 } = {}) {
  const li = el(doc, 'li', { class: 'result' });
  const href = safeUrl(r.url);
  const heading = el(doc, `h${headingLevel}`, { class: 'result-title' });
  heading.append(href ? el(doc, 'a', { href }, r.title) : r.title);
  li.append(heading);
  if (r.date || r.source) {
    const meta = el(doc, 'p', { class: 'result-meta' });
    if (r.date) meta.append(el(doc, 'time', { datetime: r.date }, formatDate(r.date)));
    if (r.date && r.source) meta.append(' · ');
    if (r.source) meta.append(r.source);
    li.append(meta);
  }
  li.append(appendSegments(el(doc, 'p', { class: 'result-snippet' }), snippetSegments(r)));
  const more = r.more ?? [];
  if (more.length > 0) {
    const list = el(doc, 'ol');
    for (const m of more) list.append(el(doc, 'li', {}, appendSegments(el(doc, 'p', { class: 'result-snippet' }), snippetHtmlSegments(m.snippet))));
    li.append(el(doc, 'details', { class: 'result-more' }, el(doc, 'summary', {}, moreLabel(more.length)), list));
  }
  if (r.tags?.length) {
    const tags = el(doc, 'ul', { class: 'result-tags', 'aria-label': 'Schlagwörter' });
    for (const tag of r.tags) {
      const q = tagQuery(tag);
      tags.append(el(doc, 'li', {}, el(doc, 'a', { href: queryHref(base, q), 'data-query': q }, tag)));
    }
    li.append(tags);
  }
  return li;
}

export function queryHref(base, q) {
  // A lone surrogate (from a corpus file's tag) would make encodeURIComponent throw; browsers show it as U+FFFD.
  return `${base}/?q=${encodeURIComponent(q.toWellFormed())}`;
}

// ---------------------------------------------------------------------------
// "Meinten Sie …?": only offered when the correction really finds something.

function fold(word) {
  return word.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss');
}

/** Edit distance counting a swap of neighbours as one edit (optimal string alignment): `ukrian` → `ukraine` is 2. */
function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** A plain word of the query that can be corrected (not a filter, operator, exclusion or phrase). */
const PLAIN_WORD = /^[\p{L}\p{N}][\p{L}\p{N}-]*$/u;
const OPERATORS = new Set(['OR', 'AND', 'NOT']);

// ---------------------------------------------------------------------------
// The search box

/**
 * Makes a search form live: search as you type (debounced, latest answer
 * wins), a WAI-ARIA 1.2 combobox with suggestions, results, and
 * "Meinten Sie …?" when nothing is found.
 *
 * `elements`: form, input, status, results (the <ol>); `endpoint`: the
 * Worker's origin ('' for the same origin); `syncUrl`: keep `?q=` in the
 * address bar (the page, not an embedded box); `headingLevel` of result
 * titles; `inPlaceLinks`: tag and correction links search in the box instead
 * of navigating (the embedded box).
 */
export function enhance({ form, input, status, results, endpoint = '', syncUrl = false, headingLevel = 2, inPlaceLinks = false }) {
  const doc = input.ownerDocument;
  const base = endpoint.replace(/\/+$/, '');
  const api = (path, params) => `${base}${path}?${new URLSearchParams(params)}`;

  // --- combobox wiring (the listbox only exists with JavaScript)
  const listbox = el(doc, 'ul', { id: `${input.id}-suggestions`, role: 'listbox', class: 'suggestions', 'aria-label': 'Vorschläge' });
  listbox.hidden = true;
  input.insertAdjacentElement('afterend', listbox);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);

  let suggestions = [];
  let active = -1;
  let searchTimer = 0;
  let searchSeq = 0;
  let searchAbort = null;
  let suggestSeq = 0;
  let suggestAbort = null;
  /** False once the list was dismissed, until the next keystroke: a late answer must not reopen it. */
  let wantSuggestions = true;

  function open() {
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  }

  /** Closes the list and drops answers still on their way, so they don't open it again. */
  function dismiss() {
    wantSuggestions = false;
    suggestSeq++;
    suggestAbort?.abort();
    close();
  }

  function setActive(i) {
    active = i;
    listbox.querySelectorAll('[role=option]').forEach((option, j) => option.setAttribute('aria-selected', String(j === i)));
    if (i < 0) {
      input.removeAttribute('aria-activedescendant');
    } else {
      const option = listbox.children[i];
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView?.({ block: 'nearest' });
    }
  }

  function showSuggestions(list) {
    suggestions = list;
    listbox.replaceChildren(
      ...list.map((s, i) =>
        el(
          doc,
          'li',
          { id: `${listbox.id}-${i}`, role: 'option', 'aria-selected': 'false' },
          el(doc, 'span', { class: 'term' }, s.term),
          el(doc, 'span', { class: 'count' }, s.count === 1 ? '1 Absatz' : `${s.count} Absätze`),
        ),
      ),
    );
    active = -1;
    input.removeAttribute('aria-activedescendant');
    if (list.length > 0 && isFocused()) open();
    else close();
  }

  function isFocused() {
    const root = input.getRootNode();
    return root.activeElement === input;
  }

  function lastWord(value) {
    return /[\p{L}\p{N}\u00AD-]+$/u.exec(value)?.[0] ?? '';
  }

  async function fetchSuggestions(q, limit, signal) {
    const res = await fetch(api('/api/suggest', { q, limit: String(limit) }), { signal, headers: { Accept: 'application/json' } });
    if (!res.ok) return [];
    return (await res.json()).suggestions ?? [];
  }

  async function suggest(value) {
    if (!wantSuggestions) return;
    const seq = ++suggestSeq;
    suggestAbort?.abort();
    const word = lastWord(value);
    if (word.length < MIN_SUGGEST) return showSuggestions([]);
    suggestAbort = new AbortController();
    try {
      const list = await fetchSuggestions(value, MAX_SUGGESTIONS, suggestAbort.signal);
      if (seq !== suggestSeq) return;
      // A lone suggestion that is just what was typed offers nothing.
      const useful = list.length === 1 && list[0].term.toLowerCase() === word.toLowerCase() ? [] : list;
      showSuggestions(useful);
    } catch (error) {
      if (seq === suggestSeq && error.name !== 'AbortError') showSuggestions([]);
    }
  }

  function pick(i) {
    const s = suggestions[i];
    if (!s) return;
    const word = lastWord(input.value);
    input.value = input.value.slice(0, input.value.length - word.length) + s.term;
    input.setSelectionRange?.(input.value.length, input.value.length);
    dismiss();
    suggestions = [];
    searchNow(input.value);
  }

  // --- searching

  function setQueryInUrl(q) {
    if (!syncUrl) return;
    const url = new URL(location.href);
    if (q.trim()) url.searchParams.set('q', q);
    else url.searchParams.delete('q');
    history.replaceState(history.state, '', url);
    doc.title = q.trim() ? `${q} – Suche` : 'Suche';
  }

  function showStatus(text, kind = '') {
    status.textContent = text;
    status.className = kind ? `status ${kind}` : 'status';
  }

  function render(data) {
    showStatus(statusText(data));
    results.replaceChildren(...data.results.map((r) => resultItem(doc, r, { base, headingLevel })));
  }

  async function search(q) {
    const seq = ++searchSeq;
    searchAbort?.abort();
    clearTimeout(searchTimer);
    if (!q.trim()) {
      results.replaceChildren();
      results.removeAttribute('aria-busy');
      showStatus('');
      return;
    }
    searchAbort = new AbortController();
    const { signal } = searchAbort;
    results.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch(api('/api/search', { q, group: 'true' }), { signal, headers: { Accept: 'application/json' } });
      const data = await res.json().catch(() => null);
      if (seq !== searchSeq) return; // a newer query is under way: this answer is stale
      if (!res.ok || !data) {
        showStatus(ERROR_MESSAGES[data?.error?.code] ?? 'Die Suche hat einen Fehler gemeldet.', 'error');
        results.replaceChildren();
        return;
      }
      render(data);
      if (data.total === 0) offerCorrection(q, seq, signal);
    } catch (error) {
      if (seq === searchSeq && error.name !== 'AbortError') {
        showStatus('Die Suche ist gerade nicht erreichbar.', 'error');
        results.replaceChildren();
      }
    } finally {
      if (seq === searchSeq) results.removeAttribute('aria-busy');
    }
  }

  function searchNow(q) {
    setQueryInUrl(q);
    return search(q);
  }

  function searchSoon(q) {
    clearTimeout(searchTimer);
    setQueryInUrl(q);
    searchTimer = setTimeout(() => {
      search(q);
      suggest(q);
    }, DEBOUNCE_MS);
  }

  /** Nearest known word by edit distance, from completions of ever shorter prefixes of `word`. */
  async function correctWord(word, signal) {
    const target = fold(word);
    const maxDistance = Math.min(3, Math.ceil(word.length / 3));
    const shortest = Math.max(MIN_SUGGEST, Math.ceil(word.length / 2));
    for (let len = word.length - 1; len >= shortest; len--) {
      const list = await fetchSuggestions(word.slice(0, len), 20, signal);
      let best = null;
      for (const s of list) {
        const d = editDistance(fold(s.term), target);
        if (d > 0 && d <= maxDistance && (!best || d < best.d)) best = { term: s.term, d };
      }
      if (best) return best.term;
    }
    return null;
  }

  /**
   * Nothing found, even with the engine's own typo tolerance. Try the nearest
   * known spelling of each plain word and offer it only if that query really
   * has results.
   */
  async function offerCorrection(q, seq, signal) {
    try {
      const tokens = q.match(/"[^"]*"?|\S+/g) ?? [];
      let changed = false;
      let tries = 0;
      const corrected = [];
      for (const token of tokens) {
        if (tries < 3 && PLAIN_WORD.test(token) && token.length >= 3 && !OPERATORS.has(token)) {
          tries++;
          const better = await correctWord(token, signal);
          if (better) {
            corrected.push(better);
            changed = true;
            continue;
          }
        }
        corrected.push(token);
      }
      if (!changed || seq !== searchSeq) return;
      const suggestion = corrected.join(' ');
      const res = await fetch(api('/api/search', { q: suggestion, limit: '1' }), { signal, headers: { Accept: 'application/json' } });
      const data = res.ok ? await res.json() : null;
      if (seq !== searchSeq || !data || data.total === 0) return;
      const link = el(doc, 'a', { href: queryHref(base, suggestion), 'data-query': suggestion }, suggestion);
      status.append(' ', el(doc, 'span', { class: 'did-you-mean' }, 'Meinten Sie: ', link, '?'));
    } catch {
      // No correction then; the "no results" message stands on its own.
    }
  }

  // --- events

  input.addEventListener('input', () => {
    wantSuggestions = true;
    setActive(-1);
    searchSoon(input.value);
  });

  input.addEventListener('keydown', (event) => {
    const expanded = !listbox.hidden;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!expanded) {
          wantSuggestions = true;
          if (suggestions.length > 0) open();
          else suggest(input.value);
          if (suggestions.length > 0) setActive(0);
        } else {
          setActive(active + 1 >= suggestions.length ? 0 : active + 1);
        }
        break;
      case 'ArrowUp':
        if (!expanded) break;
        event.preventDefault();
        setActive(active <= 0 ? suggestions.length - 1 : active - 1);
        break;
      case 'Enter':
        if (expanded && active >= 0) {
          event.preventDefault();
          pick(active);
        } else {
          dismiss();
        }
        break;
      case 'Escape':
        if (expanded) {
          // Close the list; keep what was typed (a search field would clear itself on Escape).
          event.preventDefault();
        }
        dismiss();
        break;
      case 'Tab':
        dismiss();
        break;
    }
  });

  // Focus moved elsewhere in the page: close. (Not when the whole window lost focus: switching back finds the list as it was.)
  input.addEventListener('blur', () => {
    if (doc.hasFocus()) dismiss();
  });
  // Keep the focus in the input while an option is clicked.
  listbox.addEventListener('pointerdown', (event) => event.preventDefault());
  listbox.addEventListener('click', (event) => {
    const option = event.target.closest('[role=option]');
    if (option) pick([...listbox.children].indexOf(option));
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    dismiss();
    searchNow(input.value);
  });

  if (inPlaceLinks) {
    results.addEventListener('click', searchInPlace);
    status.addEventListener('click', searchInPlace);
  } else {
    // The correction link searches in place; tag links are ordinary links to the (server-rendered) page.
    status.addEventListener('click', searchInPlace);
  }

  function searchInPlace(event) {
    const link = event.target.closest('a[data-query]');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    input.value = link.dataset.query;
    input.focus();
    searchNow(input.value);
  }

  return { search: searchNow };
}
