import type { Analyzer } from '../analysis/analyzer';
import { phraseWords, type CompiledClause } from './compile';

/**
 * True when the words of the phrase stand in `text` adjacent and in order,
 * each matching by folded form or by stem (`"jeden Dollar"` matches
 * `jeden Dollar` and `jeden Dollars`, not `Dollar für jeden`).
 */
export function containsPhrase(phraseAnalyzer: Analyzer, text: string, phrase: CompiledClause['phraseWords']): boolean {
  if (phrase.length === 0) return true;
  const words = phraseWords(phraseAnalyzer.analyze(text));
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      const want = phrase[j]!;
      const got = words[i + j]!;
      if (got.exact !== want.exact && (want.stem === null || got.stem !== want.stem)) continue outer;
    }
    return true;
  }
  return false;
}
