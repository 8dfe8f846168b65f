import { snippetSegments, type Excerpt } from '../render/results';
import type { SearchResponse } from '../search';

const BOLD = '\x1b[1m';
const MARK = '\x1b[1;33m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** Results for a person in a terminal: matches in colour, or in `[…]` when piped. */
export function renderForTerminal(response: SearchResponse, color: boolean): string {
  const lines = [`${response.total} results for "${response.query}" (${response.tookMs} ms)`, ''];
  response.results.forEach((r, i) => {
    const head = `${i + 1}. ${r.title}`;
    lines.push(color ? `${BOLD}${head}${RESET}` : head);
    const where = `${r.id}#${r.paragraph} · score ${r.score}${r.date ? ` · ${r.date}` : ''}`;
    lines.push(color ? `   ${DIM}${where}${RESET}` : `   ${where}`);
    lines.push(`   ${snippetText(r, color)}`);
    for (const m of r.more ?? []) lines.push(`   + #${m.paragraph}: ${snippetText(m, color)}`);
    lines.push('');
  });
  return lines.join('\n') + '\n';
}

function snippetText(excerpt: Excerpt, color: boolean): string {
  return snippetSegments(excerpt)
    .map((s) => (!s.mark ? s.text : color ? `${MARK}${s.text}${RESET}` : `[${s.text}]`))
    .join('');
}
