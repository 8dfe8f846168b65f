// The search box: queries /api/search as the user types and renders results
// without innerHTML: text nodes and <mark> elements built from the API's
// highlight offsets, so no corpus or query text is ever parsed as HTML.
const input = document.getElementById('q');
const statusLine = document.getElementById('status');
const list = document.getElementById('results');
const form = input.form;
let controller = null;
let timer = 0;

function snippetNodes(result) {
  const [from, to] = result.snippetRange;
  const frag = document.createDocumentFragment();
  let at = from;
  if (from > 0) frag.append('…');
  for (const [start, end] of result.highlights) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    frag.append(result.text.slice(at, s));
    const mark = document.createElement('mark');
    mark.textContent = result.text.slice(s, e);
    frag.append(mark);
    at = e;
  }
  frag.append(result.text.slice(at, to));
  if (to < result.text.length) frag.append('…');
  return frag;
}

function render(data) {
  statusLine.textContent = data.total === 0
    ? `Keine Treffer für „${data.query}“.`
    : `${data.total} Treffer (${data.tookMs} ms)`;
  list.replaceChildren(...data.results.map((r) => {
    const li = document.createElement('li');
    const h = document.createElement('h2');
    h.textContent = r.title;
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = [r.date, r.source].filter(Boolean).join(' · ');
    const p = document.createElement('p');
    p.append(snippetNodes(r));
    li.append(h, meta, p);
    return li;
  }));
}

async function run(q) {
  controller?.abort();
  if (!q.trim()) {
    list.replaceChildren();
    statusLine.textContent = '';
    return;
  }
  controller = new AbortController();
  try {
    const res = await fetch(`/api/search?group=true&q=${encodeURIComponent(q)}`, { signal: controller.signal });
    const data = await res.json();
    if (!res.ok) {
      statusLine.textContent = data.error?.message ?? 'Fehler bei der Suche.';
      return;
    }
    render(data);
  } catch (error) {
    if (error.name !== 'AbortError') statusLine.textContent = 'Die Suche ist gerade nicht erreichbar.';
  }
}

input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => run(input.value), 150);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  history.replaceState(null, '', `?q=${encodeURIComponent(input.value)}`);
  run(input.value);
});
const initial = new URLSearchParams(location.search).get('q');
if (initial) {
  input.value = initial;
  run(initial);
}
