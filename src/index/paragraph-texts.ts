/**
 * Paragraph texts kept as one UTF-8 blob with offsets, decoded on demand:
 * only the paragraphs a query shows (or checks a phrase in) become strings,
 * so the texts cost their byte size and no per-string heap.
 */
export class ParagraphTexts {
  private static readonly decoder = new TextDecoder();

  constructor(
    readonly bytes: Uint8Array,
    /** `offsets[i]`…`offsets[i+1]` is paragraph `i`; one more entry than paragraphs. */
    readonly offsets: Uint32Array,
  ) {}

  static fromStrings(texts: readonly string[]): ParagraphTexts {
    const encoder = new TextEncoder();
    const encoded = texts.map((t) => encoder.encode(t));
    const offsets = new Uint32Array(texts.length + 1);
    for (let i = 0; i < encoded.length; i++) offsets[i + 1] = offsets[i]! + encoded[i]!.length;
    const bytes = new Uint8Array(offsets[texts.length]!);
    encoded.forEach((e, i) => bytes.set(e, offsets[i]!));
    return new ParagraphTexts(bytes, offsets);
  }

  get count(): number {
    return this.offsets.length - 1;
  }

  get(i: number): string {
    return ParagraphTexts.decoder.decode(this.bytes.subarray(this.offsets[i]!, this.offsets[i + 1]!));
  }
}
