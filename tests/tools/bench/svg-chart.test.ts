import { describe, expect, it } from 'vitest';
import { chartSvg, logTicks, type Panel } from '../../../tools/bench/svg-chart';

/** A small well-formedness check: every tag closes in order, attributes are quoted, no raw `<` or `&` in text. */
function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let at = 0;
  for (const m of xml.matchAll(tag)) {
    const text = xml.slice(at, m.index);
    expect(text, `text before <${m[2]}>`).not.toMatch(/[<>]|&(?!(amp|lt|gt|quot);)/);
    at = m.index + m[0].length;
    if (m[1]) expect(stack.pop(), `closing </${m[2]}>`).toBe(m[2]);
    else if (!m[4]) stack.push(m[2]!);
  }
  expect(xml.slice(at).trim()).toBe('');
  expect(stack).toEqual([]);
}

const panel: Panel = {
  title: 'Latency <p50> & more',
  xLabel: 'paragraphs',
  yLabel: 'ms',
  series: [
    { name: 'ours', color: '#1f77b4', points: [[1000, 0.5], [10000, 2], [200000, 40]] },
    { name: 'MiniSearch "default"', color: '#ff7f0e', dashed: true, points: [[1000, 1], [10000, NaN], [50000, 30]] },
  ],
  rules: [{ y: 128, label: 'isolate 128 MB' }],
};

describe('chartSvg', () => {
  it('is one well-formed SVG document with a polyline per series and escaped text', () => {
    const svg = chartSvg([panel, panel], 'caption & date');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    assertWellFormed(svg);
    expect(svg.match(/<polyline /g)).toHaveLength(4);
    expect(svg).toContain('Latency &lt;p50&gt; &amp; more');
    expect(svg).toContain('MiniSearch &quot;default&quot;');
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('catches a broken document (the checker can fail)', () => {
    expect(() => assertWellFormed('<svg><g></svg>')).toThrow();
    expect(() => assertWellFormed('<svg><text>a < b</text></svg>')).toThrow();
  });
});

describe('logTicks', () => {
  it('gives powers of ten across decades and 1-2-5 within two', () => {
    expect(logTicks(500, 300000)).toEqual([1000, 10000, 100000]);
    expect(logTicks(0.8, 60)).toEqual([1, 2, 5, 10, 20, 50]);
  });
});
