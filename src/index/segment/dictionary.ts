import { BLOCK_SIZE } from '../codec/postings';
import { ByteReader, ByteWriter, FormatError, utf8Decoder } from '../codec/bytes';
import { isHighSurrogate } from '../../analysis/tokenizer';
import { FIELD_COUNT, isArticleField } from './schema';

/**
 * The term dictionary: terms in sorted order (JavaScript string order), cut
 * into blocks of a few kilobytes. The index root keeps each block's first
 * term, end offset and CRC, so a lookup reads one block. Inside a block,
 * terms are front-coded, and each entry says, per field, where the term's
 * postings and positions are and what a score bound needs:
 *
 *   block:  varint entries, varint postingsBase, varint positionsBase, entry…
 *   entry:  varint entryBytes, varint sharedPrefix (UTF-16 units), string suffix,
 *           u8 fieldMask | display << 5, [string display], list per field in mask order
 *   list:   varint count, [varint docFreq: article fields], u8 mode
 *           mode 0 (inline, tiny lists): bytes postings, [bytes positions]
 *           mode 1: per block: varint lastDocGap, varint bytes, varint maxTf, u8 minNorm, u32 crc,
 *                              [varint positionBytes, u32 positionCrc]
 *
 * Postings and positions of external lists lie in the order of the entries,
 * from the block's bases on, so offsets need not be stored. Tiny lists are
 * kept inline: a rare word then costs one read, not two.
 */

export interface BlockInfo {
  /** Last doc of the block (first doc is the previous block's last + 1 or later). */
  lastDoc: number;
  /** Byte range in the postings file, and its CRC. */
  offset: number;
  length: number;
  crc: number;
  maxTf: number;
  minNorm: number;
  /** Byte range in the positions file (length 0 when the field has none). */
  posOffset: number;
  posLength: number;
  posCrc: number;
  /** Set once a resident read has checked the block's postings (1) and positions (2) against their CRCs. */
  verified?: number;
}

export interface ListInfo {
  field: number;
  /** Postings in the list (articles, for article fields). */
  count: number;
  /** Paragraphs the list covers: `count`, or the sum of spans for article fields. What BM25 calls df. */
  docFreq: number;
  /** External blocks, or null when the postings are inline. */
  blocks: BlockInfo[] | null;
  /** Inline postings (and positions) of a tiny list. */
  inline: { postings: Uint8Array; positions: Uint8Array | null } | null;
  /**
   * One bit per block, set once a query asked for it (src/search/fetch.ts): those are the blocks that may still be
   * cached, so a later query probes them alone, not every block of a list thousands long. Lives as long as the
   * decoded entry; a block evicted from the cache stays marked, and its probe misses.
   */
  requested?: Uint32Array;
}

export interface TermEntry {
  term: string;
  /** How the text writes it, when that differs from the folded term (`Militärhilfe` for `militarhilfe`). */
  display: string | null;
  lists: ListInfo[];
}

/** Display kinds: the folded term as is, with its first letter capitalised, or a stored string. */
const DISPLAY_SAME = 0;
const DISPLAY_CAPITALISED = 1;
const DISPLAY_STORED = 2;

export interface ListToWrite {
  field: number;
  count: number;
  docFreq: number;
  /** Either inline bytes… */
  inline?: { postings: Uint8Array; positions: Uint8Array | null };
  /** …or external blocks (offsets are implied by order). */
  blocks?: Array<{ lastDoc: number; length: number; crc: number; maxTf: number; minNorm: number; posLength: number; posCrc: number }>;
}

export class DictionaryBlockWriter {
  private readonly entries = new ByteWriter(8192);
  private readonly entry = new ByteWriter(256);
  private count = 0;
  private previous = '';
  firstTerm: string | null = null;

  constructor(
    readonly postingsBase: number,
    readonly positionsBase: number,
    private readonly positional: ReadonlySet<number>,
  ) {}

  get entryCount(): number {
    return this.count;
  }

  get byteLength(): number {
    return this.entries.length;
  }

