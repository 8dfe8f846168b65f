import type { Analyzer } from '../analysis/analyzer';
import type { IndexReader } from '../index/index-reader';
import type { SynonymRule } from '../index/root';
import { phraseWords } from './compile';
import type { Clause } from './query';

/**
 * Synonyms and spelling variants a newsroom keeps (Kiew/Kyjiw,
 * Selenskyj/Selensky, USA/Vereinigte Staaten), in the Solr synonyms format,
 * applied when a query is planned: a query word (or run of words) that a
 * rule names also matches the rule's other spellings, which score and are
 * highlighted as that word.
 *
 * The file (`synonyms.txt` beside the corpus; `npm run build:index` stores
 * its rules in the index root, so a deployment changes them without code):
 *
 *     # a comment
 *     Kiew, Kyjiw, Kyiv                # equivalent: each finds all
 *     USA => Vereinigte Staaten        # one way: USA also finds Vereinigte Staaten, not the reverse
 *     Nato, NATO, Nordatlantikpakt
 *
 * Unlike Solr's `=>`, the word typed is always searched too: a rule adds
 * spellings, it never hides what the reader asked for. Words are compared
 * after the German analysis (folding, stems), so `Europäischen Union` meets
 * the rule for `Europäische Union` (where the analysis gives two forms of a
 * word different stems, a rule lists both). A spelling of several words must
 * occur as a phrase. A quoted phrase in the query is taken as typed (no
 * synonyms), as search engines do.
 */
export type { SynonymRule };

export interface SynonymProblem {
  line: number;
  reason: string;
}

/** Parses a synonyms file (Solr format); a line that cannot be read is named with its number and skipped. */
export function parseSynonyms(text: string): { rules: SynonymRule[]; problems: SynonymProblem[] } {
  const rules: SynonymRule[] = [];
  const problems: SynonymProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const sides = line.split('=>');
    if (sides.length > 2) return problems.push({ line: i + 1, reason: 'more than one "=>"' });
    const [from, to] = sides.map(spellings) as [string[], string[] | undefined];
    if (from.length === 0 || (to && to.length === 0)) return problems.push({ line: i + 1, reason: 'a side of "=>" names no spelling' });
    if (!to && from.length < 2) return problems.push({ line: i + 1, reason: 'one spelling alone: list two or more, separated by commas' });
    rules.push(to ? { from, to } : { from, to: from });
    return undefined;
  });
  return { rules, problems };
}

/** The comma-separated spellings of one side of a rule (`\,` is a comma within a spelling), white space collapsed. */
function spellings(side: string): string[] {
  return side
    .split(/(?<!\\),/)
    .map((s) => s.replace(/\\,/g, ',').trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}

/** What a query's words may also be: for each clause, the other spellings it matches (none for most). */
export type Alternatives = string[][];

/**
 * The rules, keyed by what the analyzer makes of each spelling (the stems of
 * its words, in order), so that a query word is looked up the way it is
 * indexed.
 */
export class SynonymMap {
  private readonly bySpelling = new Map<string, Set<string>>();
  /** Words in the longest spelling: how far a run of query words is tried. */
  readonly longest: number;

  constructor(
    rules: readonly SynonymRule[],
    private readonly analyzer: Analyzer,
  ) {
    let longest = 0;
    for (const rule of rules) {
      for (const from of rule.from) {
        const key = this.keyOf(from);
        if (!key) continue;
        longest = Math.max(longest, key.split(' ').length);
        let to = this.bySpelling.get(key);
        if (!to) this.bySpelling.set(key, (to = new Set()));
        for (const spelling of rule.to) if (this.keyOf(spelling) !== key) to.add(spelling);
      }
    }
    this.longest = longest;
  }

  get size(): number {
    return this.bySpelling.size;
  }

  /** The analysed words of a text, stems where it has them, as one key ('' when nothing is left: stop words only). */
  keyOf(text: string): string {
    return phraseWords(this.analyzer.analyze(text))
      .map((w) => w.stem ?? w.exact)
      .join(' ');
  }

  /**
   * For each clause, the other spellings it matches: the longest run of
   * consecutive words (not phrases) that a rule names, from left to right.
   * A spelling found for a run of several words belongs to each of them.
   */
  alternatives(clauses: readonly Clause[]): Alternatives {
    const out: Alternatives = clauses.map(() => []);
    if (this.bySpelling.size === 0) return out;
    const keys = clauses.map((c) => (c.type === 'term' ? this.keyOf(c.text) : ''));
    for (let i = 0; i < clauses.length; ) {
      let matched = 0;
      for (let n = Math.min(this.longest, clauses.length - i); n >= 1 && !matched; n--) {
        const run = keys.slice(i, i + n);
        if (run.some((k) => !k)) continue;
        const to = this.bySpelling.get(run.join(' '));
        if (!to) continue;
        for (let j = i; j < i + n; j++) out[j]!.push(...to);
        matched = n;
      }
      i += matched || 1;
    }
    return out;
  }
}

const maps = new WeakMap<IndexReader, SynonymMap | null>();

/** The index's synonyms (from its root), built once per open index; null when it has none. */
export function synonymsOf(index: IndexReader): SynonymMap | null {
  let map = maps.get(index);
  if (map === undefined) {
    const rules = index.root.synonyms ?? [];
    map = rules.length ? new SynonymMap(rules, index.analyzers.phrase) : null;
    maps.set(index, map);
  }
  return map;
}
