import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS, germanAnalyzers } from '../../src/analysis/german';

const exact = (tokens: ReturnType<ReturnType<typeof germanAnalyzers>['index']['analyze']>) =>
  tokens.filter((t) => t.kind === 'exact').map((t) => t.term);

describe('germanAnalyzers: one builder for the index, query and phrase analyzers', () => {
  const analyzers = germanAnalyzers(DEFAULT_ANALYSIS);

  it('analyses query words as the index does', () => {
    const text = 'Die Militärhilfe der Außenminister';
    expect(analyzers.query.analyze(text)).toEqual(analyzers.index.analyze(text));
  });

  it('keeps stop words for phrases only', () => {
    expect(exact(analyzers.index.analyze('jeden Dollar'))).toEqual(['dollar']);
    expect(exact(analyzers.phrase.analyze('jeden Dollar'))).toEqual(['jeden', 'dollar']);
  });

  it('switches off what the config switches off, and older configs lacking a flag get that stage off', () => {
    const plain = germanAnalyzers({ fold: true, stopWords: true, stem: true });
    expect(plain.config).toEqual({ ...DEFAULT_ANALYSIS, lemmas: false, compounds: false });
    expect(plain.index.analyze('Militärhilfe').some((t) => t.kind === 'part')).toBe(false);
    expect(analyzers.index.analyze('Militärhilfe').some((t) => t.kind === 'part')).toBe(true);
    const noStops = germanAnalyzers({ ...DEFAULT_ANALYSIS, stopWords: false });
    expect(noStops.phrase).toBe(noStops.index);
  });
});
