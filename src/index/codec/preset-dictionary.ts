import type { Compression } from './deflate';

/**
 * A preset dictionary for DEFLATE, built from sample blocks of one segment's
 * stored paragraphs. Each stored block is deflated on its own (a result reads
 * one), so without a dictionary every block starts with an empty window and
 * spells out again the words, phrases and article-metadata keys that every
 * other block also has. A dictionary that holds them once, stored once per
 * segment, lets every block refer back to it.
 *
 * The choice follows zstd's COVER algorithm (Liu, Cai, He: "Effective
 * Construction of Relative Lempel-Ziv Dictionaries", WWW 2016): the sample is
 * cut into as many stretches ("epochs") as the dictionary has pieces; from
 * each stretch the piece of PIECE bytes is taken whose short substrings (of
 * MER bytes) occur in the most sample blocks, not counting substrings an
 * earlier piece already covers. Pieces are laid out least valuable first:
 * DEFLATE reaches the end of the dictionary with the shortest distances.
 *
 * Deterministic: the same samples give the same bytes (segment ids hash them).
 */

/** Bytes per piece, and per counted substring (chosen on German news, laws and speeches). */
const PIECE = 128;
const MER = 8;
/** Bytes of sample blocks looked at: more adds time, hardly any gain. */
const DICTIONARY_SAMPLE_BYTES = 2 << 20;
/** Slots of the substring-frequency table (a power of two; collisions only blur counts). */
const TABLE_BITS = 20;

/**
 * Builds a dictionary of at most `maxBytes` (a multiple of PIECE) from
 * sample blocks; empty when `maxBytes` or the samples are too small for one
 * piece.
 */
function buildPresetDictionary(samples: readonly Uint8Array[], maxBytes: number): Uint8Array {
  const pieces = Math.floor(maxBytes / PIECE);
  const length = samples.reduce((n, s) => n + s.length, 0);
  if (pieces < 1 || length < PIECE) return new Uint8Array(0);
  const sample = new Uint8Array(length);
  const blockOf = new Int32Array(Math.max(0, length - MER + 1));
  let at = 0;
  samples.forEach((s, b) => {
    sample.set(s, at);
    blockOf.fill(b, at, Math.min(blockOf.length, at + s.length));
    at += s.length;
  });
  // Per substring (hashed): in how many sample blocks it occurs.
  const mask = (1 << TABLE_BITS) - 1;
  const hashes = new Int32Array(blockOf.length);
  const frequency = new Uint32Array(1 << TABLE_BITS);
  const lastBlock = new Int32Array(1 << TABLE_BITS).fill(-1);
  for (let i = 0; i < hashes.length; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < MER; j++) h = Math.imul(h ^ sample[i + j]!, 0x01000193);
    const slot = (h >>> 0) & mask;
    hashes[i] = slot;
    if (lastBlock[slot] !== blockOf[i]) {
      lastBlock[slot] = blockOf[i]!;
      frequency[slot]!++;
    }
  }
  // Per epoch, the piece whose substrings score highest (a sliding sum over the piece's substrings).
  const window = PIECE - MER + 1;
  const starts = hashes.length - window + 1;
  if (starts < 1) return new Uint8Array(0);
  const epochs = Math.min(pieces, starts);
  const epoch = Math.floor(starts / epochs);
  const chosen: Array<{ score: number; start: number }> = [];
  for (let e = 0; e < epochs; e++) {
    const from = e * epoch;
    const to = e === epochs - 1 ? starts : from + epoch;
    let sum = 0;
    for (let i = from; i < from + window; i++) sum += frequency[hashes[i]!]!;
    let best = from;
    let bestScore = sum;
    for (let i = from + 1; i < to; i++) {
      sum += frequency[hashes[i + window - 1]!]! - frequency[hashes[i - 1]!]!;
      if (sum > bestScore) {
        bestScore = sum;
        best = i;
      }
    }
    if (bestScore === 0) continue;
    chosen.push({ score: bestScore, start: best });
    for (let i = best; i < best + window; i++) frequency[hashes[i]!] = 0;
  }
  chosen.sort((a, b) => a.score - b.score || a.start - b.start);
  const out = new Uint8Array(chosen.length * PIECE);
  chosen.forEach(({ start }, i) => out.set(sample.subarray(start, start + PIECE), i * PIECE));
  return out;
}

/**
 * Samples a segment's raw stored blocks as they are cut, without knowing how
 * many will come: every `stride`-th block, the stride the smallest power of
 * two that keeps at most DICTIONARY_SAMPLE_BYTES worth of blocks. So a
 * build that holds every block and a merge that streams them pick the same
 * samples, and a merged segment gets the dictionary a single build of the
 * same articles gets (same bytes, same segment id).
 */
export class BlockSampler {
  private readonly wanted: number;
  private stride = 1;
  private seen = 0;
  private kept: Array<{ index: number; raw: Uint8Array }> = [];
  /** Bytes of every block added. */
  rawBytes = 0;

  /** `blockBytes`: about how large a block is (the layout's target). */
  constructor(blockBytes: number) {
    this.wanted = Math.max(1, Math.ceil(DICTIONARY_SAMPLE_BYTES / Math.max(1, blockBytes)));
  }

  add(raw: Uint8Array): void {
    const index = this.seen++;
    this.rawBytes += raw.length;
    if (index % this.stride !== 0) return;
    this.kept.push({ index, raw });
    if (this.kept.length > this.wanted) {
      this.stride *= 2;
      this.kept = this.kept.filter((k) => k.index % this.stride === 0);
    }
  }

  get samples(): Uint8Array[] {
    return this.kept.map((k) => k.raw);
  }
}

/**
 * How large a segment's dictionary may be: it is stored once per segment and
 * read once per segment, so it pays only where the segment's text is many
 * times larger (a small live segment gets a small one, or none).
 */
function dictionaryBytesFor(rawStoredBytes: number, maxBytes: number): number {
  const bytes = Math.min(maxBytes, Math.floor(rawStoredBytes / RAW_PER_DICTIONARY_BYTE));
  return bytes - (bytes % PIECE);
}

/**
 * Raw stored bytes per dictionary byte at least: what a dictionary saves is a
 * part of the compressed text, itself a part of the raw text, so a dictionary
 * larger than a small share of the raw text costs more than it saves.
 */
const RAW_PER_DICTIONARY_BYTE = 16;

/**
 * The dictionary for a segment's stored blocks, from its sampler: built, then
 * kept only if deflating the samples with it saves, scaled to all the
 * segment's blocks, more than its own size (text that compresses very well
 * alone gains too little from one). Empty: none.
 */
export async function chooseDictionary(sampler: BlockSampler, maxBytes: number, compression: Compression): Promise<Uint8Array> {
  const dictionary = buildPresetDictionary(sampler.samples, dictionaryBytesFor(sampler.rawBytes, maxBytes));
  if (dictionary.length === 0) return dictionary;
  let sampled = 0;
  let saved = 0;
  for (const raw of sampler.samples) {
    sampled += raw.length;
    saved += (await compression.deflate(raw)).length - (await compression.deflate(raw, dictionary)).length;
  }
  return saved * (sampler.rawBytes / sampled) > dictionary.length ? dictionary : new Uint8Array(0);
}
