import { describe, expect, it } from 'vitest';
import {
  errorMessage,
  escapeHtml,
  formatDate,
  formatMs,
  queryHref,
  resultView,
  safeUrl,
  snippetHtml,
  snippetSegments,
  statusText,
  countText,
  formatNumber,
  PAID_TEXT,
  type ShownResult,
} from '../../src/render/results';

const text = 'Die NATO will ausreichend Militärhilfe an Kiew senden, sagte Blinken.';
const anyResult: ShownResult = { title: 'T', url: null, date: null, source: null, tags: [], text: '', highlights: [], snippetRange: [0, 0] };
const at = (word: string) => [text.indexOf(word), text.indexOf(word) + word.length] as const;

describe('escapeHtml', () => {
  it('leaves no markup characters', () => {
    expect(escapeHtml(`<script>alert('x')&"</script>`)).toBe('&lt;script&gt;alert(&#39;x&#39;)&amp;&quot;&lt;/script&gt;');
  });
});

describe('snippetSegments', () => {
  it('marks the matches of the whole paragraph', () => {
    expect(snippetSegments({ text, highlights: [at('NATO'), at('Kiew')], snippetRange: [0, text.length] })).toEqual([
      { text: 'Die ', mark: false },
      { text: 'NATO', mark: true },
      { text: ' will ausreichend Militärhilfe an ', mark: false },
      { text: 'Kiew', mark: true },
      { text: ' senden, sagte Blinken.', mark: false },
    ]);
  });

  it('shows the window with … where it was cut, and clips a match that crosses its edge', () => {
    const [from] = at('ausreichend');
    const [, to] = at('Militärhilfe');
    const segments = snippetSegments({ text, highlights: [at('NATO'), [at('Militär')[0], at('Militärhilfe')[1] + 3]], snippetRange: [from, to] });
    expect(segments).toEqual([
      { text: '…', mark: false },
      { text: 'ausreichend ', mark: false },
      { text: 'Militärhilfe', mark: true },
      { text: '…', mark: false },
    ]);
  });

  it('as HTML: escaped, matches in <mark>, the API snippet', () => {
    const hostile = 'Ein <b>"Gipfel"</b> & mehr';
    const [s, e] = [hostile.indexOf('Gipfel'), hostile.indexOf('Gipfel') + 6];
    expect(snippetHtml({ text: hostile, highlights: [[s, e]], snippetRange: [0, hostile.length] })).toBe(
      'Ein &lt;b&gt;&quot;<mark>Gipfel</mark>&quot;&lt;/b&gt; &amp; mehr',
    );
  });
});

describe('texts and formats', () => {
  it('formats dates the German way, and leaves what it does not know as it is', () => {
    expect(formatDate('2024-11-13')).toBe('13. November 2024');
    expect(formatDate('2024-11')).toBe('November 2024');
    expect(formatDate('2024-13-45')).toBe('2024-13-45');
    expect(formatDate('gestern')).toBe('gestern');
  });

  it('says how many results and how fast, or that there are none', () => {
    expect(formatMs(0.043)).toBe('0,04');
    expect(formatMs(2.34)).toBe('2,3');
    expect(formatMs(12.4)).toBe('12');
    const results = (n: number) => new Array<ShownResult>(n).fill(anyResult);
    expect(statusText({ query: 'NATO', total: 3, tookMs: 1.25, results: results(3) })).toBe('3 Treffer (1,3 ms)');
    expect(statusText({ query: 'Quantenphysik', total: 0, tookMs: 1, results: [] })).toBe('Keine Treffer für „Quantenphysik“.');
  });

  it('counts the results shown of all, the German way, and says when the total is a bound', () => {
    const results = (n: number) => new Array<ShownResult>(n).fill(anyResult);
    expect(formatNumber(7)).toBe('7');
    expect(formatNumber(2340)).toBe('2.340');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(countText({ total: 1, results: results(1) })).toBe('1 Treffer');
    expect(countText({ total: 2340, totalExact: true, results: results(10) })).toBe('1–10 von 2.340 Treffern');
    expect(countText({ total: 2340, results: results(10) }, 2330)).toBe('2.331–2.340 von 2.340 Treffern');
    expect(countText({ total: 1000, totalExact: false, results: results(10) })).toBe('1–10 von mehr als 1.000 Treffern');
    expect(countText({ total: 12, results: [] }, 20)).toBe('Keine weiteren Treffer (insgesamt 12)');
    expect(statusText({ query: 'x', total: 12, tookMs: 3, results: results(2) }, 10)).toBe('11–12 von 12 Treffern (3 ms)');
  });

  it('has a message for every error code the API documents a reader can cause, and a general one otherwise', () => {
    const general = errorMessage(undefined);
    for (const code of ['missing_query', 'query_too_long', 'too_many_terms', 'invalid_limit', 'invalid_offset', 'invalid_group', 'invalid_recency', 'invalid_date', 'invalid_encoding', 'rate_limited', 'index_unavailable']) {
      expect(errorMessage(code)).not.toBe(general);
    }
    expect(errorMessage('query_too_long')).toBe('Die Suchanfrage ist zu lang.');
    expect(errorMessage('something_new')).toBe(general);
    expect(errorMessage('constructor')).toBe(general);
  });

  it('links a tag search even when the tag holds a lone surrogate (encodeURIComponent would throw)', () => {
    expect(queryHref('', 'tag:Ukraine')).toBe('/?q=tag%3AUkraine');
    expect(queryHref('https://s.example', 'tag:a\uD800b')).toBe('https://s.example/?q=tag%3Aa%EF%BF%BDb');
    expect(queryHref('', 'tag:😀')).toBe('/?q=tag%3A%F0%9F%98%80');
  });

  it('links only http(s) URLs', () => {
    expect(safeUrl('https://example.de/a')).toBe('https://example.de/a');
    expect(safeUrl('HTTP://example.de/a')).toBe('HTTP://example.de/a');
    for (const url of ['javascript:alert(1)', ' https://example.de', '//evil.example', 'data:text/html,x', null, undefined]) expect(safeUrl(url)).toBeNull();
  });
});

