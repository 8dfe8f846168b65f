// Suggestions for the word being typed: the search input becomes a WAI-ARIA
// 1.2 combobox with a list box of completions, driven by keyboard and mouse.
import { wordBeingTyped } from '../src/search/parse-query';
import { el } from './dom.js';

/** @typedef {import('./search-api.js').Suggestion} Suggestion */

/** Completions are asked for from this many letters of the last word. */
export const MIN_SUGGEST = 2;
const MAX_SUGGESTIONS = 8;

/**
 * Adds the list box after `input` and handles its keys. `fetchSuggestions`
 * asks the API; `onPick` runs with the input's new value once a suggestion
 * replaced the word being typed.
 * @param {{
 *   input: HTMLInputElement,
 *   fetchSuggestions: (q: string, limit: number, signal: AbortSignal) => Promise<Suggestion[]>,
 *   onPick: (value: string) => void,
 * }} options
 */
export function suggestionList({ input, fetchSuggestions, onPick }) {
  const doc = input.ownerDocument;
  // The list box exists only with JavaScript.
  const listbox = el(doc, 'ul', { id: `${input.id}-suggestions`, role: 'listbox', class: 'suggestions', 'aria-label': 'Vorschläge' });
  listbox.hidden = true;
  input.insertAdjacentElement('afterend', listbox);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);

  /** @type {Suggestion[]} */
  let suggestions = [];
  let active = -1;
  let seq = 0;
  /** @type {AbortController | null} */
  let abort = null;
  /** False once the list was dismissed, until the next keystroke: a late answer must not reopen it. */
  let wanted = true;

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
    wanted = false;
    seq++;
    abort?.abort();
    close();
  }

  /** @param {number} i the option to highlight, -1 for none */
  function setActive(i) {
    active = i;
    listbox.querySelectorAll('[role=option]').forEach((option, j) => option.setAttribute('aria-selected', String(j === i)));
    const option = listbox.children[i];
    if (i < 0 || !option) {
      input.removeAttribute('aria-activedescendant');
    } else {
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView?.({ block: 'nearest' });
    }
  }

  /** Puts `list` in the list box, no option highlighted, leaving it open or closed as it is. @param {Suggestion[]} list */
  function render(list) {
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
  }

  /** Shows `list`: open while the input has the focus and there is something to offer. @param {Suggestion[]} list */
  function show(list) {
    render(list);
    if (list.length > 0 && isFocused()) open();
    else close();
  }

  function isFocused() {
    const root = /** @type {Document | ShadowRoot} */ (input.getRootNode());
    return root.activeElement === input;
  }

  /** Asks for completions of `value`'s last word and shows them, unless a newer call or a dismissal overtook it. */
  async function update(/** @type {string} */ value) {
    if (!wanted) return;
    const mine = ++seq;
    abort?.abort();
    const word = wordBeingTyped(value);
    if (word.length < MIN_SUGGEST) return show([]);
    abort = new AbortController();
    try {
      const list = await fetchSuggestions(value, MAX_SUGGESTIONS, abort.signal);
      if (mine !== seq) return;
      // A lone suggestion that is just what was typed offers nothing.
      const offered = list.length === 1 && list[0]?.term.toLowerCase() === word.toLowerCase() ? [] : list;
      // Typed on since it was asked (the next request waits for a pause): only what continues the input now.
      show(input.value === value ? offered : continuing(offered, input.value));
    } catch (error) {
      if (mine === seq && !isAbort(error)) show([]);
    }
  }

  /** @param {number} i */
  function pick(i) {
    const s = suggestions[i];
    if (!s) return;
    // Only the word itself is replaced: a minus in front of it (`-Milit`) still excludes the word picked.
    const word = wordBeingTyped(input.value);
    input.value = input.value.slice(0, input.value.length - word.length) + s.term;
    input.setSelectionRange?.(input.value.length, input.value.length);
    dismiss();
    suggestions = [];
    onPick(input.value);
  }

  /** @param {KeyboardEvent} event */
  function onKey(event) {
    const expanded = !listbox.hidden;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!expanded) {
          wanted = true;
          if (suggestions.length > 0) open();
          else update(input.value);
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
        // Close the list; keep what was typed (a search field would clear itself on Escape).
        if (expanded) event.preventDefault();
        dismiss();
        break;
      case 'Tab':
        dismiss();
        break;
    }
  }

  input.addEventListener('keydown', onKey);
  // Focus moved elsewhere in the page: close. (Not when the whole window lost focus: switching back finds the list as it was.)
  input.addEventListener('blur', () => {
    if (doc.hasFocus()) dismiss();
  });
  // Keep the focus in the input while an option is clicked.
  listbox.addEventListener('pointerdown', (event) => event.preventDefault());
  listbox.addEventListener('click', (event) => {
    const option = /** @type {Element} */ (event.target).closest('[role=option]');
    if (option) pick([...listbox.children].indexOf(option));
  });

  return {
    update,
    dismiss,
    /**
     * A keystroke: suggestions are wanted again, and no option is highlighted. Until the answer for `value`
     * arrives, the list keeps only the suggestions that continue it (a closed list stays closed).
     * @param {string} value the input's value after the keystroke
     */
    typed(value) {
      wanted = true;
      setActive(-1);
      const still = continuing(suggestions, value);
      if (still.length === suggestions.length) return;
      render(still);
      if (still.length === 0) close();
    },
  };
}

/**
 * Of `list`, the suggestions that continue the word being typed in `value`. A list is asked for one value and
 * may arrive, or still be shown, when more was typed: one for "mil" (Milliarden) must not be there to pick
 * when "militärh" is typed.
 * @param {Suggestion[]} list
 * @param {string} value
 */
function continuing(list, value) {
  const word = wordBeingTyped(value);
  if (word.length < MIN_SUGGEST) return [];
  const typed = looselyFolded(word);
  return list.filter((s) => looselyFolded(s.term).startsWith(typed));
}

/**
 * Lower case without diacritics, hyphens or soft hyphens, ß as ss and ae, oe,
 * ue as a, o, u: enough to tell whether a suggestion continues what is typed
 * (Bruess → Brüssel, US-Doll → USDollar), not the index's folding, whose word
 * lists stay on the server.
 * @param {string} text
 */
function looselyFolded(text) {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\p{M}\p{Pd}\u00AD\u200B-\u200D]/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/([aou])e/g, '$1');
}

/** @param {unknown} error */
export function isAbort(error) {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError';
}
