import { unescapeHtml } from '../property/arbitraries';

/** Elements the results page is made of; anything else in its HTML came from data. */
const ELEMENTS = new Set([
  'html', 'head', 'meta', 'title', 'link', 'script', 'body', 'main', 'h1', 'form', 'label', 'div', 'input', 'button', 'p',
  'ol', 'ul', 'li', 'h2', 'a', 'time', 'mark', 'details', 'summary', 'span',
  // The controls around the results: order, facets, date range.
  'nav', 'aside', 'section', 'fieldset', 'legend',
]);
const TAG = /^<(\/?)([a-z0-9]+)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*\/?>$/;
const ATTRIBUTE = /\s+([a-z-]+)(?:="([^"<>]*)")?/g;

/**
 * What is wrong with `html` as the results page: an element or attribute the
 * page does not make (an injected tag, an event handler), a script other than
 * its own, a link that is not http(s), the page's own or its link to the facets, a `<` that opens no
 * tag of the page. Empty when nothing from the data became markup.
 */
export function pageProblems(html: string): string[] {
  const problems: string[] = [];
  const body = html.replace(/^<!DOCTYPE html>/i, '');
  let scripts = 0;
  for (let at = body.indexOf('<'); at !== -1; at = body.indexOf('<', at + 1)) {
    const close = body.indexOf('>', at);
    const tag = close === -1 ? body.slice(at) : body.slice(at, close + 1);
    const m = TAG.exec(tag);
    if (!m) {
      problems.push(`not a tag of the page: ${JSON.stringify(tag.slice(0, 60))}`);
      continue;
    }
    const [, closing, name, attributes] = m;
    if (!ELEMENTS.has(name!)) problems.push(`element <${name}>`);
    if (name === 'script' && !closing) scripts++;
    for (const [, attr, value] of attributes!.matchAll(ATTRIBUTE)) {
      if (attr!.startsWith('on') || attr === 'style' || attr === 'srcdoc' || attr === 'formaction') problems.push(`attribute ${attr}`);
      if ((attr === 'href' || attr === 'src' || attr === 'action') && value !== undefined) {
        const url = unescapeHtml(value).trim();
        if (!/^(https?:\/\/|\/(?!\/)|#facets$)/i.test(url)) problems.push(`${attr}=${JSON.stringify(url.slice(0, 60))}`);
      }
    }
  }
  if (scripts !== 1) problems.push(`${scripts} scripts`);
  return problems;
}

