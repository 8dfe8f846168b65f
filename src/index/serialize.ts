import { germanAnalyzers } from '../analysis/german';
import { Chunks, decodeContainer, encodeContainer, FormatError, type SectionArray } from './binary-format';
import { createQueryEngine } from './minisearch-adapter';
import { ParagraphTexts } from './paragraph-texts';
import { FIELDS, INDEX_FORMAT, INDEX_FORMAT_VERSION } from './schema';
import type { ArticleMeta, IndexMeta, SearchIndex } from './search-index';
import { CompactTermIndex } from './term-index';

/** The small JSON part of the index file; everything large is a binary section. */
interface Header {
  format: typeof INDEX_FORMAT;
  version: number;
  fields: readonly string[];
  meta: IndexMeta;
  /** Articles as tuples, to keep repeated key names out of the file. */
  articles: Array<[string, string | null, string | null, string | null, string | null, string | null, string[]]>;
}

/** Raised for an index file that cannot be served; the message says what to do. */
export class IndexLoadError extends Error {
  override name = 'IndexLoadError';
}

const REBUILD = 'Rebuild it with `npm run build:index`.';

export function serializeIndex(index: SearchIndex): Uint8Array {
  const header: Header = {
    format: INDEX_FORMAT,
    version: INDEX_FORMAT_VERSION,
    fields: FIELDS,
    meta: index.meta,
    articles: index.articles.map((a) => [a.id, a.title, a.date, a.url, a.source, a.category, a.tags]),
  };
  const { terms, termRuns, runField, runPostings, docs, freqs } = index.terms.data;
  // Parts are cut where sections start (parts.ts), so no section is copied on load unless one
  // alone is larger than a part.
  return encodeContainer(header, {
    texts: index.texts.bytes,
    textOffsets: index.texts.offsets,
    terms: new TextEncoder().encode(terms.join('\n')),
    termRuns,
    runField,
    runPostings,
    docs,
    freqs,
    fieldLengths: index.fieldLengths,
    paragraphArticle: index.paragraphArticle,
    paragraphOrdinal: index.paragraphOrdinal,
  });
}

/**
 * Loads a serialized index. The big parts become typed-array views on `bytes`
 * (no copy); only the term list and the article metadata become JS values.
 * Anything it does not fully understand is refused with a message that says
 * what is wrong and what to do.
 */
export function loadIndex(bytes: Uint8Array | Chunks): SearchIndex {
  if (bytes.length === 0) throw new IndexLoadError(`The index file is empty. ${REBUILD}`);
  let header: Header;
  let sections: Record<string, SectionArray>;
  try {
    ({ header, sections } = decodeContainer<Header>(bytes));
  } catch (error) {
    if (error instanceof FormatError) throw new IndexLoadError(`The index file is unusable: ${error.message}. ${REBUILD}`);
    throw error;
  }
  if (header?.format !== INDEX_FORMAT) throw new IndexLoadError(`This is not a ${INDEX_FORMAT} file. ${REBUILD}`);
  if (header.version !== INDEX_FORMAT_VERSION) {
    throw new IndexLoadError(
      `The index has format version ${String(header.version)}, this program reads version ${INDEX_FORMAT_VERSION}. ${REBUILD}`,
    );
  }
  if (header.fields.join() !== FIELDS.join()) throw new IndexLoadError(`The index has other fields than this program. ${REBUILD}`);

  const s = (name: string) => {
    const section = sections[name];
    if (!section) throw new IndexLoadError(`The index file lacks its ${name} section. ${REBUILD}`);
    return section;
  };
  const terms = new CompactTermIndex({
    terms: new TextDecoder().decode(s('terms')).split('\n'),
    termRuns: s('termRuns') as Uint32Array,
    runField: s('runField') as Uint8Array,
    runPostings: s('runPostings') as Uint32Array,
    docs: s('docs') as Uint32Array,
    freqs: s('freqs') as Uint8Array,
  });
  const texts = new ParagraphTexts(s('texts') as Uint8Array, s('textOffsets') as Uint32Array);
  const fieldLengths = s('fieldLengths') as Uint16Array;
  const paragraphArticle = s('paragraphArticle') as Uint32Array;
  const n = header.meta.paragraphs;
  if (texts.count !== n || fieldLengths.length !== n * FIELDS.length || terms.size !== header.meta.terms) {
    throw new IndexLoadError(`The index file is inconsistent (counts do not match its header). ${REBUILD}`);
  }
  return {
    engine: createQueryEngine({ terms, fieldLengths, documentCount: n }),
    terms,
    analyzers: germanAnalyzers(header.meta.analysis),
    articles: header.articles.map(
      ([id, title, date, url, source, category, tags]): ArticleMeta => ({ id, title, date, url, source, category, tags }),
    ),
    paragraphArticle,
    articleStart: articleStarts(paragraphArticle, header.articles.length),
    paragraphOrdinal: s('paragraphOrdinal') as Uint32Array,
    fieldLengths,
    texts,
    meta: header.meta,
  };
}

/** Each article's first paragraph id, from the paragraph → article map (articles' paragraphs are consecutive). */
function articleStarts(paragraphArticle: Uint32Array, articles: number): Uint32Array {
  const starts = new Uint32Array(articles);
  for (let doc = paragraphArticle.length - 1; doc >= 0; doc--) starts[paragraphArticle[doc]!] = doc;
  return starts;
}
