import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanParagraphs } from '../../src/corpus/normalize-paragraphs';
import { runs } from '../property/arbitraries';

describe('cleanParagraphs', () => {
  it('gives what collapsing and trimming give, also for paragraphs it finds clean already', () => {
    const chars = ['a', 'Z', '.', '„', 'ä', ' ', '  ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u3000', '\u2028', '\ufeff', '\u00ad'];
    const paragraph = fc.array(fc.constantFrom(...chars), { maxLength: 12 }).map((c) => c.join(''));
    fc.assert(
      fc.property(fc.array(paragraph, { maxLength: 4 }), (paragraphs) => {
        const expected = paragraphs.map((p) => p.replace(/[ \t\r\n\f\v]+/g, ' ').trim()).filter((p) => p !== '');
        expect(cleanParagraphs(paragraphs)).toEqual(expected);
      }),
      runs(5000),
    );
    expect(cleanParagraphs(['Die Bundesbank  wird\nermächtigt.', 'Ein Satz.', '  ', ' x '])).toEqual(['Die Bundesbank wird ermächtigt.', 'Ein Satz.', 'x']);
  });
});
