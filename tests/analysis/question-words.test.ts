import { describe, expect, it } from 'vitest';
import { isInterrogative, questionScaffolding } from '../../src/analysis/question-words';

const scaffold = (query: string) => {
  const words = query.split(' ');
  const flags = questionScaffolding(words);
  return words.filter((_, i) => flags[i]);
};

describe('question scaffolding', () => {
  it('marks interrogatives, in any spelling', () => {
    expect(scaffold('Wann starb Goethe?')).toEqual(['Wann']);
    expect(scaffold('Wofür erhielt er den Preis?')).toEqual(['Wofür']);
    expect(scaffold('wofuer erhielt er den Preis')).toEqual(['wofuer']);
    expect(isInterrogative('Weshalb')).toBe(true);
    expect(isInterrogative('Worum')).toBe(true);
    expect(isInterrogative('„Wann?')).toBe(true);
    expect(isInterrogative('Panthers')).toBe(false);
  });

  it('marks quantifiers after wie: wie viele asks for a number', () => {
    expect(scaffold('Wie viele Punkte gab die Verteidigung der Panthers ab?')).toEqual(['Wie', 'viele']);
    expect(scaffold('Wie oft gewann Bayern?')).toEqual(['Wie', 'oft']);
  });

  it('marks a general noun of answer type after an interrogative determiner', () => {
    expect(scaffold('In welchem Jahr starb Goethe?')).toEqual(['welchem', 'Jahr']);
    expect(scaffold('Was für eine Art von Musik spielte er?')).toEqual(['Was', 'Art']);
    expect(scaffold('Wie viele Jahre dauerte der Krieg?')).toEqual(['Wie', 'viele', 'Jahre']);
  });

  it('leaves content nouns after welch- alone: the paragraph names them too', () => {
    expect(scaffold('Welcher Präsident unterzeichnete das Gesetz?')).toEqual(['Welcher']);
    expect(scaffold('In welcher Stadt liegt der Dom?')).toEqual(['welcher']);
  });

  it('marks verbs of naming in a question', () => {
    expect(scaffold('Wie heißt die Hauptstadt von Peru?')).toEqual(['Wie', 'heißt']);
    expect(scaffold('Was lautet der Name des Schiffes?')).toEqual(['Was', 'lautet']);
  });

  it('finds none in a query that asks nothing', () => {
    expect(scaffold('Jahr der Wende')).toEqual([]);
    expect(scaffold('viele Jahre Krieg')).toEqual([]);
    expect(scaffold('Das Lied heißt Yesterday')).toEqual([]);
  });
});
