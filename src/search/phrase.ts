import type { Analyzer } from '../analysis/analyzer';
import { phraseWords, type CompiledClause } from './compile';

/**
 * Where the words of the phrase stand in `text` adjacent and in order, each
 * matching by folded form or by stem (`"jeden Dollar"` matches `jeden Dollar`
 * and `jeden Dollars`, not `Dollar für jeden`): [start, end) spans of the
 * original text, from the first word's start to the last word's end.
 */
export function findPhrase(
  phraseAnalyzer: Analyzer,
  text: string,
  phrase: CompiledClause['phraseWords'],
  firstOnly = false,
): Array<[number, number]> {
  if (phrase.length === 0) return [];
  const words = phraseWords(phraseAnalyzer.analyze(text));
  const found: Array<[number, number]> = [];
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      const want = phrase[j]!;
      const got = words[i + j]!;
      if (got.exact !== want.exact && (want.stem === null || got.stem !== want.stem)) continue outer;
    }
    found.push([words[i]!.start, words[i + phrase.length - 1]!.end]);
    if (firstOnly) break;
  }
  return found;
}

export function containsPhrase(phraseAnalyzer: Analyzer, text: string, phrase: CompiledClause['phraseWords']): boolean {
  return phrase.length === 0 || findPhrase(phraseAnalyzer, text, phrase, true).length > 0;
}
