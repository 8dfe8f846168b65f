import { describe, expect, it } from 'vitest';
import { makeSnippet } from '../../src/search/snippet';

describe('makeSnippet', () => {
  it('shows a short paragraph whole, escaped, with marks', () => {
    const text = 'Biden <b>werde</b> "jeden Dollar" geben';
    const start = text.indexOf('Dollar');
    const s = makeSnippet(text, [{ start, end: start + 6, clause: 0 }]);
    expect(s.html).toBe('Biden &lt;b&gt;werde&lt;/b&gt; &quot;jeden <mark>Dollar</mark>&quot; geben');
    expect([s.start, s.end]).toEqual([0, text.length]);
  });

  it('picks the window with the most distinct query words and cuts at word boundaries', () => {
    const filler = 'Wort '.repeat(60);
    const text = `Alpha ${filler}Beta Gamma ${filler}Ende`;
    const at = (w: string) => text.indexOf(w);
    const s = makeSnippet(text, [
      { start: at('Alpha'), end: at('Alpha') + 5, clause: 0 },
      { start: at('Beta'), end: at('Beta') + 4, clause: 0 },
      { start: at('Gamma'), end: at('Gamma') + 5, clause: 1 },
    ]);
    expect(s.html).toContain('<mark>Beta</mark> <mark>Gamma</mark>');
    expect(s.html.startsWith('…Wort')).toBe(true);
    expect(s.html.endsWith('…')).toBe(true);
    expect(s.end - s.start).toBeLessThanOrEqual(240);
    expect(text[s.start - 1]).toBe(' ');
  });
});
