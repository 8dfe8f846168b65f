import { describe, expect, it } from 'vitest';
import { expansionTerms } from '../../src/search/expansion';
import { buildIndex } from '../../src/index/build';
import { search } from '../../src/search';
import { article } from '../fixtures';

const settings = { terms: 3, minParagraphs: 2, maxDocumentShare: 0.5, weight: 0.3 };

describe('expansionTerms (RM3)', () => {
  const feedback = [
    { score: 3, stems: ['grund', 'stift', 'klost', 'monch', 'klost'] },
    { score: 2, stems: ['klost', 'monch', 'abt'] },
    { score: 1, stems: ['wetter', 'klost'] },
  ];
  const df = (stem: string) => ({ klost: 3, monch: 2, abt: 1, grund: 40, stift: 1, wetter: 5 })[stem] ?? 0;

  it('takes terms shared by the best paragraphs, leaves out the query and one paragraph’s pet words', () => {
    const terms = expansionTerms(feedback, new Set(['grund']), df, 100, settings);
    expect(terms.map((t) => t.term)).toEqual(['klost', 'monch']);
    expect(terms[0]!.weight).toBeCloseTo(0.3);
    expect(terms[1]!.weight).toBeLessThan(0.3);
  });

  it('drops terms too common to tell anything', () => {
    expect(expansionTerms(feedback, new Set(), df, 5, settings).map((t) => t.term)).not.toContain('klost');
  });

  it('gives nothing without feedback', () => {
    expect(expansionTerms([], new Set(), df, 100, settings)).toEqual([]);
  });
});

describe('expansion in search (search option expand)', () => {
  const index = buildIndex([
    article('a', ['Das Kloster wurde von Mönchen gegründet, der Abt lebte dort.']),
    article('b', ['Die Mönche im Kloster beteten, der Abt las.']),
    article('c', ['Der Abt und die Mönche beteten lange.']),
    article('e', ['Im Kloster leben heute noch Mönche mit ihrem Abt.']),
    // Enough other paragraphs that Mönch and Abt are rare (EXPANSION.maxDocumentShare).
    article('d', Array.from({ length: 80 }, (_, i) => `Der Wetterbericht Nummer ${i} für die Stadt am Fluss.`)),
  ]);
  it('is off by default and, when asked, finds paragraphs that share the answer’s words only', () => {
    const plain = search(index, 'Wer gründete das Kloster?', { prefix: false }).results.map((r) => r.id);
    const expanded = search(index, 'Wer gründete das Kloster?', { prefix: false, expand: true }).results.map((r) => r.id);
    expect(plain[0]).toBe('a');
    expect(plain).not.toContain('c'); // no word of the question
    expect(expanded[0]).toBe('a');
    expect(expanded).toContain('c'); // found through Mönche and Abt, which the best paragraphs share
  });
});
