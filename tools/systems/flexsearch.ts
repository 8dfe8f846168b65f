import { Charset, Encoder, Index, type EncoderOptions } from 'flexsearch';
import german from 'flexsearch/lang/de';
import type { Article } from '../../src/corpus/article';
import { fileArtifact, jsonBytes, notReady, paragraphsOf, parseJsonBytes, shipParagraphs, type ComparedSystem, type ShippedParagraphs } from './system';

/** The serialized artifact: FlexSearch's export chunks (parsed, not JSON in JSON) plus keys and texts. */
interface Artifact extends ShippedParagraphs {
  chunks: Array<[string, unknown]>;
}

/**
 * FlexSearch 0.8 with its German language pack (umlaut folding, stop words,
 * suffix stemmer) on the default charset. `tokenize: 'forward'` is what
 * FlexSearch needs for search-as-you-type (it indexes every word's prefixes);
 * a search box offers that, so the index is built that way. FlexSearch ANDs
 * query words; `suggest: true` also returns partial matches, without which a
 * question finds almost nothing.
 */
export function flexSearch(): ComparedSystem {
  let index: Index | undefined;
  let shipped: ShippedParagraphs | undefined;
  // Encoder takes several option sets and applies them in turn (its typings list one): the charset, then the language.
  const GermanEncoder = Encoder as unknown as new (...options: EncoderOptions[]) => Encoder;
  const createIndex = () => new Index({ tokenize: 'forward', encoder: new GermanEncoder(Charset.Default, german) });
  const run = (query: string, limit: number) => {
    if (!index || !shipped) return notReady('flexsearch');
    return (index.search(query, { limit, suggest: true }) as number[]).map((id) => shipped!.keys[id]!);
  };
  return {
    id: 'flexsearch',
    name: 'FlexSearch 0.8 (German)',
    build(articles: readonly Article[]) {
      const paragraphs = paragraphsOf(articles);
      index = createIndex();
      paragraphs.forEach((p, i) => index!.add(i, p.text));
      shipped = shipParagraphs(paragraphs);
    },
    ...fileArtifact(
      () => {
        if (!index || !shipped) return notReady('flexsearch');
        const chunks: Array<[string, unknown]> = [];
        // With a synchronous handler FlexSearch exports synchronously, chunk by chunk.
        index.export((key: string, data: string) => {
          chunks.push([key, JSON.parse(data)]);
        });
        return jsonBytes({ chunks, ...shipped } satisfies Artifact);
      },
      (bytes) => {
        const { chunks, keys, texts } = parseJsonBytes<Artifact>(bytes);
        index = createIndex();
        // import() takes parsed data as well as strings.
        for (const [key, data] of chunks) index.import(key, data as string);
        shipped = { keys, texts };
      },
    ),
    search: run,
    // 'forward' tokenization makes every query word match as a prefix.
    prefix: run,
  };
}
