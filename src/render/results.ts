/**
 * How search results are shown, for every place that shows them: the page
 * the Worker renders (src/worker/page/results-page.tsx), the search box in
 * the browser (public/, bundled with this module by `npm run build`), the
 * terminal (src/cli/render-terminal.ts), docs/SNIPPETS.md
 * (tools/snippets/snippets-doc.ts) and the API's `snippet` HTML
 * (src/search/snippet.ts).
 *
 * Pure functions over the API's JSON: no DOM, no Node, nothing parsed back
 * out of HTML. Every renderer starts from offsets (`highlights` and
 * `snippetRange` into `text`) and turns the parts this module describes into
 * its own output, so the same result looks the same everywhere.
 */

/** What a snippet is made from: the paragraph, its matches and the window shown, as [start, end) offsets into `text`. */
export interface Excerpt {
  text: string;
  highlights: ReadonlyArray<readonly [number, number]>;
  snippetRange: readonly [number, number];
}

/** The fields of a search result (the API's JSON) that are shown. */
export interface ShownResult extends Excerpt {
  title: string;
  url: string | null;
  date: string | null;
  source: string | null;
  tags: readonly string[];
  /** `paid`: only its free paragraphs are shown (the engine returns the others without text). */
  access?: 'free' | 'paid';
  more?: readonly Excerpt[];
}

/** The fields of a search answer (the API's JSON) that are shown. */
export interface ShownResponse {
  query: string;
  total: number;
  /** False when `total` is a lower bound ("mehr als"); exact when absent. */
  totalExact?: boolean;
  tookMs: number;
  results: readonly ShownResult[];
}

/** A run of a snippet's text, marked when it matched. */
export interface Segment {
  text: string;
  mark: boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values: the one place entities are written. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Where text was cut off before or after the window shown. */
export const ELLIPSIS = '…';

/**
 * The snippet as runs of text, marked where it matched: the window
 * `snippetRange` of `text`, with `…` where it was cut, matches clipped to
 * the window.
 */
export function snippetSegments({ text, highlights, snippetRange: [from, to] }: Excerpt): Segment[] {
  const segments: Segment[] = [];
  const push = (part: string, mark = false) => {
    if (part) segments.push({ text: part, mark });
  };
  if (from > 0) push(ELLIPSIS);
  let at = from;
  for (const [start, end] of highlights) {
    const s = Math.max(start, at);
    const e = Math.min(end, to);
    if (e <= s) continue;
    push(text.slice(at, s));
    push(text.slice(s, e), true);
    at = e;
  }
  push(text.slice(at, to));
  if (to < text.length) push(ELLIPSIS);
  return segments;
}

/** The snippet as HTML: escaped text with matches in `<mark>` (the API's `snippet`). */
export function snippetHtml(excerpt: Excerpt): string {
  return snippetSegments(excerpt)
    .map((s) => (s.mark ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text)))
    .join('');
}

const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];

/** `2024-11-13` → `13. November 2024`; `2024-11` → `November 2024`; anything else as it is. */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(date);
  const month = m && MONTHS[Number(m[2]) - 1];
  if (!m || !month) return date;
  return m[3] ? `${Number(m[3])}. ${month} ${m[1]}` : `${month} ${m[1]}`;
}

/** Milliseconds the German way, two significant decimals below 1: `0,04`, `2,3`, `12`. */
export function formatMs(ms: number): string {
  const digits = ms >= 10 ? 0 : ms >= 1 ? 1 : 2;
  const rounded = Math.max(Number(ms.toFixed(digits)), 0.01);
  return String(rounded).replace('.', ',');
}

/** Whole numbers the German way: `2.340`, `1.000.000`. */
export function formatNumber(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, '.');
}

/**
 * How many results there are and which of them are shown: `3 Treffer` when
 * all are, `11–20 von 2.340 Treffern` for a page of them, `1–10 von mehr als
 * 1.000 Treffern` when the total is only a lower bound. `offset`: results
 * before the first one shown.
 */
export function countText(response: Pick<ShownResponse, 'total' | 'totalExact' | 'results'>, offset = 0): string {
  const exact = response.totalExact !== false;
  const shown = response.results.length;
  const total = `${exact ? '' : 'mehr als '}${formatNumber(response.total)}`;
  if (shown === 0) return `Keine weiteren Treffer (insgesamt ${total})`;
  if (offset === 0 && exact && shown === response.total) return `${total} Treffer`;
  return `${formatNumber(offset + 1)}–${formatNumber(offset + shown)} von ${total} ${exact && response.total === 1 ? 'Treffer' : 'Treffern'}`;
}

/** The status line over the results: what was found, and how fast. */
export function statusText(response: Pick<ShownResponse, 'query' | 'total' | 'totalExact' | 'tookMs' | 'results'>, offset = 0): string {
  if (response.total === 0 && response.results.length === 0) return `Keine Treffer für „${response.query}“.`;
  return `${countText(response, offset)} (${formatMs(response.tookMs)} ms)`;
}

/** What a paid article's result says where its matching paragraph is not shown. */
export const PAID_TEXT = 'Der passende Absatz steht im Plus-Teil des Artikels.';

