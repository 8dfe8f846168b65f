import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { germanAnalyzers } from '../../src/analysis/german';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { buildMemoryIndex } from '../../src/index/memory-index';
import { search } from '../../src/search';
import { escapeHtml } from '../../src/render/results';
import { mergeSpans, type Highlight } from '../../src/search/highlight';
import { makeSnippet } from '../../src/search/snippet';
import { article } from '../fixtures';
import { hostileQuery, hostileText, piece, runs, splitsPair, unescapeHtml } from './arbitraries';

const analyzer = germanAnalyzers().index;

/** Problems with a snippet of `text`: offsets, pairs split, markup other than <mark>, text lost or invented. */
function snippetProblems(text: string, html: string, start: number, end: number): string[] {
  const problems: string[] = [];
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length)) {
    problems.push(`range [${start}, ${end}) outside [0, ${text.length}]`);
    return problems;
  }
  if (splitsPair(text, start)) problems.push(`start ${start} splits a surrogate pair`);
  if (splitsPair(text, end)) problems.push(`end ${end} splits a surrogate pair`);
  // The only markup is <mark>…</mark>, balanced and not nested; every other < > " ' & is escaped.
  const withoutMarks = html.replace(/<\/?mark>/g, '');
  if (/[<>"']/.test(withoutMarks)) problems.push('unescaped markup outside <mark>');
  if (/&(?!(amp|lt|gt|quot|#39);)/.test(withoutMarks)) problems.push('bare ampersand');
  let open = false;
  for (const tag of html.match(/<\/?mark>/g) ?? []) {
    if ((tag === '<mark>') === open) problems.push('unbalanced <mark>');
    open = tag === '<mark>';
  }
  if (open) problems.push('unclosed <mark>');
  // Unescaped, the snippet is exactly the window of the text (with … where it was cut).
  const shown = unescapeHtml(withoutMarks);
  const expected = `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  if (shown !== expected) problems.push('snippet text is not the window of the paragraph');
  // Marked text never splits a pair either.
  for (const m of html.matchAll(/<mark>(.*?)<\/mark>/g)) {
    const inner = unescapeHtml(m[1]!);
    if (/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(inner) && !/^[\uDC00-\uDFFF]/.test(text.slice(start))) {
      problems.push(`mark splits a surrogate pair: ${JSON.stringify(inner)}`);
    }
  }
  return problems;
}

/** A paragraph of hostile text, sometimes padded past the snippet length with words and emoji without spaces. */
const paragraph = fc.oneof(
  hostileText(60),
  fc.tuple(hostileText(10), fc.integer({ min: 1, max: 120 })).map(([t, n]) => (t + '😀𝐀Militärhilfe').repeat(n)),
  // No white space at all: the snippet can only be cut inside a run of astral characters.
  fc.tuple(fc.integer({ min: 0, max: 200 }), fc.constantFrom('', 'x', 'ab'), fc.integer({ min: 100, max: 400 })).map(
    ([a, lead, b]) => '😀'.repeat(a) + lead + 'Militärhilfe' + '𝐀'.repeat(b),
  ),
  fc.tuple(fc.integer({ min: 150, max: 400 }), hostileText(4)).map(([n, t]) => '😀'.repeat(n) + t + ' Militärhilfe ' + '😀'.repeat(n)),
);

describe('makeSnippet on hostile paragraphs', () => {
  it('keeps offsets inside the text, splits no surrogate pair and escapes everything but <mark>', async () => {
    fc.assert(
      fc.property(paragraph, fc.array(fc.nat(), { maxLength: 12 }), (text, picks) => {
        const tokens = analyzer.analyze(text);
        // Highlights as the engine makes them: spans of tokens (some matched), merged.
        const chosen: Highlight[] = tokens.length ? picks.map((p, i) => ({ ...tokens[p % tokens.length]!, clause: i % 3 })) : [];
        const highlights = mergeSpans(chosen);
        const s = makeSnippet(text, highlights);
        expect(snippetProblems(text, s.html, s.start, s.end)).toEqual([]);
      }),
      runs(400),
    );
  });

  it('splits no surrogate pair even when the only cut is inside a run of astral letters (regression)', async () => {
    for (const lead of ['', 'x', 'xy']) {
      const text = lead + 'Militärhilfe' + '𝐀'.repeat(300);
      const s = makeSnippet(text, [{ start: 0, end: lead.length + 12, clause: 0 }]);
      expect(snippetProblems(text, s.html, s.start, s.end)).toEqual([]);
      expect(s.html).toContain(`<mark>${lead}Militärhilfe</mark>`);
    }
  });
});

describe('escapeHtml', () => {
  it('leaves no < > " \' or bare & from the input, and can be undone exactly', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText(30), fc.string({ unit: 'binary', maxLength: 300 })), (text) => {
        const html = escapeHtml(text);
        expect(html).not.toMatch(/[<>"']/);
        expect(html).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
        expect(unescapeHtml(html)).toBe(text);
      }),
      runs(500),
    );
  });
});

describe('search over generated paragraphs', () => {
  it('answers hostile queries without throwing, with highlights and snippets inside the text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(paragraph, { minLength: 1, maxLength: 6 }),
        fc.array(fc.oneof(hostileQuery, piece), { minLength: 1, maxLength: 4 }),
        async (paragraphs, queries) => {
          const index = await buildMemoryIndex([article('a', paragraphs, { title: paragraphs[0]!.slice(0, 40) || 'a' })], { compression: zlibCompression });
          // Also a query built from the paragraphs' own words, so that something matches.
          const own = analyzer.analyze(paragraphs.join(' ')).filter((t) => t.kind === 'exact').slice(0, 3);
          const words = own.map((t) => paragraphs.join(' ').slice(t.start, t.end));
          for (const q of [...queries, words.join(' '), `"${words.join(' ')}"`]) {
            for (const group of [false, true]) {
              const response = await search(index, q, { group, limit: 5 });
              for (const r of response.results) {
                expect(snippetProblems(r.text, r.snippet, r.snippetRange[0], r.snippetRange[1])).toEqual([]);
                for (const [s, e] of r.highlights) {
                  expect(0 <= s && s < e && e <= r.text.length).toBe(true);
                  expect(splitsPair(r.text, s) || splitsPair(r.text, e)).toBe(false);
                }
                for (const m of r.more ?? []) expect(m.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"']/);
              }
            }
          }
        },
      ),
      runs(60),
    );
  });
});
