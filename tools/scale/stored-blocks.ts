import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { runMain } from '../../src/cli/main';
import type { Article } from '../../src/corpus/article';
import { streamCorpus } from '../../src/corpus/stream-corpus';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { DEFAULT_LAYOUT, encodeDocs, sortNewestFirst, StoredBlocks } from '../../src/index/segment/builder';

const USAGE = `usage: npm run bench:stored -- --corpus DIR [--every N] [--sizes LIST]
  The stored texts of a corpus as one segment stores them (newest first, cut into blocks, deflated by
  the builder's encodeDocs), for several block sizes, without and with the segment's preset dictionary:
  their size, and the mean compressed block, which is what showing one result reads.
  --corpus DIR    a corpus folder (as build:index reads it; .jsonl.gz too)
  --every N       every Nth article only (default 1): a sample of a large archive, its sources mixed as
                  a merged segment mixes them
  --sizes LIST    block sizes before compression, in KiB (default 4,8,16,32; the layout's is ${DEFAULT_LAYOUT.docBlockBytes / 1024})`;

export interface StoredBlocksRow {
  blockBytes: number;
  blocks: number;
  /** The docs file without a dictionary, and with one (the dictionary included). */
  plainBytes: number;
  dictionaryBytes: number;
  withDictionaryBytes: number;
}

export async function storedBlocksCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      corpus: { type: 'string' },
      every: { type: 'string', default: '1' },
      sizes: { type: 'string', default: '4,8,16,32' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const every = Number(values.every);
  const sizes = values.sizes!.split(',').map((s) => Number(s) * 1024);
  if (!values.corpus || !(Number.isInteger(every) && every > 0) || !sizes.every((s) => Number.isInteger(s) && s > 0)) {
    console.error(USAGE);
    return 2;
  }
  const articles: Article[] = [];
  let seen = 0;
  for await (const article of streamCorpus(values.corpus)) if (seen++ % every === 0) articles.push(article);
  const paragraphs = articles.reduce((n, a) => n + a.paragraphs.length, 0);
  console.log(`${values.corpus}: ${articles.length} articles, ${paragraphs} paragraphs${every > 1 ? ` (every ${every}th article)` : ''}; ${new Date().toISOString()}, load average ${loadavg()[0]!.toFixed(1)}\n`);
  console.log('| block (raw) | blocks | without dictionary: MB, mean block KiB | with: MB (dictionary included), mean block KiB | size |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const row of await storedBlocks(articles, sizes)) {
    const mean = (bytes: number) => (bytes / row.blocks / 1024).toFixed(1);
    const change = ((row.withDictionaryBytes - row.plainBytes) / row.plainBytes) * 100;
    console.log(
      `| ${row.blockBytes / 1024} KiB | ${row.blocks} | ${(row.plainBytes / 1e6).toFixed(2)}, ${mean(row.plainBytes)} | ` +
        `${(row.withDictionaryBytes / 1e6).toFixed(2)}, ${mean(row.withDictionaryBytes - row.dictionaryBytes)} | ${change.toFixed(1)}% |`,
    );
  }
  return 0;
}

/** The docs file of these articles for each block size, without and with a preset dictionary. */
export async function storedBlocks(articles: readonly Article[], sizes: readonly number[]): Promise<StoredBlocksRow[]> {
  const sorted = sortNewestFirst(articles);
  const rows: StoredBlocksRow[] = [];
  for (const blockBytes of sizes) {
    const cutter = new StoredBlocks(blockBytes);
    for (const a of sorted) cutter.addArticle(a);
    const blocks = cutter.finish();
    const layout = { ...DEFAULT_LAYOUT, docBlockBytes: blockBytes };
    const plain = await encodeDocs(blocks, zlibCompression, { ...layout, docDictionaryBytes: 0 });
    const withDictionary = await encodeDocs(blocks, zlibCompression, layout);
    rows.push({
      blockBytes,
      blocks: blocks.length,
      plainBytes: plain.bytes.length,
      dictionaryBytes: withDictionary.dictionary.length,
      withDictionaryBytes: withDictionary.bytes.length,
    });
  }
  return rows;
}

runMain(import.meta.url, storedBlocksCommand);
