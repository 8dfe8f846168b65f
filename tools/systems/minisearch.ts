import { stopwords as snowballStopWords } from '@orama/stopwords/german';
import MiniSearch, { type Options } from 'minisearch';
import snowball from 'snowball-stemmers';
import type { Article } from '../../src/corpus/article';
import { fileArtifact, jsonBytes, notReady, paragraphsOf, parseJsonBytes, shipParagraphs, type ComparedSystem, type ShippedParagraphs } from './system';

interface Doc {
  id: number;
  text: string;
}

/** The serialized artifact: MiniSearch's own JSON plus the paragraph keys and texts it does not store. */
interface Artifact extends ShippedParagraphs {
  index: ReturnType<MiniSearch['toJSON']>;
}

/** MiniSearch as a user gets it (the baseline every ratio of the bench is against): one `text` field, default options, terms ORed. */
export function miniSearchDefault(): ComparedSystem {
  return miniSearchSystem('minisearch', 'MiniSearch default', () => ({ fields: ['text'] }));
}

/**
 * MiniSearch with the pipeline a competent user writes by hand: lowercase,
 * Snowball German stop words and stems. The options are made anew for each
 * load, because functions are not serialized.
 */
export function miniSearchSnowball(): ComparedSystem {
  return miniSearchSystem('snowball', 'MiniSearch + Snowball + stop words', () => {
    const stemmer = snowball.newStemmer('german');
    const stop = new Set(snowballStopWords);
    const processTerm = (term: string) => {
      const t = term.toLowerCase();
      return stop.has(t) ? null : stemmer.stem(t);
    };
    return { fields: ['text'], processTerm };
  });
}

/**
 * A MiniSearch 7 baseline with the given options (one `text` field), serialized
 * with `toJSON` and opened with `loadJS`. Prefix search is MiniSearch's
 * `prefix` option on the last word, as long as it is not followed by a space.
 */
function miniSearchSystem(id: string, name: string, options: () => Options<Doc>): ComparedSystem {
  let ms: MiniSearch<Doc> | undefined;
  let shipped: ShippedParagraphs | undefined;
  const keysOf = (results: ReadonlyArray<{ id: unknown }>, limit: number) =>
    results.slice(0, limit).map((r) => shipped!.keys[r.id as number]!);
  return {
    id,
    name,
    build(articles: readonly Article[]) {
      const paragraphs = paragraphsOf(articles);
      ms = new MiniSearch<Doc>(options());
      ms.addAll(paragraphs.map((p, i) => ({ id: i, text: p.text })));
      shipped = shipParagraphs(paragraphs);
    },
    ...fileArtifact(
      () => {
        if (!ms || !shipped) return notReady(name);
        return jsonBytes({ index: ms.toJSON(), ...shipped } satisfies Artifact);
      },
      (bytes) => {
        const { index, keys, texts } = parseJsonBytes<Artifact>(bytes);
        ms = MiniSearch.loadJS<Doc>(index, options());
        shipped = { keys, texts };
      },
    ),
    search(query, limit) {
      if (!ms) return notReady(name);
      return keysOf(ms.search(query), limit);
    },
    prefix(query, limit) {
      if (!ms) return notReady(name);
      const typing = !/\s$/.test(query);
      return keysOf(ms.search(query, { prefix: (_term, i, terms) => typing && i === terms.length - 1 }), limit);
    },
  };
}
