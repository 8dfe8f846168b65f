import type { FC } from 'hono/jsx';
import type { SearchResponse, SearchResult } from '../../search';

/**
 * The search page, rendered on the server: the form works without
 * JavaScript (`GET /?q=…`), results are shareable links, and the script
 * (public/search.js) takes over for search-as-you-type when it loads.
 * JSX escapes every text; highlights are built from the API's offsets, so
 * no corpus or query text is ever inserted as HTML.
 *
 * The markup of a result is the one public/render.js builds in the browser
 * (same elements, classes and texts), so both renderings look alike and
 * the script can leave server-rendered results in place.
 */
export const ResultsPage: FC<{ query: string; response: SearchResponse | null; error: string | null }> = ({
  query,
  response,
  error,
}) => (
  <html lang="de">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{query ? `${query} – Suche` : 'Suche'}</title>
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      <link rel="stylesheet" href="/search.css" />
      <script type="module" src="/search.js"></script>
    </head>
    <body>
      <main>
        <h1>Nachrichten durchsuchen</h1>
        <form role="search" action="/" method="get">
          <label for="q">Suchbegriff</label>
          <div class="box">
            <div class="field">
              <input id="q" name="q" type="search" value={query} autocomplete="off" spellcheck={false} placeholder="z. B. Militärhilfe" />
            </div>
            <button type="submit">Suchen</button>
          </div>
        </form>
        <p id="status" class={error ? 'status error' : 'status'} role="status">
          {error ?? (response ? statusText(response) : '')}
        </p>
        <ol id="results" class="results">
          {response?.results.map((r) => <Result result={r} />)}
        </ol>
      </main>
    </body>
  </html>
);

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

export function statusText(response: SearchResponse): string {
  if (response.total === 0) return `Keine Treffer für „${response.query}“.`;
  return `${response.total} Treffer (${formatMs(response.tookMs)} ms)`;
}

function moreLabel(n: number): string {
  return n === 1 ? '1 weiterer passender Absatz' : `${n} weitere passende Absätze`;
}

/** The query that finds an article's tag: `tag:NATO`, `tag:"Mark Rutte"`. */
export function tagQuery(tag: string): string {
  const clean = tag.replace(/"/g, '');
  return /\s/.test(clean) ? `tag:"${clean}"` : `tag:${clean}`;
}

const Result: FC<{ result: SearchResult }> = ({ result }) => {
  const href = safeUrl(result.url);
  const more = result.more ?? [];
  return (
    <li class="result">
      <h2 class="result-title">{href ? <a href={href}>{result.title}</a> : result.title}</h2>
      {result.date || result.source ? (
        <p class="result-meta">
          {result.date ? <time datetime={result.date}>{formatDate(result.date)}</time> : null}
          {result.date && result.source ? ' · ' : null}
          {result.source}
        </p>
      ) : null}
      <p class="result-snippet">
        <Segments segments={snippetSegments(result)} />
      </p>
      {more.length > 0 ? (
        <details class="result-more">
          <summary>{moreLabel(more.length)}</summary>
          <ol>
            {more.map((m) => (
              <li>
                <p class="result-snippet">
                  <Segments segments={snippetHtmlSegments(m.snippet)} />
                </p>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {result.tags.length > 0 ? (
        <ul class="result-tags" aria-label="Schlagwörter">
          {result.tags.map((tag) => (
            <li>
              <a href={`/?q=${encodeQuery(tagQuery(tag))}`} data-query={tagQuery(tag)}>
                {tag}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
};

/**
 * encodeURIComponent, but a lone surrogate (from a corpus file) becomes U+FFFD, as browsers
 * encode it, instead of throwing: one bad tag must not turn every page showing it into a 500.
 */
function encodeQuery(q: string): string {
  return encodeURIComponent(q.toWellFormed());
}

interface Segment {
  text: string;
  mark: boolean;
}

/** Text nodes and <mark> elements, escaped by JSX. */
const Segments: FC<{ segments: Segment[] }> = ({ segments }) => <>{segments.map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}</>;

/** The snippet from offsets: `highlights` and `snippetRange` into `text`. */
function snippetSegments(result: SearchResult): Segment[] {
  const [from, to] = result.snippetRange;
  const segments: Segment[] = [];
  const push = (text: string, mark = false) => {
    if (text) segments.push({ text, mark });
  };
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

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * Segments from the engine's escaped `snippet` HTML, for the `more`
 * paragraphs (which carry no offsets). A strict reader, not an HTML parser:
 * only `<mark>`, `</mark>` and the five entities of src/search/escape.ts;
 * the text is unescaped here and escaped again by JSX.
 */
function snippetHtmlSegments(html: string): Segment[] {
  const segments: Segment[] = [];
  let mark = false;
  for (const part of html.split(/(<\/?mark>)/)) {
    if (part === '<mark>') mark = true;
    else if (part === '</mark>') mark = false;
    else if (part) segments.push({ text: part.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!), mark });
  }
  return segments;
}

/** Only http(s) links: a `javascript:` URL from a corpus file must not become a link. */
function safeUrl(url: string | null): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}
