import { FILTER_FIELDS, type Clause, type FieldFilter, type ParsedQuery } from './query';

/** Words beyond this many are ignored: no reader types more, and each costs a lookup. */
export const MAX_CLAUSES = 32;

const OPERATORS = new Set(['OR', 'AND', '||', '&&', '|', '&']);
const FIELD_PATTERN = /^([a-z]+):(.*)$/i;
const DATE_PART = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * Parses a query as people type it. Never throws: unbalanced quotes close at
 * the end, a lone `-` or operator is ignored, an unknown `field:` is a plain
 * word, and what is left may be an empty query (which finds nothing).
 *
 * - words are ORed and ranked (`OR` and `AND` are accepted and ignored: more
 *   matched words rank higher anyway);
 * - `"…"` is a phrase; `-word` / `-"…"` / `NOT word` excludes;
 * - `tag:`, `category:`, `source:`, `id:`, `date:FROM..TO` filter on metadata
 *   (values may be quoted: `tag:"Mark Rutte"`); `-tag:…` / `NOT tag:…`
 *   drops the articles the filter would keep;
 * - the last word is a prefix (still being typed) unless the query ends in
 *   white space or punctuation.
 */
export function parseQuery(input: string): ParsedQuery {
  return scan(input).query;
}

/**
 * The parse with every clause as typed, none dropped beyond MAX_CLAUSES: what a limit on a query's size counts
 * (src/worker/params.ts), so that it counts what the parser reads and nothing else.
 */
export function parseWholeQuery(input: string): ParsedQuery {
  return scan(input, Infinity).query;
}

/** The parse, and whether the input ends in a filter's value (as the parser reads it: `tag:NA`, not `Zeit:Fra`). */
function scan(input: string, maxClauses = MAX_CLAUSES): { query: ParsedQuery; endsInFilter: boolean } {
  const query: ParsedQuery = { clauses: [], excluded: [], filters: [], excludedFilters: [] };
  const n = input.length;
  let i = 0;
  let negate = false;
  let lastTermEndsInput = false;
  let endsInFilter = false;

  /** Adds a clause unless there are `maxClauses` already; whether it was added. */
  const add = (clause: Clause): boolean => {
    if (query.clauses.length + query.excluded.length >= maxClauses) return false;
    (negate ? query.excluded : query.clauses).push(clause);
    return true;
  };

  while (i < n) {
    const c = input[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    lastTermEndsInput = false;
    endsInFilter = false;
    if (c === '-' && i + 1 < n && !isSpace(input[i + 1]!) && !negate) {
      negate = true;
      i++;
      continue;
    }
    if (c === '"') {
      const close = input.indexOf('"', i + 1);
      const end = close === -1 ? n : close;
      const text = input.slice(i + 1, end).trim();
      if (text) add({ type: 'phrase', text });
      i = end + 1;
      negate = false;
      continue;
    }
    let end = i;
    while (end < n && !isSpace(input[end]!) && input[end] !== '"') end++;
    const word = input.slice(i, end);
    i = end;

    if (OPERATORS.has(word)) {
      negate = false;
      continue;
    }
    if (word === 'NOT') {
      negate = true;
      continue;
    }
    const field = FIELD_PATTERN.exec(word);
    const name = field?.[1]!.toLowerCase();
    if (field && isFilterField(name)) {
      let value = field[2]!;
      if (value === '' && input[i] === '"') {
        const close = input.indexOf('"', i + 1);
        const valueEnd = close === -1 ? n : close;
        value = input.slice(i + 1, valueEnd);
        i = valueEnd + 1;
      }
      const filter = makeFilter(name, value.trim());
      if (filter) (negate ? query.excludedFilters : query.filters).push(filter);
      endsInFilter = i >= n;
      negate = false;
      continue;
    }
    if (/[\p{L}\p{N}]/u.test(word)) {
      // A word dropped beyond MAX_CLAUSES must not make the last word kept a prefix.
      lastTermEndsInput = add({ type: 'term', text: word, prefix: false }) && i >= n && !negate;
    }
    negate = false;
  }

  const last = query.clauses[query.clauses.length - 1];
  if (last?.type === 'term' && lastTermEndsInput && /[\p{L}\p{N}]$/u.test(last.text)) last.prefix = true;
  return { query, endsInFilter };
}

/**
 * The word being typed at the end of `input`, the one suggestions complete
 * (public/suggestions.js asks for them, src/search/suggest.ts answers): the
 * trailing run of letters, digits, soft hyphens and hyphens (`US-Dol`), but
 * not the minus signs in front of it, which exclude the word (`Ukraine -Milit`
 * → `Milit`, so that a suggestion replacing it keeps the exclusion). Empty
 * when `input` ends in white space or other punctuation, or in a filter's
 * value (`tag:NA`, `tag:"Mark Ru`): a filter is matched against article
 * metadata, and the words suggestions know are those of the text.
 */
export function wordBeingTyped(input: string): string {
  if (scan(input).endsInFilter) return '';
  let start = wordStart(input);
  while (input[start] === '-') start++;
  return input.slice(start);
}

const WORD_CHAR = /^[\p{L}\p{N}\u00AD-]$/u;

/**
 * Where the trailing run of letters, digits, soft hyphens and hyphens of
 * `input` begins. A backwards scan, not `/[…]+$/`: that regular expression
 * retries from every start and takes time quadratic in the length of a long
 * word followed by punctuation (5 s for 100k characters).
 */
function wordStart(input: string): number {
  let at = input.length;
  while (at > 0) {
    const low = input.charCodeAt(at - 1);
    const pair = at > 1 && low >= 0xdc00 && low <= 0xdfff && input.charCodeAt(at - 2) >= 0xd800 && input.charCodeAt(at - 2) <= 0xdbff;
    const width = pair ? 2 : 1;
    if (!WORD_CHAR.test(input.slice(at - width, at))) break;
    at -= width;
  }
  return at;
}

/** The white space that separates words of a query (what the parser splits on; query-edit.ts splits the same way). */
export function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0' || c === '\u3000';
}

function isFilterField(name: string | undefined): name is (typeof FILTER_FIELDS)[number] {
  return (FILTER_FIELDS as readonly string[]).includes(name ?? '');
}

function makeFilter(field: (typeof FILTER_FIELDS)[number], value: string): FieldFilter | null {
  if (!value) return null;
  if (field !== 'date') return { field, value };
  const [from, to] = value.includes('..') ? value.split('..', 2) : [value, value];
  const valid = (d: string | undefined) => (d && DATE_PART.test(d) ? d : null);
  const range = { field, from: valid(from), to: valid(to) } as const;
  return range.from || range.to ? range : null;
}
