import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/analysis/tokenizer';

const terms = (text: string) => tokenize(text).map((t) => t.term);

describe('tokenize', () => {
  it('splits on whitespace and punctuation and keeps offsets into the original text', () => {
    const text = 'Die NATO, "jeden Dollar".';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.term)).toEqual(['Die', 'NATO', 'jeden', 'Dollar']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.term);
    expect(tokens.map((t) => t.position)).toEqual([0, 1, 2, 3]);
  });

  it('keeps hyphenated compounds whole (joined) and by their parts', () => {
    const tokens = tokenize('NATO-Generalsekretär Rutte');
    expect(tokens.map((t) => [t.term, t.position])).toEqual([
      ['NATOGeneralsekretär', 0],
      ['NATO', 0],
      ['Generalsekretär', 1],
      ['Rutte', 2],
    ]);
    expect(tokens[0]).toMatchObject({ start: 0, end: 20 });
  });

  it('treats the non-breaking hyphen U+2011 and U+2010 like a hyphen', () => {
    expect(terms('US\u2011Dollar Biden\u2010Regierung')).toEqual(['USDollar', 'US', 'Dollar', 'BidenRegierung', 'Biden', 'Regierung']);
  });

  it('does not split a word at a soft hyphen or zero-width space', () => {
    const tokens = tokenize('Betrach\u00ADtet Wort\u200Bteil');
    expect(tokens.map((t) => t.term)).toEqual(['Betrach\u00ADtet', 'Wort\u200Bteil']);
  });

  it('splits at NBSP and treats a dangling hyphen as punctuation', () => {
    expect(terms('Kiew\u00A0senden - Nord- und Südkorea')).toEqual(['Kiew', 'senden', 'Nord', 'und', 'Südkorea']);
  });

  it('keeps letters outside the BMP together and never splits a surrogate pair', () => {
    const text = 'a 𝔘𝔫𝔦 😀 b';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.term)).toEqual(['a', '𝔘𝔫𝔦', 'b']);
  });

  it('returns nothing for text without words', () => {
    expect(tokenize('  ,.;!? -- ')).toEqual([]);
    expect(tokenize('')).toEqual([]);
  });

  it('is linear on long hostile input', () => {
    const text = 'a-'.repeat(50_000) + '\u00AD'.repeat(50_000);
    const tokens = tokenize(text);
    expect(tokens.length).toBe(50_001);
  });

  it('takes a character of the BMP for part of a word exactly when Unicode calls it a letter, mark or digit', () => {
    const wordLike = /^[\p{L}\p{M}\p{N}]$/u;
    const ignorable = new Set([0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
    const wrong: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCharCode(code);
      const expected = wordLike.test(ch) && !ignorable.has(code);
      if ((tokenize(`x ${ch} y`).length === 3) !== expected) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});
