import type { SearchResponse } from '../search';

const BOLD = '\x1b[1m';
const MARK = '\x1b[1;33m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Results for a person in a terminal: `<mark>` becomes colour, or `[…]` when piped. */
export function renderForTerminal(response: SearchResponse, color: boolean): string {
  const lines = [`${response.total} results for "${response.query}" (${response.tookMs} ms)`, ''];
  response.results.forEach((r, i) => {
    const head = `${i + 1}. ${r.title}`;
    lines.push(color ? `${BOLD}${head}${RESET}` : head);
    const where = `${r.id}#${r.paragraph} · score ${r.score}${r.date ? ` · ${r.date}` : ''}`;
    lines.push(color ? `   ${DIM}${where}${RESET}` : `   ${where}`);
    lines.push(`   ${snippetToText(r.snippet, color)}`);
    for (const m of r.more ?? []) lines.push(`   + #${m.paragraph}: ${snippetToText(m.snippet, color)}`);
    lines.push('');
  });
  return lines.join('\n') + '\n';
}

function snippetToText(html: string, color: boolean): string {
  return html
    .replace(/<mark>/g, color ? MARK : '[')
    .replace(/<\/mark>/g, color ? RESET : ']')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);
}
