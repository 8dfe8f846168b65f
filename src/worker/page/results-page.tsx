import type { FC } from 'hono/jsx';
import type { SearchResponse, SearchResult } from '../../search';

/**
 * The search page, rendered on the server: the form works without
 * JavaScript (`GET /?q=…`), results are shareable links, and the script
 * (public/search.js) takes over for search-as-you-type when it loads.
 * JSX escapes every text; highlights are built from the API's offsets, so
 * no corpus or query text is ever inserted as HTML.
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
      <link rel="stylesheet" href="/search.css" />
      <script type="module" src="/search.js"></script>
    </head>
    <body>
      <main>
        <h1>Nachrichten durchsuchen</h1>
        <form role="search" action="/" method="get">
          <label for="q">Suchbegriff</label>
          <div class="box">
            <input id="q" name="q" type="search" value={query} autocomplete="off" spellcheck={false} placeholder="z. B. Militärhilfe" />
            <button type="submit">Suchen</button>
          </div>
        </form>
        <p id="status" role="status" aria-live="polite">
          {error ?? (response ? statusText(response) : '')}
        </p>
        <ol id="results">{response?.results.map((r) => <Result result={r} />)}</ol>
      </main>
    </body>
  </html>
);

export function statusText(response: SearchResponse): string {
  if (response.total === 0) return `Keine Treffer für „${response.query}“.`;
  return `${response.total} ${response.total === 1 ? 'Treffer' : 'Treffer'} (${response.tookMs} ms)`;
}

const Result: FC<{ result: SearchResult }> = ({ result }) => (
  <li>
    <h2>{result.url ? <a href={safeUrl(result.url)}>{result.title}</a> : result.title}</h2>
    <div class="meta">{[result.date, result.source].filter(Boolean).join(' · ')}</div>
    <p>
      <Snippet result={result} />
    </p>
  </li>
);

/** The snippet from offsets: text nodes and <mark> elements, escaped by JSX. */
const Snippet: FC<{ result: SearchResult }> = ({ result }) => {
  const [from, to] = result.snippetRange;
  const parts: Array<string | ReturnType<FC>> = [];
  if (from > 0) parts.push('…');
  let at = from;
  for (const [start, end] of result.highlights) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    parts.push(result.text.slice(at, s), <mark>{result.text.slice(s, e)}</mark>);
    at = e;
  }
  parts.push(result.text.slice(at, to));
  if (to < result.text.length) parts.push('…');
  return <>{parts}</>;
};

/** Only http(s) links: a `javascript:` URL from a corpus file must not become a link. */
function safeUrl(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? url : undefined;
}
