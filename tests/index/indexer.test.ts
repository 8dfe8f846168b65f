import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS, germanAnalyzers } from '../../src/analysis/german';
import type { Article } from '../../src/corpus/article';
import { LEMMAS } from '../../src/analysis/data/lemmas';
import { buildIndexDir } from '../../src/index/indexer/build-index';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { buildSegment, builtArticleSpans } from '../../src/index/segment/builder';
import { articleSpans, mergeSegments, type MergeInput } from '../../src/index/segment/merger';
import { SEGMENT_FILES } from '../../src/index/segment/schema';
import { CHUNK_SIZE_RULE, chunkFiles, chunkSizeFor } from '../../src/index/storage/chunk-size';
import { article } from '../fixtures';

const analyzer = germanAnalyzers(DEFAULT_ANALYSIS).index;
const build = (articles: Article[]) => buildSegment(articles, { analyzer, stems: DEFAULT_ANALYSIS.stem, compression: zlibCompression, layout: { docBlockBytes: 2048 } });

/** Articles with shared and rare words, same-day and undated ones, tags, a paid one and one without paragraphs. */
function corpus(n: number): Article[] {
  let s = 11;
  const r = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
  const words = 'Regierung Bundestag Ukraine Militärhilfe Kiew Brüssel Haushalt Wahl Verkehrsminister Bahnstrecke Klimaschutzgesetz'.split(' ');
  const word = () => (r() < 0.7 ? words[Math.floor(r() * words.length)]! : `Begriff${Math.floor(r() * 400)}x`);
  return Array.from({ length: n }, (_, a) =>
    article(
      `a${a}`,
      a === 5 ? [] : Array.from({ length: 1 + Math.floor(r() * 5) }, () => `${Array.from({ length: 6 + Math.floor(r() * 30) }, word).join(' ')}.`),
      {
        title: `${word()} und ${word()}`,
        date: r() < 0.85 ? `202${Math.floor(r() * 3)}-0${1 + Math.floor(r() * 3)}-1${Math.floor(r() * 3)}T0${Math.floor(r() * 9)}:00:00Z` : null,
        tags: r() < 0.3 ? ['NATO'] : [],
        category: r() < 0.5 ? 'Politik' : null,
        ...(a === 7 ? { access: 'paid' as const } : {}),
      },
    ),
  );
}

function asInput(data: Awaited<ReturnType<typeof build>>, id: string): MergeInput {
  return { meta: { ...data.meta, id }, files: data.files, deleted: null };
}

describe('merging segments', () => {
  const articles = corpus(400);

  it('gives byte for byte the segment a single build of the same articles gives', async () => {
    const whole = await build(articles);
    const parts = await Promise.all([0, 1, 2, 3].map((p) => build(articles.slice(p * 100, (p + 1) * 100))));
    const merged = await mergeSegments(parts.map((d, i) => asInput(d, `s${i}`)), zlibCompression, { docBlockBytes: 2048 });
    for (const f of SEGMENT_FILES) expect(Buffer.from(merged.files[f]).equals(Buffer.from(whole.files[f])), f).toBe(true);
    expect(merged.meta).toEqual(whole.meta);
  });

  it('knows a built segment’s articles from the batch it was built of, as the stored segment lists them', async () => {
    for (const batch of [articles.slice(0, 100), articles.slice(100, 110)]) {
      const data = await build(batch);
      expect(builtArticleSpans(batch)).toEqual(await articleSpans(asInput(data, 'x'), zlibCompression));
    }
  });
});

