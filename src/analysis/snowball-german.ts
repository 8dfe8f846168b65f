/**
 * The Snowball German stemmer (snowballstem.org/algorithms/german), written
 * out by hand from the same Snowball program that the `snowball-stemmers`
 * package compiles, and giving exactly its stems (tests/analysis/snowball-german.test.ts
 * compares the two over the lexicon and random words). That package runs
 * Snowball's Java output through getters that look each field up anew,
 * several times slower; an index build stems every new word it meets, and
 * that was its slowest step.
 *
 * Steps, as in the Snowball program: ß → ss; u and y between vowels marked
 * as consonants (U, Y); the regions R1 and R2; three groups of suffixes
 * removed (each the longest that matches, removed only when it lies in its
 * region); then the marks and umlauts undone (U → u, ä → a, …).
 */
export function snowballGermanStem(word: string): string {
  let w = word.includes('ß') ? word.replace(/ß/g, 'ss') : word;
  w = markVowelConsonants(w);
  const { p1, p2 } = regions(w);

  // Step 1, in R1: em ern er → delete; e en es → delete, and niss → nis; s after a valid s-ending → delete.
  let suffix = longestSuffix(w, STEP1);
  if (suffix !== null && w.length - suffix.length >= p1) {
    const bra = w.length - suffix.length;
    if (suffix === 'em' || suffix === 'ern' || suffix === 'er') w = w.slice(0, bra);
    else if (suffix === 's') {
      if (bra > 0 && isSEnding(w.charCodeAt(bra - 1))) w = w.slice(0, bra);
    } else {
      w = w.slice(0, bra);
      if (w.endsWith('niss')) w = w.slice(0, -1);
    }
  }

  // Step 2, in R1: en er est → delete; st after a valid st-ending, itself at least 3 letters in → delete.
  suffix = longestSuffix(w, STEP2);
  if (suffix !== null && w.length - suffix.length >= p1) {
    const bra = w.length - suffix.length;
    if (suffix !== 'st') w = w.slice(0, bra);
    else if (bra - 1 >= 3 && isStEnding(w.charCodeAt(bra - 1))) w = w.slice(0, bra);
  }

  // Step 3, in R2: derivational suffixes.
  suffix = longestSuffix(w, STEP3);
  if (suffix !== null && w.length - suffix.length >= p2) {
    const bra = w.length - suffix.length;
    switch (suffix) {
      case 'end':
      case 'ung':
        w = w.slice(0, bra);
        // and a preceding ig, in R2, not after e
        if (w.endsWith('ig') && w.length - 2 >= p2 && w.charCodeAt(w.length - 3) !== 0x65) w = w.slice(0, -2);
        break;
      case 'ig':
      case 'ik':
      case 'isch':
        if (w.charCodeAt(bra - 1) !== 0x65) w = w.slice(0, bra);
        break;
      case 'lich':
      case 'heit':
        w = w.slice(0, bra);
        // and a preceding er or en, in R1
        if ((w.endsWith('er') || w.endsWith('en')) && w.length - 2 >= p1) w = w.slice(0, -2);
        break;
      case 'keit': {
        w = w.slice(0, bra);
        // and a preceding lich or ig, in R2
        const before = w.endsWith('lich') ? 4 : w.endsWith('ig') ? 2 : 0;
        if (before && w.length - before >= p2) w = w.slice(0, -before);
        break;
      }
    }
  }
  return unmark(w);
}

/** Suffixes of each step, longest first (a step removes the longest that ends the word, or none). */
const STEP1 = ['ern', 'em', 'en', 'er', 'es', 'e', 's'];
const STEP2 = ['est', 'en', 'er', 'st'];
const STEP3 = ['isch', 'lich', 'heit', 'keit', 'end', 'ung', 'ig', 'ik'];

function longestSuffix(w: string, suffixes: readonly string[]): string | null {
  for (const s of suffixes) if (w.endsWith(s)) return s;
  return null;
}

/** Snowball's vowels: a e i o u y ä ö ü (a marked U or Y is none). */
function isVowel(c: number): boolean {
  return c === 0x61 || c === 0x65 || c === 0x69 || c === 0x6f || c === 0x75 || c === 0x79 || c === 0xe4 || c === 0xf6 || c === 0xfc;
}

/** b d f g h k l m n r t: the letters an s may be removed after. */
function isSEnding(c: number): boolean {
  return c === 0x62 || c === 0x64 || c === 0x66 || c === 0x67 || c === 0x68 || c === 0x6b || c === 0x6c || c === 0x6d || c === 0x6e || c === 0x72 || c === 0x74;
}

/** The s-endings but r: the letters an st may be removed after. */
function isStEnding(c: number): boolean {
  return c !== 0x72 && isSEnding(c);
}

/** u and y between vowels become U and Y, scanning left to right over the word as it is being changed. */
function markVowelConsonants(w: string): string {
  let out: string[] | null = null;
  for (let i = 0; i + 2 < w.length; i++) {
    const here = out ? out[i]!.charCodeAt(0) : w.charCodeAt(i);
    if (!isVowel(here)) continue;
    const next = w.charCodeAt(i + 1);
    if ((next === 0x75 || next === 0x79) && isVowel(w.charCodeAt(i + 2))) {
      out ??= w.split('');
      out[i + 1] = next === 0x75 ? 'U' : 'Y';
    }
  }
  return out ? out.join('') : w;
}

/**
 * R1: after the first non-vowel that follows a vowel, but not before the
 * fourth letter; R2: the same rule applied again within R1. Each is the
 * word's length when the word has no such place (or fewer than 3 letters).
 */
function regions(w: string): { p1: number; p2: number } {
  const n = w.length;
  if (n < 3) return { p1: n, p2: n };
  let i = 0;
  while (i < n && !isVowel(w.charCodeAt(i))) i++;
  if (i >= n) return { p1: n, p2: n };
  i++;
  while (i < n && isVowel(w.charCodeAt(i))) i++;
  if (i >= n) return { p1: n, p2: n };
  i++;
  const p1 = Math.max(i, 3);
  while (i < n && !isVowel(w.charCodeAt(i))) i++;
  if (i >= n) return { p1, p2: n };
  i++;
  while (i < n && isVowel(w.charCodeAt(i))) i++;
  if (i >= n) return { p1, p2: n };
  return { p1, p2: i + 1 };
}

/** U → u, Y → y, ä → a, ö → o, ü → u. */
function unmark(w: string): string {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c === 0x55 || c === 0x59 || c === 0xe4 || c === 0xf6 || c === 0xfc) {
      return w.replace(/[UYäöü]/g, (m) => (m === 'U' ? 'u' : m === 'Y' ? 'y' : m === 'ä' ? 'a' : m === 'ö' ? 'o' : 'u'));
    }
  }
  return w;
}