/** The mark of a paid article. */
export const PAID_LABEL = 'Plus';

/** The label of an article's further matching paragraphs. */
export function moreLabel(n: number): string {
  return n === 1 ? '1 weiterer passender Absatz' : `${n} weitere passende Absätze`;
}

/** The query that finds an article's tag: `tag:NATO`, `tag:"Mark Rutte"`. */
export function tagQuery(tag: string): string {
  const clean = tag.replace(/"/g, '');
  return /\s/.test(clean) ? `tag:"${clean}"` : `tag:${clean}`;
}

/**
 * The search page's address for a query, with its order and page when they
 * are not the defaults. A lone surrogate (from a corpus file's tag) would
 * make encodeURIComponent throw; it becomes U+FFFD, as browsers encode it,
 * so one bad tag cannot break every page that shows it.
 */
export function queryHref(base: string, q: string, { sort = 'relevance', offset = 0 }: { sort?: string; offset?: number } = {}): string {
  const sortPart = sort === 'relevance' ? '' : `&sort=${encodeURIComponent(sort)}`;
  const offsetPart = offset > 0 ? `&offset=${offset}` : '';
  return `${base}/?q=${encodeURIComponent(q.toWellFormed())}${sortPart}${offsetPart}`;
}

/** Only http(s) links: a `javascript:` URL from a corpus file must not become a link. */
export function safeUrl(url: string | null | undefined): string | null {
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

/** What a reader is told about an answer of the API that is not a result list, by its error code. */
export const ERROR_MESSAGES: Readonly<Record<string, string>> = {
  missing_query: 'Bitte einen Suchbegriff eingeben.',
  query_too_long: 'Die Suchanfrage ist zu lang.',
  too_many_terms: 'Die Suchanfrage hat zu viele Wörter.',
  invalid_limit: 'Die Anzahl der Treffer pro Seite ist ungültig.',
  invalid_offset: 'Die Seitenangabe ist ungültig.',
  invalid_group: 'Die Suchanfrage ist ungültig.',
  invalid_recency: 'Die Suchanfrage ist ungültig.',
  invalid_sort: 'Diese Sortierung gibt es nicht.',
  invalid_facets: 'Diese Filter gibt es nicht.',
  invalid_date: 'Bitte ein Datum wie 2024-11-13 angeben.',
  invalid_encoding: 'Die Adresse der Suche ist fehlerhaft kodiert.',
  rate_limited: 'Zu viele Anfragen – bitte einen Moment warten.',
  index_unavailable: 'Der Suchindex ist gerade nicht verfügbar.',
};

/** When the API could not be reached at all (network down, a site not in ALLOWED_ORIGINS). */
export const UNREACHABLE_MESSAGE = 'Die Suche ist gerade nicht erreichbar.';

/** The message for an error code; a code without one of its own (or none) gets a general one. */
export function errorMessage(code: string | null | undefined): string {
  return (code && Object.hasOwn(ERROR_MESSAGES, code) ? ERROR_MESSAGES[code] : undefined) ?? 'Die Suche hat einen Fehler gemeldet.';
}

/** A piece of a result's meta line: text, a date to put in a `<time datetime>` element. */
export interface MetaPart {
  text: string;
  datetime?: string;
}

/** A tag of the article, as a link that searches for it. */
export interface TagLink {
  label: string;
  query: string;
  href: string;
}

/** One result as every renderer shows it, element by element; each renderer only turns these parts into its output. */
export interface ResultView {
  title: string;
  /** A paid article: marked "Plus" beside the title. */
  paid: boolean;
  /** The matching paragraph is a paid one that is not shown: the snippet says so instead. */
  withheld: boolean;
  /** The article's address, when it is a safe (http or https) link. */
  href: string | null;
  /** Date and source (`13. November 2024 · Agentur`); empty when the article has neither. */
  meta: MetaPart[];
  snippet: Segment[];
  /** The article's further matching paragraphs, folded under the best one; null when there are none. */
  more: { label: string; snippets: Segment[][] } | null;
  tags: TagLink[];
}

/** The parts of one result; `base` is the search page's origin for tag links ('' for the same origin). */
export function resultView(result: ShownResult, base = ''): ResultView {
  const meta: MetaPart[] = [];
  if (result.date) meta.push({ text: formatDate(result.date), datetime: result.date });
  if (result.date && result.source) meta.push({ text: ' · ' });
  if (result.source) meta.push({ text: result.source });
  const paid = result.access === 'paid';
  const withheld = paid && result.text === '';
  // A paid article's paragraphs beyond its free ones come without text: they are not shown, and a best one without text says why.
  const more = (result.more ?? []).filter((m) => !paid || m.text !== '');
  return {
    title: result.title,
    paid,
    withheld,
    href: safeUrl(result.url),
    meta,
    snippet: withheld ? [{ text: PAID_TEXT, mark: false }] : snippetSegments(result),
    more: more.length > 0 ? { label: moreLabel(more.length), snippets: more.map(snippetSegments) } : null,
    tags: result.tags.map((tag) => {
      const query = tagQuery(tag);
      return { label: tag, query, href: queryHref(base, query) };
    }),
  };
}
