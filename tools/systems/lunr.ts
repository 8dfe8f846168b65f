import { createRequire } from 'node:module';
import lunr from 'lunr';
import type { Article } from '../../src/corpus/article';
import { fileArtifact, jsonBytes, notReady, paragraphsOf, parseJsonBytes, type ComparedSystem, type ShippedParagraphs } from './system';

// lunr-languages are CommonJS plugins that register themselves on the lunr they are given.
const require = createRequire(import.meta.url);
(require('lunr-languages/lunr.stemmer.support') as (l: typeof lunr) => void)(lunr);
(require('lunr-languages/lunr.de') as (l: typeof lunr) => void)(lunr);
const german = (lunr as unknown as { de: lunr.Builder.Plugin & { trimmer: lunr.PipelineFunction } }).de;

interface Artifact {
  index: object;
  /** Texts by key: lunr's `ref` is the key and it stores no text. */
  texts: ShippedParagraphs['texts'];
}

/**
 * Lunr 2 with lunr-languages' German (trimmer, stop words, Snowball stemmer).
 * Queries go through lunr's query builder, not its query-string parser: a
 * question may hold characters the parser reads as syntax (`:` `-` `~` `^`),
 * and a user-facing box would escape them the same way. Prefix search is a
 * trailing wildcard on the last word, which lunr matches against its stemmed
 * terms without running the pipeline on it.
 */
export function lunrGerman(): ComparedSystem {
  let index: lunr.Index | undefined;
  const ask = (query: string, limit: number, typing: boolean) => {
    if (!index) return notReady('lunr');
    // The trimmer is in lunr's index pipeline but not its search pipeline: without it `Punkte?` finds nothing.
    const words = lunr
      .tokenizer(query)
      .map((t, i, all) => german.trimmer(t, i, all) as lunr.Token)
      .map((t) => t.toString())
      .filter(Boolean);
    const last = typing && !/\s$/.test(query) ? words.pop() : undefined;
    return index
      .query((q) => {
        for (const w of words) q.term(w, { presence: lunr.Query.presence.OPTIONAL });
        if (last) {
          q.term(last, { wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false, presence: lunr.Query.presence.OPTIONAL });
        }
      })
      .slice(0, limit)
      .map((r) => r.ref);
  };
  let texts: string[] = [];
  return {
    id: 'lunr',
    name: 'Lunr 2 (German)',
    build(articles: readonly Article[]) {
      const paragraphs = paragraphsOf(articles);
      index = lunr(function () {
        this.use(german);
        this.ref('key');
        this.field('text');
        for (const p of paragraphs) this.add(p);
      });
      texts = paragraphs.map((p) => p.text);
    },
    ...fileArtifact(
      () => {
        if (!index) return notReady('lunr');
        return jsonBytes({ index: index.toJSON(), texts } satisfies Artifact);
      },
      (bytes) => {
        const artifact = parseJsonBytes<Artifact>(bytes);
        index = lunr.Index.load(artifact.index);
        texts = artifact.texts;
      },
    ),
    search: (query, limit) => ask(query, limit, false),
    prefix: (query, limit) => ask(query, limit, true),
  };
}
