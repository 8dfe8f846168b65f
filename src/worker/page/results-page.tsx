import { raw } from 'hono/html';
import type { FC } from 'hono/jsx';
import {
  activeFilters,
  ALTERNATIVES_LABEL,
  alternativeViews,
  DATE_RANGE_LABELS,
  dateRangeFields,
  facetViews,
  MORE_LABEL,
  nextPage,
  sortLinks,
  TO_FACETS_LABEL,
  type FacetView,
  type SortOrder,
} from '../../render/controls';
import { PAID_LABEL, resultView, statusText, type Segment } from '../../render/results';
import type { SearchResult } from '../../search';
import type { AnsweredSearch } from '../../search/relax';
import type { PageParams } from '../params';

/**
 * The search page, rendered on the server: the form works without
 * JavaScript (`GET /?q=…`), results are shareable links, and the script
 * (public/search.js) takes over for search-as-you-type when it loads.
 * JSX escapes every text; highlights are built from the API's offsets, so
 * no corpus or query text is ever inserted as HTML.
 *
 * What a result and each control show comes from src/render/ (results.ts,
 * controls.ts), as in the browser; the markup is the one public/
 * render-results.js and public/page-controls.js build there (same elements,
 * attributes in the same order, same texts), so a server-rendered page and
 * a live one are identical and the script can leave server-rendered results
 * in place. Every region the script updates is always there (hidden when
 * empty), with its id.
 *
 * It starts with the HTML5 doctype: without it browsers render the page in
 * quirks mode (old box model, line heights and table sizing).
 */
export const ResultsPage: FC<{ page: PageParams; response: AnsweredSearch | null; limit: number; maxOffset: number }> = ({ page, response, limit, maxOffset }) => {
  const query = page.q;
  const sort: SortOrder = page.search?.sort ?? 'relevance';
  const offset = page.search?.offset ?? 0;
  const filters = response ? activeFilters('', query, sort) : [];
  const alternatives = alternativeViews('', sort, response?.alternatives);
  const facets = response ? facetViews('', query, sort, response) : [];
  const more =
    response && page.search
      ? nextPage('', query, sort, { offset, limit: page.search.limit, shown: response.results.length, total: response.total, totalExact: response.totalExact }, maxOffset)
      : null;
  return (
    <>
      {raw('<!DOCTYPE html>')}
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
                {sort === 'date' ? <input type="hidden" name="sort" value="date" /> : null}
                <button type="submit">Suchen</button>
              </div>
            </form>
            <div class="layout">
              <div class="answer-head">
                <p id="status" class={page.error ? 'status error' : 'status'} role="status">
                  {page.error ?? (response ? statusText(response, offset) : '')}
                </p>
                <nav id="sort" class="sort" aria-label="Sortierung" hidden={!response}>
                  {response
                    ? sortLinks('', query, sort).map((link) => (
                        <a href={link.href} aria-current={link.current ? 'true' : undefined}>
                          {link.label}
                        </a>
                      ))
                    : null}
                </nav>
                <a id="to-facets" class="to-facets" href="#facets" hidden={!response}>
                  {TO_FACETS_LABEL}
                </a>
              </div>
              <ul id="filters" class="active-filters" aria-label="Aktive Filter" hidden={filters.length === 0}>
                {filters.map((f) => (
                  <li>
                    <a href={f.href}>
                      {f.label}
                      <span class="remove"> entfernen</span>
                    </a>
                  </li>
                ))}
              </ul>
              <div id="alternatives" class="alternatives" hidden={alternatives.length === 0}>
                <p>{ALTERNATIVES_LABEL}</p>
                <ul>
                  {alternatives.map((a) => (
                    <li>
                      <a href={a.href}>{a.query}</a>
                      <span class="alternative-note">
                        {a.note} · {a.count}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
              <ol id="results" class="results">
                {response?.results.map((r) => <Result result={r} />)}
              </ol>
              <p id="more" class="more" data-limit={String(page.search?.limit ?? limit)} data-max-offset={String(maxOffset)} hidden={!more}>
                {more ? (
                  <a href={more.href} data-offset={String(more.offset)}>
                    {MORE_LABEL}
                  </a>
                ) : null}
              </p>
              <aside id="facets" class="facets" aria-label="Filter" hidden={!response}>
                {facets.map((facet) => (
                  <Facet facet={facet} />
                ))}
                {response ? <DateRange query={query} sort={sort} /> : null}
              </aside>
            </div>
          </main>
        </body>
      </html>
    </>
  );
};

/** One facet: section.facet > h2, ul > li > a (value, span.count). */
const Facet: FC<{ facet: FacetView }> = ({ facet }) => (
  <section class="facet">
    <h2>{facet.label}</h2>
    <ul>
      {facet.values.map((v) => (
        <li>
          <a href={v.href} aria-current={v.current ? 'true' : undefined}>
            {v.label}
            <span class="count">{v.count}</span>
          </a>
        </li>
      ))}
    </ul>
  </section>
);

/** The date range: a GET form of its own (the server turns from/to into the query's date filter). */
const DateRange: FC<{ query: string; sort: SortOrder }> = ({ query, sort }) => {
  const fields = dateRangeFields(query);
  return (
    <form class="date-range" action="/" method="get">
      <input type="hidden" name="q" value={query} />
      {sort === 'date' ? <input type="hidden" name="sort" value="date" /> : null}
      <fieldset>
        <legend>{DATE_RANGE_LABELS.legend}</legend>
        <label for="from">{DATE_RANGE_LABELS.from}</label>
        <input id="from" name="from" type="date" value={fields.from} />
        <label for="to">{DATE_RANGE_LABELS.to}</label>
        <input id="to" name="to" type="date" value={fields.to} />
        <button type="submit">{DATE_RANGE_LABELS.apply}</button>
      </fieldset>
    </form>
  );
};

/** One result: li.result > h2.result-title, p.result-meta, p.result-snippet, details.result-more, ul.result-tags. */
const Result: FC<{ result: SearchResult }> = ({ result }) => {
  const view = resultView(result);
  return (
    <li class="result">
      <h2 class="result-title">
        {view.href ? <a href={view.href}>{view.title}</a> : view.title}
        {view.paid ? <span class="plus">{PAID_LABEL}</span> : null}
      </h2>
      {view.meta.length > 0 ? (
        <p class="result-meta">{view.meta.map((part) => (part.datetime ? <time datetime={part.datetime}>{part.text}</time> : part.text))}</p>
      ) : null}
      <p class={view.withheld ? 'result-snippet withheld' : 'result-snippet'}>
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
