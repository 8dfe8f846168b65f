import type { IndexReader } from '../index/index-reader';
import type { ListInfo } from '../index/segment/dictionary';
import { SegmentReader } from '../index/segment/reader';
import { FIELD, metaKey } from '../index/segment/schema';
import type { DeleteFilter } from './ops';

/**
 * Finds, per segment of an index, the docs (paragraphs) of articles by id
 * and of articles a delete filter matches, through the article-level filter
 * postings (`id:…`, `source:…`: first paragraph and span) and the segment's
 * date index. Docs already deleted are left out. Two waves: the dictionary
 * blocks of every key in every segment, then the postings blocks.
 */
export async function findArticleDocs(index: IndexReader, ids: Iterable<string>, filters: readonly DeleteFilter[]): Promise<Array<Set<number>>> {
  await index.ready();
  const idKeys = [...new Set([...ids].map((id) => metaKey('id', id)))];
  const sourceKeys = filters.flatMap((f) => (f.source === null ? [] : [metaKey('source', f.source)]));
  const keys = [...new Set([...idKeys, ...sourceKeys])];
  const lookups = index.newBatch();
  const found = index.segments.map((s) => (keys.length ? s.lookup(lookups, keys) : Promise.resolve(new Map())));
  await index.run(lookups);
  const entries = await Promise.all(found);

  const postings = index.newBatch();
  const spansOf = (s: number, key: string): Promise<Array<[number, number]>> => {
    const list = entries[s]!.get(key)?.lists.find((l: ListInfo) => l.field === FIELD.meta);
    return list ? readSpans(index.segments[s]!, postings, list) : Promise.resolve([]);
  };
  const perSegment = index.segments.map(async (segment, s) => {
    const docs = new Set<number>();
    const add = (first: number, count: number, range: [number, number] = [0, segment.meta.docs]) => {
      for (let d = Math.max(first, range[0]); d < Math.min(first + count, range[1]); d++) if (!segment.deleted?.has(d)) docs.add(d);
    };
    const byId = idKeys.map((key) => spansOf(s, key));
    const byFilter = filters.map(async (f) => {
      const range = f.from === null && f.to === null ? undefined : segment.docsBetween(f.from, f.to);
      if (range && range[0] >= range[1]) return;
      if (f.source === null) add(range![0], range![1] - range![0]);
      else for (const [first, count] of await spansOf(s, metaKey('source', f.source))) add(first, count, range);
    });
    for (const spans of await Promise.all(byId)) for (const [first, count] of spans) add(first, count);
    await Promise.all(byFilter);
    return docs;
  });
  // The postings of every list are requested above before this wave runs.
  await Promise.resolve();
  await index.run(postings);
  return Promise.all(perSegment);
}

/** The (first paragraph, paragraph count) of every article an article-level list holds. */
async function readSpans(segment: SegmentReader, batch: ReturnType<IndexReader['newBatch']>, list: ListInfo): Promise<Array<[number, number]>> {
  const blocks = [];
  for (let b = 0; b < SegmentReader.blockCount(list); b++) blocks.push(segment.readBlock(batch, list, b, false));
  const out: Array<[number, number]> = [];
  for (const { decoded } of await Promise.all(blocks)) {
    for (let i = 0; i < decoded.count; i++) out.push([decoded.docs[i]!, decoded.spans[i]!]);
  }
  return out;
}
