import { alternativeViews, FACET_LABELS, PAGE_FACETS } from '../render/controls';
import { PAID_LABEL, PAID_TEXT, snippetSegments, statusText, type Excerpt } from '../render/results';
import type { SearchResult } from '../search';
import type { AnsweredSearch } from '../search/relax';

const BOLD = '\x1b[1m';
const MARK = '\x1b[1;33m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/**
 * Results for a person in a terminal: matches in colour, or in `[…]` when
 * piped. The count, the "Plus" mark and the ways out of a search that found
 * nothing read as on the page (src/render/).
 */
export function renderForTerminal(response: AnsweredSearch, color: boolean, offset = 0): string {
  const dim = (s: string) => (color ? `${DIM}${s}${RESET}` : s);
  const lines = [statusText(response, offset), ''];
  for (const [kind, facet] of PAGE_FACETS.map((k) => [k, response.facets?.[k]] as const)) {
    if (!facet?.values.length) continue;
    const values = facet.values.map((v) => `${v.value} (${facet.exact ? '' : 'ca. '}${v.count})`).join(', ');
    lines.push(dim(`${FACET_LABELS[kind]}: ${values}`));
  }
  if (response.facets) lines.push('');
  const alternatives = alternativeViews('', 'relevance', response.alternatives);
  if (alternatives.length) {
    lines.push('Stattdessen:');
    for (const a of alternatives) lines.push(`   ${a.query}  ${dim(`(${a.note} · ${a.count})`)}`);
    lines.push('');
  }
  response.results.forEach((r, i) => {
    const head = `${offset + i + 1}. ${r.title}${r.access === 'paid' ? ` [${PAID_LABEL}]` : ''}`;
    lines.push(color ? `${BOLD}${head}${RESET}` : head);
    lines.push(`   ${dim(`${r.id}#${r.paragraph} · score ${r.score}${r.date ? ` · ${r.date}` : ''}`)}`);
    lines.push(`   ${snippetText(r, r, color)}`);
    for (const m of r.more ?? []) if (m.text || r.access !== 'paid') lines.push(`   + #${m.paragraph}: ${snippetText(r, m, color)}`);
    lines.push('');
  });
  return lines.join('\n') + '\n';
}

function snippetText(result: SearchResult, excerpt: Excerpt, color: boolean): string {
  if (result.access === 'paid' && excerpt.text === '') return PAID_TEXT;
  return snippetSegments(excerpt)
    .map((s) => (!s.mark ? s.text : color ? `${MARK}${s.text}${RESET}` : `[${s.text}]`))
    .join('');
}
