import { create, insertMultiple, load, save, search, type AnyOrama, type Results } from '@orama/orama';
import { stemmer } from '@orama/stemmers/german';
import { stopwords } from '@orama/stopwords/german';
import type { Article } from '../../src/corpus/article';
import { fileArtifact, jsonBytes, notReady, paragraphsOf, parseJsonBytes, type ComparedSystem } from './system';

const SCHEMA = { text: 'string' } as const;

/**
 * Orama 3 with its German stemmer and stop words, as its docs set them up.
 * Orama stores the documents themselves (key and text), so its `save` output
 * is the whole artifact. Its full-text search matches every query word as a
 * prefix by default (`exact: false`) and ORs them (`threshold: 1`), so
 * `prefix` and `search` are the same call.
 */
export function orama(): ComparedSystem {
  let db: AnyOrama | undefined;
  const createDb = () =>
    create({
      schema: SCHEMA,
      components: { tokenizer: { language: 'german', stemming: true, stemmer, stopWords: stopwords } },
    });
  const run = (query: string, limit: number) => {
    if (!db) return notReady('orama');
    const results = search(db, { term: query, properties: ['text'], limit });
    // Orama answers synchronously unless a component is async; none of ours is.
    if (results instanceof Promise) throw new Error('Orama answered asynchronously');
    return (results as unknown as Results<{ key: string }>).hits.map((h) => h.document.key);
  };
  return {
    id: 'orama',
    name: 'Orama 3 (German)',
    async build(articles: readonly Article[]) {
      db = createDb();
      // insertMultiple batches (and yields between batches); the documents keep their key unindexed.
      await insertMultiple(db, paragraphsOf(articles), 1000);
    },
    ...fileArtifact(
      () => {
        if (!db) return notReady('orama');
        return jsonBytes(save(db));
      },
      (bytes) => {
        db = createDb();
        load(db, parseJsonBytes(bytes));
      },
    ),
    search: run,
    prefix: run,
  };
}
