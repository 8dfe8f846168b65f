import MiniSearch, { type Query } from 'minisearch';
import { FIELDS, MINISEARCH_OPTIONS, type IndexedParagraph } from './schema';
import type { CompactTermIndex } from './term-index';

/**
 * MiniSearch's query engine over our compact term index.
 *
 * MiniSearch is kept for what it does well — query trees, prefix and fuzzy
 * expansion with their weights, BM25+ scoring per field with boosts — while
 * its in-memory radix tree of Maps, which would not fit a Worker's 128 MB, is
 * replaced by `CompactTermIndex`, which answers the same calls. This is the
 * one place that touches MiniSearch internals; MiniSearch is pinned to an
 * exact version, and tests/index/minisearch-adapter.test.ts checks that our
 * scores equal MiniSearch's own on the same documents.
 */
export interface RawHit {
  score: number;
  /** The query terms that matched. */
  terms: string[];
  /** Matched index term → fields it matched in. */
  match: Record<string, string[]>;
}

interface Internals {
  executeQuery(query: Query, searchOptions?: object): Map<number, RawHit>;
}

export interface EngineInput {
  terms: CompactTermIndex;
  /** Unique terms per paragraph and field: `fieldLengths[doc * FIELDS.length + field]`. */
  fieldLengths: Uint16Array;
  documentCount: number;
}

export function createQueryEngine({ terms, fieldLengths, documentCount }: EngineInput): MiniSearch<IndexedParagraph> {
  const nFields = FIELDS.length;
  const averageFieldLength = FIELDS.map((_, f) => {
    let sum = 0;
    for (let d = 0; d < documentCount; d++) sum += fieldLengths[d * nFields + f]!;
    return documentCount ? sum / documentCount : 0;
  });
  const engine = MiniSearch.loadJS(
    {
      documentCount,
      nextId: documentCount,
      documentIds: {},
      fieldIds: Object.fromEntries(FIELDS.map((f, i) => [f, i])),
      fieldLength: {},
      averageFieldLength,
      storedFields: {},
      dirtCount: 0,
      index: [],
      serializationVersion: 2,
    },
    MINISEARCH_OPTIONS,
  );
  // Per-paragraph field lengths as small arrays: MiniSearch reads `_fieldLength.get(doc)[field]` per posting.
  const rows: number[][] = new Array(documentCount);
  for (let d = 0; d < documentCount; d++) rows[d] = Array.from(fieldLengths.subarray(d * nFields, (d + 1) * nFields));
  Object.assign(engine, {
    _index: terms,
    _fieldLength: { get: (doc: number) => rows[doc] },
    // Paragraph ids are 0…n-1 and MiniSearch's internal ids are the same numbers.
    _documentIds: { has: (doc: number) => doc >= 0 && doc < documentCount, get: (doc: number) => doc, size: documentCount },
  });
  return engine;
}

/** Runs a query; raw, unsorted scores per paragraph id (see engine.ts for why not `search()`). */
export function executeRaw(engine: MiniSearch<IndexedParagraph>, query: Query): Map<number, RawHit> {
  return (engine as unknown as Internals).executeQuery(query);
}
