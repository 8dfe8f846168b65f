/**
 * Little-endian byte writing and reading with LEB128 varints: the primitive
 * every index structure is encoded with. Varints hold unsigned integers up to
 * 2^53 (JavaScript's safe integers), so byte offsets of large files fit.
 */
export class ByteWriter {
  private buffer: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.buffer = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buffer.buffer);
  }

  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }

  u8(value: number): this {
    this.reserve(1);
    this.buffer[this.length++] = value;
    return this;
  }

  u32(value: number): this {
    this.reserve(4);
    this.view.setUint32(this.length, value >>> 0, true);
    this.length += 4;
    return this;
  }

  varint(value: number): this {
    if (!(value >= 0) || !Number.isSafeInteger(value)) throw new RangeError(`varint out of range: ${value}`);
    this.reserve(8);
    while (value >= 0x80) {
      this.buffer[this.length++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buffer[this.length++] = value;
    return this;
  }

  bytes(bytes: Uint8Array): this {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  /** A length-prefixed UTF-8 string. */
  string(text: string): this {
    return this.lengthPrefixed(utf8.encode(text));
  }

  lengthPrefixed(bytes: Uint8Array): this {
    return this.varint(bytes.length).bytes(bytes);
  }

  /** A view of what was written (valid until the next write). */
  view_(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  /** A copy of what was written, sized exactly. */
  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  /**
   * What was written, as a view of the buffer when at least half of it is
   * used (a writer sized ahead for a big file), else a copy: the writer must
   * not be used afterwards. A copy sized exactly would hold both at once,
   * at the moment a build's memory peaks (a merge sizes its writers from its
   * inputs and fills most of them); a buffer mostly unused (a compaction that
   * drops many deleted docs) would hold its tail for as long as the view lives.
   */
  detach(): Uint8Array {
    if (this.length * 2 >= this.buffer.length) return this.buffer.subarray(0, this.length);
    return this.finish();
  }

  reset(): void {
    this.length = 0;
  }
}

export class ByteReader {
  pos: number;
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  private need(n: number): void {
    if (this.pos + n > this.end) throw new FormatError('unexpected end of data');
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.pos++]!;
  }

  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return value;
  }

  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      if (this.pos >= this.end) throw new FormatError('unexpected end of data in varint');
      const byte = this.bytes[this.pos++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 0x80;
    }
    throw new FormatError('varint too long');
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }

  take(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  lengthPrefixed(): Uint8Array {
    return this.take(this.varint());
  }

  string(): string {
    return utf8Decoder.decode(this.lengthPrefixed());
  }
}

/** Data that does not decode as the format says: a damaged or foreign file. */
export class FormatError extends Error {
  override name = 'FormatError';
}

export const utf8 = new TextEncoder();
export const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
