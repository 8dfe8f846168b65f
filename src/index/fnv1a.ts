/**
 * FNV-1a, 32-bit (Fowler–Noll–Vo): a hash starts at `offsetBasis`, and each
 * value (a byte, a 32-bit word, a UTF-16 code unit) is folded in as
 * `h = Math.imul(h ^ value, prime)`. Fast and good enough to catch damage
 * (the index's section checksums) and to tell queries apart (ETags); not
 * for anything an attacker must not forge.
 */
export const FNV1A = { offsetBasis: 0x811c9dc5, prime: 0x01000193 } as const;

/** FNV-1a over the UTF-16 code units of `text`, unsigned. */
export function fnv1aString(text: string): number {
  const { prime } = FNV1A;
  let h: number = FNV1A.offsetBasis;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), prime);
  return h >>> 0;
}