  add(term: string, display: string | null, lists: readonly ListToWrite[]): void {
    const e = this.entry;
    e.reset();
    let shared = sharedPrefix(this.previous, term);
    // Two letters beyond the BMP may share their first code unit: the suffix must not start inside a letter (a
    // lone low surrogate is no UTF-8, and would be stored as U+FFFD).
    if (shared > 0 && isHighSurrogate(term.charCodeAt(shared - 1))) shared--;
    e.varint(shared).string(term.slice(shared));
    let mask = 0;
    for (const list of lists) mask |= 1 << list.field;
    const kind = display === null || display === term ? DISPLAY_SAME : display === capitalise(term) ? DISPLAY_CAPITALISED : DISPLAY_STORED;
    e.u8(mask | (kind << 5));
    if (kind === DISPLAY_STORED) e.string(display!);
    let previousField = -1;
    for (const list of lists) {
      if (list.field <= previousField) throw new Error('lists must come in field order');
      previousField = list.field;
      e.varint(list.count);
      if (isArticleField(list.field)) e.varint(list.docFreq);
      if (list.inline) {
        e.u8(0).lengthPrefixed(list.inline.postings);
        if (this.positional.has(list.field)) e.lengthPrefixed(list.inline.positions ?? new Uint8Array(0));
      } else {
        const blocks = list.blocks!;
        if (blocks.length !== Math.ceil(list.count / BLOCK_SIZE)) throw new Error('block count does not match the list length');
        e.u8(1);
        let previousLast = -1;
        for (const b of blocks) {
          e.varint(b.lastDoc - previousLast).varint(b.length).varint(b.maxTf).u8(b.minNorm).u32(b.crc);
          if (this.positional.has(list.field)) e.varint(b.posLength).u32(b.posCrc);
          previousLast = b.lastDoc;
        }
      }
    }
    this.entries.varint(e.length).bytes(e.view_());
    this.firstTerm ??= term;
    this.previous = term;
    this.count++;
  }

  finish(): Uint8Array {
    const out = new ByteWriter(this.entries.length + 24);
    out.varint(this.count).varint(this.postingsBase).varint(this.positionsBase).bytes(this.entries.view_());
    return out.finish();
  }
}

/**
 * Sorted terms as front coding keeps them: entry i shares `shared[i]`
 * letters with entry i − 1 and then has its own, `units` from
 * `suffixAt[i]` to `suffixAt[i + 1]` (UTF-16 code units).
 */
export interface FrontCodedTerms {
  readonly count: number;
  readonly shared: ArrayLike<number>;
  readonly suffixAt: ArrayLike<number>;
  readonly units: ArrayLike<number>;
}

/**
 * Lookups of a block that walk its front coding before it gets a hash index
 * of its terms: a walk costs about what building a few of its strings does.
 */
const HASH_AFTER_SEARCHES = 8;

/**
 * A decoded dictionary block: its terms' letters, and entries decoded on
 * demand. The terms stay front-coded (each entry's letters after those it
 * shares with the entry before) until something asks for them as strings:
 * a lookup compares letters, and a typo scan walks the front coding itself
 * (TypoScanner.scanFrontCoded), so a block read for one word or one scan
 * builds no string but the terms it returns.
 */
