import { describe, expect, it } from 'vitest';
import { countParagraphs, sampleCorpus, splitSentences, SYNTHETIC_PREFIX } from '../../../tools/bench/corpus-sample';
import { article } from '../../fixtures';

const real = Array.from({ length: 20 }, (_, i) =>
  article(`a${i}`, [`Satz eins von Artikel ${i}. Am 4. Juni geschah etwas in Stadt ${i}! Wer war es?`, `Zweiter Absatz ${i}.`]),
);

describe('splitSentences', () => {
  it('splits at sentence ends but not after an ordinal number', () => {
    expect(splitSentences('Satz eins. Am 4. Juni geschah es! Wer war es?')).toEqual(['Satz eins.', 'Am 4. Juni geschah es!', 'Wer war es?']);
  });
});

describe('sampleCorpus', () => {
  it('gives exactly the size asked, real paragraphs only while the real corpus suffices', () => {
    const small = sampleCorpus(real, 7, 1);
    expect(countParagraphs(small)).toBe(7);
    const realTexts = new Set(real.flatMap((a) => a.paragraphs));
    for (const p of small.flatMap((a) => a.paragraphs)) expect(realTexts.has(p)).toBe(true);
  });

  it('keeps the whole real corpus as it is at its own size', () => {
    expect(sampleCorpus(real, 40, 1)).toEqual(real);
  });

  it('grows past the real corpus with new paragraphs made of real sentences', () => {
    const grown = sampleCorpus(real, 100, 1);
    expect(countParagraphs(grown)).toBe(100);
    expect(grown.slice(0, real.length)).toEqual(real);
    const synthetic = grown.slice(real.length);
    expect(synthetic.every((a) => a.id.startsWith(SYNTHETIC_PREFIX) && a.paragraphs.length === 1)).toBe(true);
    const realSentences = new Set(real.flatMap((a) => a.paragraphs.flatMap(splitSentences)));
    for (const a of synthetic) for (const s of splitSentences(a.paragraphs[0]!)) expect(realSentences.has(s)).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(sampleCorpus(real, 100, 7)).toEqual(sampleCorpus(real, 100, 7));
    expect(sampleCorpus(real, 100, 7)).not.toEqual(sampleCorpus(real, 100, 8));
    expect(sampleCorpus(real, 9, 7)).not.toEqual(sampleCorpus(real, 9, 8));
  });

  it('refuses a size that is not a positive whole number', () => {
    expect(() => sampleCorpus(real, 0, 1)).toThrow(/positive whole number/);
  });
});
