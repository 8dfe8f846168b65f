import type { FC } from 'hono/jsx';
import { resultView, statusText, type Segment } from '../../render/results';
import type { SearchResponse, SearchResult } from '../../search';

/**
 * The search page, rendered on the server: the form works without
 * JavaScript (`GET /?q=…`), results are shareable links, and the script
 * (public/search.js) takes over for search-as-you-type when it loads.
 * JSX escapes every text; highlights are built from the API's offsets, so
 * no corpus or query text is ever inserted as HTML.
 *
 * What a result shows comes from src/render/results.ts, as in the browser;
 * the markup is the one public/render-results.js builds there (same
 * elements, attributes in the same order, same texts), so a server-rendered
 * page and a live one are identical and the script can leave
 * server-rendered results in place.
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

/** One result: li.result > h2.result-title, p.result-meta, p.result-snippet, details.result-more, ul.result-tags. */
const Result: FC<{ result: SearchResult }> = ({ result }) => {
  const view = resultView(result);
  return (
    <li class="result">
      <h2 class="result-title">{view.href ? <a href={view.href}>{view.title}</a> : view.title}</h2>
      {view.meta.length > 0 ? (
        <p class="result-meta">{view.meta.map((part) => (part.datetime ? <time datetime={part.datetime}>{part.text}</time> : part.text))}</p>
      ) : null}
      <p class="result-snippet">
        <Segments segments={view.snippet} />
      </p>
      {view.more ? (
        <details class="result-more">
          <summary>{view.more.label}</summary>
          <ol>
            {view.more.snippets.map((snippet) => (
              <li>
                <p class="result-snippet">
                  <Segments segments={snippet} />
                </p>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {view.tags.length > 0 ? (
        <ul class="result-tags" aria-label="Schlagwörter">
          {view.tags.map((tag) => (
            <li>
              <a href={tag.href} data-query={tag.query}>
                {tag.label}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
};

/** Text nodes and <mark> elements, escaped by JSX. */
const Segments: FC<{ segments: Segment[] }> = ({ segments }) => <>{segments.map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}</>;