describe('buildIndexDir', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const temp = () => {
    const d = mkdtempSync(join(tmpdir(), 'indexer-'));
    dirs.push(d);
    return d;
  };

  it('merges segments built by its threads into the segment one thread building all of it gives (same id)', async () => {
    const corpusDir = temp();
    writeFileSync(join(corpusDir, 'news.jsonl'), corpus(300).map((a) => JSON.stringify(a)).join('\n'));
    const one = await buildIndexDir({ corpus: corpusDir, out: temp(), threads: 1 });
    const many = await buildIndexDir({ corpus: corpusDir, out: temp(), threads: 2, segmentChars: 8_000 });
    expect(one.segmentsBuilt).toBe(1);
    expect(many.segmentsBuilt).toBeGreaterThan(3);
    expect(many.root.segments.map((s) => s.meta.id)).toEqual(one.root.segments.map((s) => s.meta.id));
    // The merge reads its inputs forward a chunk at a time; tiny chunks make its ranges span several.
    const tinyOne = await buildIndexDir({ corpus: corpusDir, out: temp(), threads: 1, chunkSize: 300 });
    const tinyMany = await buildIndexDir({ corpus: corpusDir, out: temp(), threads: 2, segmentChars: 8_000, chunkSize: 300 });
    expect(tinyMany.segmentsBuilt).toBeGreaterThan(3);
    expect(tinyMany.root.segments.map((s) => s.meta.id)).toEqual(tinyOne.root.segments.map((s) => s.meta.id));
  }, 120_000);

  it('writes a term as the newest article writes it, built in one segment or merged from several (same id)', async () => {
    // The corpus runs oldest first, so each batch's input spells the word its own way; the newest is in the last.
    const corpusDir = temp();
    const spellings = ['Kiew', 'kiew', 'KIEW', 'Kiew', 'kiew'];
    const articles = spellings.map((w, i) =>
      article(`k${i}`, [`In ${w} berichten Reporter über den Haushalt und die Wahl, Absatz ${i}.`], { date: `2024-0${i + 1}-01T08:00:00Z` }),
    );
    writeFileSync(join(corpusDir, 'news.jsonl'), articles.map((a) => JSON.stringify(a)).join('\n'));
    const one = await buildIndexDir({ corpus: corpusDir, out: temp(), threads: 1 });
    const merged = await buildIndexDir({ corpus: corpusDir, out: temp(), threads: 1, segmentChars: 40 });
    expect(merged.segmentsBuilt).toBe(spellings.length);
    expect(merged.root.segments.map((s) => s.meta.id)).toEqual(one.root.segments.map((s) => s.meta.id));
  }, 60_000);

  it('stores a batch that fills its segment with its last article as the one segment, compressed as served (same id)', async () => {
    // Segments to be merged are stored with fast compression; a batch full only at the corpus's end is not merged.
    const corpusDir = temp();
    // Text with a vocabulary of thousands of words, as news has: compression levels then differ in their bytes.
    let s = 5;
    const r = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
    const vocabulary = LEMMAS.split('\n', 5000).map((line) => line.split('\t')[0]!);
    const text = () => Array.from({ length: 60 }, () => vocabulary[Math.floor(r() ** 3 * vocabulary.length)]!).join(' ');
    const articles = corpus(60).map((a) => ({ ...a, paragraphs: a.paragraphs.map(text) }));
    writeFileSync(join(corpusDir, 'news.jsonl'), articles.map((a) => JSON.stringify(a)).join('\n'));
    const one = await buildIndexDir({ corpus: corpusDir, out: temp(), threads: 1 });
    const full = await buildIndexDir({ corpus: corpusDir, out: temp(), threads: 1, segmentChars: one.chars });
    // A merge compresses its stored texts as served whatever its inputs were: the reference for both.
    const merged = await buildIndexDir({ corpus: corpusDir, out: temp(), threads: 1, segmentChars: Math.ceil(one.chars / 4) });
    expect(full.segmentsBuilt).toBe(1);
    expect(merged.segmentsBuilt).toBeGreaterThan(1);
    expect(full.root.segments.map((s) => s.meta.id)).toEqual(merged.root.segments.map((s) => s.meta.id));
    expect(one.root.segments.map((s) => s.meta.id)).toEqual(merged.root.segments.map((s) => s.meta.id));
  }, 60_000);
});

describe('the chunk size an index is stored with', () => {
  it('is the smallest, from 16 KiB in 4 KiB steps, whose chunk files fit the file budget', () => {
    const { smallest, step, files, largest } = CHUNK_SIZE_RULE;
    expect(chunkSizeFor([10, 2000, 0])).toBe(smallest);
    // One file more than the budget allows at 16 KiB: the next step, not a doubling.
    const over = [(files + 1) * smallest];
    expect(chunkFiles(over, smallest)).toBe(files + 1);
    expect(chunkSizeFor(over)).toBe(smallest + step);
    // One byte more than the budget's chunks at 20 KiB hold: 24 KiB.
    expect(chunkSizeFor([files * (smallest + step) + 1])).toBe(smallest + 2 * step);
    // Whatever the lengths: the first step that fits, as a scan step by step finds it.
    for (const lengths of [[123_456_789, 45_678_901, 2_000_000], [300_000_000], [2e9], [5e9, 3e8, 1], [9_999_999, 1, 77_777]]) {
      let scanned = smallest;
      while (chunkFiles(lengths, scanned) > files) scanned += step;
      expect(chunkSizeFor(lengths)).toBe(scanned);
    }
    // A rule whose steps do not reach its largest size exactly still ends there.
    expect(chunkSizeFor([1e12], { smallest: 16_384, step: 5_000, largest: 28_729, files })).toBe(28_729);
    // Many small files count one chunk each, whatever the size.
    expect(chunkSizeFor(Array.from({ length: files + 1 }, () => 1))).toBe(largest);
    expect(chunkSizeFor([1e12])).toBe(largest);
  });

  it('build:index picks it once the index is built, and leaves no chunk of another size behind', async () => {
    const corpusDir = mkdtempSync(join(tmpdir(), 'indexer-chunks-'));
    const out = mkdtempSync(join(tmpdir(), 'indexer-chunks-out-'));
    try {
      writeFileSync(join(corpusDir, 'news.jsonl'), corpus(300).map((a) => JSON.stringify(a)).join('\n'));
      for (const segmentChars of [undefined, 8_000]) {
        const report = await buildIndexDir({ corpus: corpusDir, out, threads: 1, segmentChars });
        expect(report.root.chunkSize).toBe(CHUNK_SIZE_RULE.smallest);
        const [segment] = report.root.segments;
        const chunks = readdirSync(join(out, segment!.meta.id));
        expect(chunks.length).toBe(chunkFiles(Object.values(segment!.meta.files), CHUNK_SIZE_RULE.smallest));
        for (const c of chunks) expect(statSync(join(out, segment!.meta.id, c)).size).toBeLessThanOrEqual(CHUNK_SIZE_RULE.smallest);
        // Nothing else in the folder: the segments stored at the provisional size are gone.
        expect(readdirSync(out).filter((n) => n !== 'CURRENT' && !n.startsWith('root-'))).toEqual([segment!.meta.id]);
      }
      const asked = await buildIndexDir({ corpus: corpusDir, out, threads: 1, chunkSize: 4096 });
      expect(asked.root.chunkSize).toBe(4096);
    } finally {
      rmSync(corpusDir, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
