import MiniSearch from 'minisearch';
import { stopwords as snowballStopWords } from '@orama/stopwords/german';
import snowball from 'snowball-stemmers';
import { DEFAULT_ANALYSIS, type AnalysisConfig } from '../analysis/german';
import type { Article } from '../corpus/article';
import { buildIndex } from '../index/build';
import type { SearchIndex } from '../index/search-index';
import { rankParagraphs, type SearchOptions } from '../search';

/** Ranked `doc#paragraph` keys for a query, best first (at most 100). */
export type Searcher = (query: string) => string[];

export interface System {
  name: string;
  build(articles: readonly Article[]): Searcher;
}

const TOP = 100;

interface Paragraph {
  id: number;
  key: string;
  text: string;
}

function paragraphsOf(articles: readonly Article[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const a of articles) a.paragraphs.forEach((text, i) => out.push({ id: out.length, key: `${a.id}#${i}`, text }));
  return out;
}

/** The name of this project's row, which ablation rows are compared with. */
export const OURS = 'this project';

/** This project: the German analyzer and the search core, as the API runs them (`prefix` off: eval queries are complete). */
export function ours(name = OURS, analysis: AnalysisConfig = DEFAULT_ANALYSIS, options: SearchOptions = {}): System {
  return {
    name,
    build(articles) {
      const index = cachedIndex(articles, analysis);
      return (query) => rankParagraphs(index, query, { limit: TOP, prefix: false, ...options }).map((r) => `${r.id}#${r.paragraph}`);
    },
  };
}

const built = new WeakMap<readonly Article[], Map<string, SearchIndex>>();

/** One index per corpus and analysis config, shared by the systems that differ only in search options. */
function cachedIndex(articles: readonly Article[], analysis: AnalysisConfig): SearchIndex {
  let byConfig = built.get(articles);
  if (!byConfig) built.set(articles, (byConfig = new Map()));
  const key = JSON.stringify(analysis);
  let index = byConfig.get(key);
  if (!index) byConfig.set(key, (index = buildIndex(articles, analysis)));
  return index;
}

/** MiniSearch's options for the default baseline: one `text` field, everything else as shipped (shared with `npm run bench`). */
export const MINISEARCH_DEFAULT_OPTIONS = { fields: ['text'] };

/**
 * MiniSearch's options for the Snowball baseline: lowercase, Snowball stop
 * words, Snowball German stems (shared with `npm run bench`, which passes
 * them again when it loads a serialized index: functions are not serialized).
 */
export function miniSearchSnowballOptions(): { fields: string[]; processTerm: (term: string) => string | null } {
  const stemmer = snowball.newStemmer('german');
  const stop = new Set(snowballStopWords);
  const processTerm = (term: string) => {
    const t = term.toLowerCase();
    return stop.has(t) ? null : stemmer.stem(t);
  };
  return { fields: ['text'], processTerm };
}

/** MiniSearch as a user gets it: default options, terms ORed. */
export const miniSearchDefault: System = {
  name: 'MiniSearch default',
  build(articles) {
    const paragraphs = paragraphsOf(articles);
    const ms = new MiniSearch<Paragraph>(MINISEARCH_DEFAULT_OPTIONS);
    ms.addAll(paragraphs);
    return (query) => ms.search(query).slice(0, TOP).map((r) => paragraphs[r.id as number]!.key);
  },
};

/** MiniSearch with the pipeline a competent user writes by hand: lowercase, Snowball stop words, Snowball German stems. */
export const miniSearchSnowball: System = {
  name: 'MiniSearch + Snowball + stop words',
  build(articles) {
    const paragraphs = paragraphsOf(articles);
    const ms = new MiniSearch<Paragraph>(miniSearchSnowballOptions());
    ms.addAll(paragraphs);
    return (query) => ms.search(query).slice(0, TOP).map((r) => paragraphs[r.id as number]!.key);
  },
};

/** The systems `npm run eval` compares, in table order: the two MiniSearch baselines, ours, and with `ablation` ours' variants. */
export function evalSystems(ablation: boolean): System[] {
  return [miniSearchDefault, miniSearchSnowball, ours(), ...(ablation ? ablations() : [])];
}

/** Ours with one stage off at a time: what each stage earns. */
export function ablations(): System[] {
  const systems: System[] = [];
  // Every switch AnalysisConfig has, whatever stages are added later.
  const flags = (Object.keys(DEFAULT_ANALYSIS) as Array<keyof AnalysisConfig>).filter((k) => typeof DEFAULT_ANALYSIS[k] === 'boolean');
  for (const flag of flags) {
    systems.push(ours(`− ${flag}`, { ...DEFAULT_ANALYSIS, [flag]: false }));
  }
  systems.push(ours('− fuzzy', DEFAULT_ANALYSIS, { fuzzy: false }));
  systems.push(ours('+ prefix on the last word', DEFAULT_ANALYSIS, { prefix: true }));
  systems.push(ours('− proximity', DEFAULT_ANALYSIS, { proximity: false }));
  systems.push(ours('− question words', DEFAULT_ANALYSIS, { questions: false }));
  systems.push(ours('+ expansion (RM3, questions)', DEFAULT_ANALYSIS, { expand: true }));
  return systems;
}
