// The search page's script: makes the server-rendered form (src/worker/page/
// results-page.tsx) search as you type. Without it the form still works as a
// plain GET form; with it, results, suggestions and "Meinten Sie …?" update
// in place and `?q=` stays in the address bar. The behaviour lives in
// search-box.js, shared with the embeddable box (embed.js); `npm run build`
// bundles this file with what it imports into build/assets/search.js.
import { pageControls } from './page-controls.js';
import { enhance } from './search-box.js';

const input = document.getElementById('q');
const status = document.getElementById('status');
const results = document.getElementById('results');

if (input instanceof HTMLInputElement && input.form && status && results) {
  const box = enhance({ form: input.form, input, status, results, syncUrl: true, controls: pageControls(document) });
  // Results the server rendered stay until the first keystroke: "Weitere
  // Treffer" continues from them. Only a query that found nothing is asked
  // again, for a "Meinten Sie …?" suggestion.
  const q = input.value;
  if (q.trim() && results.children.length > 0) box.paging?.showing(q, Number(new URL(location.href).searchParams.get('offset')) || 0, results.children.length);
  if (q.trim() && results.children.length === 0 && !status.classList.contains('error')) box.search(q);
}