describe('resultView', () => {
  const result: ShownResult = {
    title: 'Gipfel',
    url: 'javascript:alert(1)',
    date: '2024-11-13',
    source: 'Agentur',
    tags: ['NATO', 'Mark "Rutte"'],
    text,
    highlights: [at('Kiew')],
    snippetRange: [0, text.length],
    more: [{ text: 'Kiew dankt.', highlights: [[0, 4]], snippetRange: [0, 11] }],
  };

  it('gives every part a renderer shows, from the result alone', () => {
    const view = resultView(result, 'https://s.example');
    expect(view.title).toBe('Gipfel');
    expect(view.href).toBeNull();
    expect(view.meta).toEqual([{ text: '13. November 2024', datetime: '2024-11-13' }, { text: ' · ' }, { text: 'Agentur' }]);
    expect(view.snippet.filter((s) => s.mark).map((s) => s.text)).toEqual(['Kiew']);
    expect(view.more).toEqual({ label: '1 weiterer passender Absatz', snippets: [[{ text: 'Kiew', mark: true }, { text: ' dankt.', mark: false }]] });
    expect(view.tags).toEqual([
      { label: 'NATO', query: 'tag:NATO', href: 'https://s.example/?q=tag%3ANATO' },
      { label: 'Mark "Rutte"', query: 'tag:"Mark Rutte"', href: 'https://s.example/?q=tag%3A%22Mark%20Rutte%22' },
    ]);
  });

  it('leaves out what the article does not have', () => {
    const view = resultView({ ...result, url: 'https://example.de/a', date: null, source: 'Agentur', more: [], tags: [] });
    expect(view.href).toBe('https://example.de/a');
    expect(view.meta).toEqual([{ text: 'Agentur' }]);
    expect(view.more).toBeNull();
    expect(view.tags).toEqual([]);
    expect(resultView({ ...result, date: null, source: null }).meta).toEqual([]);
  });

  it('marks a paid article "Plus" and shows only its free text', () => {
    expect(resultView(result).paid).toBe(false);
    const free = resultView({ ...result, access: 'paid' });
    expect([free.paid, free.withheld]).toEqual([true, false]);
    expect(free.snippet.filter((s) => s.mark).map((s) => s.text)).toEqual(['Kiew']);
    // The engine returns a paid article's other paragraphs without text: they are not shown, the best one says why.
    const hidden = resultView({ ...result, access: 'paid', text: '', highlights: [], snippetRange: [0, 0], more: [{ text: '', highlights: [], snippetRange: [0, 0] }, result.more![0]!] });
    expect([hidden.paid, hidden.withheld]).toEqual([true, true]);
    expect(hidden.snippet).toEqual([{ text: PAID_TEXT, mark: false }]);
    expect(hidden.more?.label).toBe('1 weiterer passender Absatz');
  });
});