export class DictionaryBlock implements FrontCodedTerms {
  readonly count: number;
  /** Per entry, the letters it shares with the entry before. */
  readonly shared: Uint32Array;
  /** Entry i's own letters are `units[suffixAt[i]]` up to `units[suffixAt[i + 1]]` (UTF-16 code units). */
  readonly suffixAt: Uint32Array;
  readonly units: Uint16Array;
  /** The terms as strings, once asked for all of them. */
  private strings: string[] | null = null;
  /** Per entry, the fields it has lists in (bit per field). */
  private readonly masks: Uint8Array;
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private readonly decoded = new Map<number, TermEntry>();
  /** Each term's index, once the block has been looked up often. */
  private positions: Map<string, number> | null = null;
  private searches = 0;
  /** Postings and positions offsets at the start of each entry, filled in order as far as an entry asked for. */
  private readonly postingsAt: number[] = [];
  private readonly positionsAt: number[] = [];
  private readonly postingsBase: number;
  private readonly positionsBase: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly positional: ReadonlySet<number>,
  ) {
    const r = new ByteReader(bytes);
    const count = r.varint();
    this.count = count;
    this.postingsBase = r.varint();
    this.positionsBase = r.varint();
    this.masks = new Uint8Array(count);
    this.starts = new Uint32Array(count);
    this.ends = new Uint32Array(count);
    this.shared = new Uint32Array(count);
    this.suffixAt = new Uint32Array(count + 1);
    // A suffix has no more UTF-16 units than UTF-8 bytes.
    const units = new Uint16Array(bytes.length);
    let used = 0;
    let length = 0;
    for (let i = 0; i < count; i++) {
      const entryLength = r.varint();
      const start = r.pos;
      const shared = r.varint();
      if (shared > length) throw new FormatError('dictionary block is damaged');
      // Most suffixes are ASCII: copied as they are read, and only a suffix that is not goes to the UTF-8 decoder.
      const suffixBytes = r.varint();
      const from = r.pos;
      r.skip(suffixBytes);
      let k = 0;
      while (k < suffixBytes && bytes[from + k]! < 0x80) {
        units[used + k] = bytes[from + k]!;
        k++;
      }
      if (k === suffixBytes) used += k;
      else {
        const text = utf8Decoder.decode(bytes.subarray(from, from + suffixBytes));
        for (let c = 0; c < text.length; c++) units[used++] = text.charCodeAt(c);
      }
      length = shared + used - this.suffixAt[i]!;
      this.shared[i] = shared;
      this.suffixAt[i + 1] = used;
      this.masks[i] = r.u8();
      this.starts[i] = start;
      this.ends[i] = start + entryLength;
      r.pos = start + entryLength;
    }
    if (r.pos !== bytes.length) throw new FormatError('dictionary block has trailing bytes');
    this.units = used < units.length >> 1 ? units.slice(0, used) : units;
  }

  get byteLength(): number {
    return this.bytes.length;
  }

  /** What the block holds beside its strings and decoded entries: its bytes, and the letters and offsets read from them. */
  get footprint(): number {
    return this.bytes.length + this.units.byteLength + this.count * 17;
  }

  /** Every term, in order, as strings (built once: a prefix scan, a suggestion or a term table asks for them). */
  get terms(): readonly string[] {
    if (this.strings) return this.strings;
    const out = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) {
      const shared = this.shared[i]!;
      const from = this.suffixAt[i]!;
      const to = this.suffixAt[i + 1]!;
      growLetters(shared + to - from);
      for (let k = from; k < to; k++) letters[shared + k - from] = this.units[k]!;
      out[i] = lettersToString(shared + to - from);
    }
    this.strings = out;
    return out;
  }

  /** Term `i` as a string, built from the entries before it unless every term already is. */
  term(i: number): string {
    if (i < 0 || i >= this.count) throw new RangeError(`no entry ${i}`);
    if (this.strings) return this.strings[i]!;
    // Letters [shared[j], needed) of the term come from entry j's own letters; the ones before, from the entries before.
    let needed = this.shared[i]! + this.suffixAt[i + 1]! - this.suffixAt[i]!;
    const length = needed;
    growLetters(length);
    for (let j = i; needed > 0; j--) {
      const from = this.shared[j]!;
      if (from < needed) {
        letters.set(this.units.subarray(this.suffixAt[j]!, this.suffixAt[j]! + needed - from), from);
        needed = from;
      }
    }
    return lettersToString(length);
  }

  /**
   * Whether entry `i` has a list in `field`, known without decoding it: a
   * typo candidate scores in one field, and the others' terms are passed
   * over. Words written once stay candidates: the paragraph a query is after
   * is often the one place its rare word stands (passing them over cost
   * 0.01 MRR@10 on xglue-qam-de).
   */
  hasField(i: number, field: number): boolean {
    return (this.masks[i]! & (1 << field)) !== 0;
  }

  /**
   * Index of `term` in the block, or -1. The letters are compared in a walk
   * of the front coding; a block looked up often gets a hash index of its
   * terms (a query over many small segments looks each word up in every
   * one). A decoded block is counted at ENTRY_COST.dictionaryPerTerm a term,
   * which covers the index.
   */
  indexOf(term: string): number {
    if (this.positions !== null) return this.positions.get(term) ?? -1;
    if (++this.searches > HASH_AFTER_SEARCHES) {
      this.positions = new Map();
      const terms = this.terms;
      for (let i = 0; i < terms.length; i++) this.positions.set(terms[i]!, i);
      return this.positions.get(term) ?? -1;
    }
    return this.walkTo(term);
  }

  /**
   * Finds `term` by walking the entries in order, keeping how many letters
   * of it the entry before matched (`matched`). An entry that shares more
   * letters with the one before still differs from the term where that one
   * did, downwards (the entries are sorted): go on. Any other agrees with the
   * term on the letters it shares, and is compared from there; one sharing
   * fewer than were matched is past the term at its first letter (unless the
   * writer shortened its shared letters to keep a surrogate pair whole).
   */
  private walkTo(term: string): number {
    const n = term.length;
    let matched = 0;
    for (let i = 0; i < this.count; i++) {
      const shared = this.shared[i]!;
      if (shared > matched) continue;
      const from = this.suffixAt[i]!;
      const length = shared + this.suffixAt[i + 1]! - from;
      let k = shared;
      while (k < length && k < n && this.units[from + k - shared] === term.charCodeAt(k)) k++;
      if (k === length) {
        if (k === n) return i;
        matched = k;
        continue;
      }
      if (k === n || this.units[from + k - shared]! > term.charCodeAt(k)) return -1;
      matched = k;
    }
    return -1;
  }

  /** Index of the first term ≥ `key`. */
  lowerBound(key: string): number {
    const terms = this.terms;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  entry(i: number): TermEntry {
    if (i < 0 || i >= this.count) throw new RangeError(`no entry ${i}`);
    // Offsets are implied by order: the lists of the entries before `i` are measured (not decoded) to place it.
    if (this.postingsAt.length === 0) {
      this.postingsAt.push(this.postingsBase);
      this.positionsAt.push(this.positionsBase);
    }
    if (this.postingsAt.length <= i) {
      const r = new ByteReader(this.bytes);
      while (this.postingsAt.length <= i) {
        const j = this.postingsAt.length - 1;
        r.pos = this.starts[j]!;
        const [postings, positions] = this.listBytes(r, this.ends[j]!);
        this.postingsAt.push(this.postingsAt[j]! + postings);
        this.positionsAt.push(this.positionsAt[j]! + positions);
      }
    }
    return this.decode(i);
  }

  /** The postings and positions bytes of an entry's external lists, read from `r` (at the entry's start) without building them. */
  private listBytes(r: ByteReader, end: number): [number, number] {
    r.varint();
    r.skip(r.varint());
    const flags = r.u8();
    const mask = flags & 0x1f;
    if (((flags >>> 5) & 3) === DISPLAY_STORED) r.skip(r.varint());
    let postings = 0;
    let positions = 0;
    for (let field = 0; field < FIELD_COUNT; field++) {
      if (!(mask & (1 << field))) continue;
      const count = r.varint();
      if (isArticleField(field)) r.varint();
      const mode = r.u8();
      const positional = this.positional.has(field);
      if (mode === 0) {
        r.skip(r.varint());
        if (positional) r.skip(r.varint());
      } else if (mode === 1) {
        const n = Math.ceil(count / BLOCK_SIZE);
        for (let b = 0; b < n; b++) {
          r.varint();
          postings += r.varint();
          r.varint();
          r.skip(5);
          if (positional) {
            positions += r.varint();
            r.skip(4);
          }
        }
      } else throw new FormatError('dictionary entry is damaged');
    }
    if (r.pos !== end) throw new FormatError('dictionary entry has trailing bytes');
    return [postings, positions];
  }

  private decode(i: number): TermEntry {
    const cached = this.decoded.get(i);
    if (cached) return cached;
    const r = new ByteReader(this.bytes, this.starts[i]!, this.ends[i]!);
    r.varint();
    r.skip(r.varint());
    const term = this.term(i);
    const flags = r.u8();
    const mask = flags & 0x1f;
    const kind = (flags >>> 5) & 3;
    const display = kind === DISPLAY_STORED ? r.string() : kind === DISPLAY_CAPITALISED ? capitalise(term) : null;
    const lists: ListInfo[] = [];
    let postingsOffset = this.postingsAt[i]!;
    let positionsOffset = this.positionsAt[i]!;
    for (let field = 0; field < FIELD_COUNT; field++) {
      if (!(mask & (1 << field))) continue;
      const count = r.varint();
      const docFreq = isArticleField(field) ? r.varint() : count;
      const mode = r.u8();
      const positional = this.positional.has(field);
      if (mode === 0) {
        const postings = r.lengthPrefixed();
        const positions = positional ? r.lengthPrefixed() : null;
        lists.push({ field, count, docFreq, blocks: null, inline: { postings, positions } });
      } else if (mode === 1) {
        const n = Math.ceil(count / BLOCK_SIZE);
        const blocks: BlockInfo[] = new Array(n);
        let last = -1;
        for (let b = 0; b < n; b++) {
          last += r.varint();
          const length = r.varint();
          const maxTf = r.varint();
          const minNorm = r.u8();
          const crc = r.u32();
          const posLength = positional ? r.varint() : 0;
          const posCrc = positional ? r.u32() : 0;
          blocks[b] = { lastDoc: last, offset: postingsOffset, length, crc, maxTf, minNorm, posOffset: positionsOffset, posLength, posCrc };
          postingsOffset += length;
          positionsOffset += posLength;
        }
        lists.push({ field, count, docFreq, blocks, inline: null });
      } else throw new FormatError('dictionary entry is damaged');
    }
    if (r.pos !== r.end) throw new FormatError('dictionary entry has trailing bytes');
    const entry: TermEntry = { term, display, lists };
    this.decoded.set(i, entry);
    return entry;
  }
}

/** The letters (UTF-16 code units) of the term being decoded; grown when a term is longer. */
let letters = new Uint16Array(64);

/** The first `length` letters as a string (in pieces: a call takes only so many arguments, and a word may be very long). */
function lettersToString(length: number): string {
  if (length <= 1024) return String.fromCharCode.apply(null, letters.subarray(0, length) as unknown as number[]);
  let out = '';
  for (let at = 0; at < length; at += 1024) out += String.fromCharCode.apply(null, letters.subarray(at, Math.min(length, at + 1024)) as unknown as number[]);
  return out;
}

/** Makes `letters` hold at least `length` letters (keeping those it holds). */
function growLetters(length: number): void {
  if (length <= letters.length) return;
  const grown = new Uint16Array(Math.max(letters.length * 2, length));
  grown.set(letters);
  letters = grown;
}

function sharedPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function capitalise(term: string): string {
  return term.charAt(0).toUpperCase() + term.slice(1);
}
