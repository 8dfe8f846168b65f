import fc from 'fast-check';

/**
 * Generators for hostile text: plain fc.string() rarely produces what breaks
 * text code, so these mix German words with the characters that do —
 * combining marks, surrogate pairs (emoji, astral letters), lone surrogates,
 * right-to-left text and bidi controls, control characters, soft hyphens and
 * zero-width characters, HTML metacharacters, query syntax.
 */

/** A fixed seed (override with FC_SEED=…) so that a failure reproduces; fast-check prints seed and path on failure. */
export const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20_261_125;

/** Options for fc.assert: fixed seed, moderate runs (the whole property suite must stay well under 30 s). */
export function runs(numRuns: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns };
}

const GERMAN_WORDS = [
  'Militärhilfe', 'Außenminister', 'Brüssel', 'Bruessel', 'NATO-Generalsekretär', 'US-Dollar', 'Ukraine', 'Kiew',
  'gewonnen', 'Länder', 'Sicherheitsberater', 'Verbraucher', 'Straße', 'STRASSE', 'Böen', 'Noël', 'Citroën',
  'Raphaël', 'Café', 'die', 'und', 'nicht', 'jeden', 'Dollar', 'Oberbürgermeister', 'Bundesverfassungsgericht', '2024',
  'ﬁnanzieren', 'Ｎａｔｏ', 'Betrach\u00ADtet', 'Militär\u00ADhilfe', 'Mu\u0308ller', 'ẞ', 'İstanbul', 'Ĳssel',
];

const HOSTILE_PIECES = [
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'", '"', '&', '&amp;', '&lt;', '&#60;', '<', '>',
  '</mark>', '<mark>', 'javascript:alert(1)', '\u0000', '\u0007', '\u001b[31m', '\r\n', '\t', '\u2028', '\u2029',
  '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u202E', '\u202D', '\u2066', '\u2069', '\u061C',
  '😀', '👩‍👩‍👧', '🇩🇪', '👍🏽', '𝐀𝐁𝐂', '𠜎', '\uD800', '\uDFFF', '\uDBFF\uDFFF', '\uDC00\uD800',
  'שלום', 'مرحبا', 'Привет', '日本語', 'ﷺ', 'e\u0301', 'a\u0308\u0308\u0308', '\u0301\u0301', 'Z\u0351\u0352\u0353',
  '-', '--', '‐', '‑', '"', 'tag:', 'tag:"', 'date:2024..', 'date:..', 'NOT', 'OR', '-"', 'id:', '::', '\u00A0', '\u3000',
];

/** One UTF-16 code unit of any kind, including lone surrogates. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Any code point, astral ones as surrogate pairs. */
const codePoint = fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c));
const latinWord = fc.stringMatching(/^[A-Za-zÄÖÜäöüß]{1,14}$/);

/** A piece of hostile text: a German word, a nasty fragment, a random character or a string of them. */
export const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...GERMAN_WORDS) },
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
  { weight: 2, arbitrary: latinWord },
  { weight: 2, arbitrary: codeUnit },
  { weight: 2, arbitrary: codePoint },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

const separator = fc.constantFrom(' ', ' ', ' ', '', '\n', '-', ', ', '. ', '\u00A0', '\u00AD');

/** Hostile text of up to `maxPieces` pieces, joined by spaces and other separators. */
export function hostileText(maxPieces = 40): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(piece, separator), { maxLength: maxPieces })
    .map((parts) => parts.map(([p, s]) => p + s).join(''));
}

/** A long input (10k–100k characters) made by repeating hostile text: worst cases for anything quadratic. */
export const longText: fc.Arbitrary<string> = fc
  .tuple(hostileText(8), fc.integer({ min: 10_000, max: 100_000 }))
  .map(([unit, length]) => {
    const base = unit || 'a';
    return base.repeat(Math.ceil(length / base.length)).slice(0, length);
  });

/** A query as a hostile user might type it: words, phrases, exclusions, filters, hostile characters. */
export const hostileQuery: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      piece,
      piece.map((p) => `"${p}`),
      piece.map((p) => `-${p}`),
      fc.tuple(fc.constantFrom('tag', 'category', 'source', 'id', 'date', 'TAG', 'foo'), piece).map(([f, v]) => `${f}:${v}`),
    ),
    { maxLength: 40 },
  )
  .chain((parts) => fc.constantFrom(' ', '', '"', '  ').map((sep) => parts.join(sep)));

/** Whether `s[at]` is the low half of a surrogate pair (an offset there would split the pair). */
export function splitsPair(s: string, at: number): boolean {
  if (at <= 0 || at >= s.length) return false;
  const before = s.charCodeAt(at - 1);
  const after = s.charCodeAt(at);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** Undoes escapeHtml of src/render/results.ts (the five entities it writes), to check what it escaped. */
export function unescapeHtml(html: string): string {
  return html.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}
