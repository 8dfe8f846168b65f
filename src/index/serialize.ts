import MiniSearch from 'minisearch';
import { createGermanAnalyzer } from '../analysis/german';
import { INDEX_FORMAT, INDEX_FORMAT_VERSION, MINISEARCH_OPTIONS, type IndexedParagraph } from './schema';
import type { ArticleMeta, IndexMeta, SearchIndex } from './search-index';

/** The serialized index: one JSON document, versioned, self-describing. */
interface SerializedIndex {
  format: typeof INDEX_FORMAT;
  version: number;
  meta: IndexMeta;
  /** Articles as tuples, to keep repeated key names out of the file. */
  articles: Array<[string, string, string | null, string | null, string | null, string | null, string[]]>;
  paragraphs: { article: number[]; ordinal: number[]; text: string[] };
  miniSearch: unknown;
}

/** Raised for an index file that cannot be served; the message says what to do. */
export class IndexLoadError extends Error {
  override name = 'IndexLoadError';
}

export function serializeIndex(index: SearchIndex): string {
  const doc: SerializedIndex = {
    format: INDEX_FORMAT,
    version: INDEX_FORMAT_VERSION,
    meta: index.meta,
    articles: index.articles.map((a) => [a.id, a.title, a.date, a.url, a.source, a.category, a.tags]),
    paragraphs: {
      article: Array.from(index.paragraphArticle),
      ordinal: Array.from(index.paragraphOrdinal),
      text: index.paragraphText,
    },
    miniSearch: index.miniSearch.toJSON(),
  };
  return JSON.stringify(doc);
}

const REBUILD = 'Rebuild it with `npm run build:index`.';

/** Parses and checks a serialized index; refuses anything it does not fully understand. */
export function loadIndex(json: string): SearchIndex {
  if (json.length === 0) throw new IndexLoadError(`The index file is empty. ${REBUILD}`);
  let doc: Partial<SerializedIndex>;
  try {
    doc = JSON.parse(json) as Partial<SerializedIndex>;
  } catch {
    throw new IndexLoadError(`The index file is not valid JSON (truncated or corrupted?). ${REBUILD}`);
  }
  if (doc === null || typeof doc !== 'object' || doc.format !== INDEX_FORMAT) {
    throw new IndexLoadError(`This is not a ${INDEX_FORMAT} file. ${REBUILD}`);
  }
  if (doc.version !== INDEX_FORMAT_VERSION) {
    throw new IndexLoadError(
      `The index has format version ${String(doc.version)}, this program reads version ${INDEX_FORMAT_VERSION}. ${REBUILD}`,
    );
  }
  const { meta, articles, paragraphs, miniSearch } = doc;
  const n = paragraphs?.text?.length;
  if (
    !meta ||
    !Array.isArray(articles) ||
    n === undefined ||
    paragraphs?.article?.length !== n ||
    paragraphs.ordinal?.length !== n ||
    !miniSearch ||
    typeof miniSearch !== 'object'
  ) {
    throw new IndexLoadError(`The index file is incomplete. ${REBUILD}`);
  }
  let loaded: MiniSearch<IndexedParagraph>;
  try {
    loaded = MiniSearch.loadJS(miniSearch as Parameters<typeof MiniSearch.loadJS>[0], MINISEARCH_OPTIONS);
  } catch (error) {
    throw new IndexLoadError(`The index file is corrupted (${(error as Error).message}). ${REBUILD}`);
  }
  if (loaded.documentCount !== n) {
    throw new IndexLoadError(`The index holds ${loaded.documentCount} paragraphs but ${n} texts. ${REBUILD}`);
  }
  return {
    miniSearch: loaded,
    analyzer: createGermanAnalyzer(meta.analysis),
    articles: articles.map(
      ([id, title, date, url, source, category, tags]): ArticleMeta => ({ id, title, date, url, source, category, tags }),
    ),
    paragraphArticle: Uint32Array.from(paragraphs.article),
    paragraphOrdinal: Uint32Array.from(paragraphs.ordinal),
    paragraphText: paragraphs.text,
    meta,
  };
}
