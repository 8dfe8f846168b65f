import fc from 'fast-check';
import snowball from 'snowball-stemmers';
import { describe, expect, it } from 'vitest';
import { COMPOUND_WORDS } from '../../src/analysis/data/compound-words';
import { LEMMAS } from '../../src/analysis/data/lemmas';
import { VOWEL_PAIR_WORDS, WHOLE_WORDS } from '../../src/analysis/data/word-lists';
import { snowballGermanStem } from '../../src/analysis/snowball-german';
import { runs } from '../property/arbitraries';

// The package the stems of every index so far came from: the hand-written stemmer must give the very same terms.
const reference = snowball.newStemmer('german');

/** The words of one of the generated lists (a word per line, anything after a tab dropped). */
function words(list: string): string[] {
  return list.split('\n').map((line) => line.split('\t')[0]!);
}

/** The words on which the two stemmers differ, with both stems (empty when they agree). */
function differences(all: readonly string[]): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  for (const w of all) {
    const ours = snowballGermanStem(w);
    const theirs = reference.stem(w);
    if (ours !== theirs) out.push([w, ours, theirs]);
  }
  return out;
}

describe('snowballGermanStem', () => {
  it('stems every word of the lexicon (folded and with its umlauts and ß back) as snowball-stemmers does', () => {
    const lexicon = [...words(COMPOUND_WORDS), ...words(LEMMAS), ...words(VOWEL_PAIR_WORDS), ...words(WHOLE_WORDS)];
    expect(lexicon.length).toBeGreaterThan(100_000);
    const unfolded = lexicon.filter((w) => /ae|oe|ue|ss/.test(w)).map((w) => w.replace(/ae/g, 'ä').replace(/oe/g, 'ö').replace(/ue/g, 'ü').replace(/ss/g, 'ß'));
    expect(differences(lexicon)).toEqual([]);
    expect(differences(unfolded)).toEqual([]);
  });

  it('agrees with snowball-stemmers on random words of the letters its rules look at', () => {
    const letters = 'aeiouyäöüßbdfghklmnrstczUYE'.split('');
    const word = fc.array(fc.constantFrom(...letters, 'ig', 'ung', 'end', 'lich', 'heit', 'keit', 'isch', 'nis', 'st', 'ern'), { maxLength: 10 }).map((l) => l.join(''));
    fc.assert(
      fc.property(word, (w) => {
        expect(snowballGermanStem(w)).toBe(reference.stem(w));
      }),
      runs(20_000),
    );
  });
});
