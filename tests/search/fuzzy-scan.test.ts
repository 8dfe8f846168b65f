import { describe, expect, it } from 'vitest';
import type { FrontCodedTerms } from '../../src/index/segment/dictionary';
import { TypoScanner } from '../../src/search/fuzzy-scan';
import { buildMemoryIndex } from '../../src/index/memory-index';
import { search } from '../../src/search';
import { article } from '../fixtures';

/** The terms of a sorted list within `maxDistance` edits of `query`, as [position, distance] pairs. */
function fuzzyScan(terms: readonly string[], query: string, maxDistance: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  new TypoScanner(query, maxDistance).scan(terms, (i, distance) => out.push([i, distance]));
  return out;
}

/** Whether a term starting with `prefix` may be close enough: the range of every term with that prefix. */
const mayMatchPrefix = (scanner: TypoScanner, prefix: string) => scanner.mayHoldBetween(prefix, prefix + '\uffff');

/** The full optimal-string-alignment table, no band, no cap, no pruning: what the scan must agree with. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** A seeded generator of words over a small alphabet (so that near words abound), with umlauts now and then. */
function words(seed: number) {
  let s = seed;
  const r = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
  const alphabet = 'aeinrstuäß';
  const word = (min: number, max: number) =>
    Array.from({ length: min + Math.floor(r() * (max - min + 1)) }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
  /** A word a few random edits away from `w`. */
  const typo = (w: string) => {
    let out = w;
    for (let e = Math.floor(r() * 4); e > 0; e--) {
      const at = Math.floor(r() * (out.length + 1));
      const kind = Math.floor(r() * 4);
      const c = alphabet[Math.floor(r() * alphabet.length)]!;
      if (kind === 0) out = out.slice(0, at) + c + out.slice(at);
      else if (kind === 1 && at > 1) out = out.slice(0, at - 1) + out.slice(at);
      else if (kind === 2 && at > 1 && at < out.length) out = out.slice(0, at - 1) + c + out.slice(at);
      else if (at > 1 && at < out.length) out = out.slice(0, at - 1) + out[at] + out[at - 1] + out.slice(at + 1);
    }
    return out;
  };
  return { r, word, typo };
}

/** Sorted terms front-coded as a dictionary block keeps them. */
function frontCoded(terms: readonly string[]): FrontCodedTerms {
  const shared: number[] = [];
  const suffixAt = [0];
  const units: number[] = [];
  terms.forEach((t, i) => {
    const previous = i > 0 ? terms[i - 1]! : '';
    let s = 0;
    while (s < t.length && s < previous.length && t[s] === previous[s]) s++;
    shared.push(s);
    for (let k = s; k < t.length; k++) units.push(t.charCodeAt(k));
    suffixAt.push(units.length);
  });
  return { count: terms.length, shared, suffixAt, units };
}

const sorted = (terms: Iterable<string>) => [...new Set(terms)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('typo scan', () => {
  it('finds exactly the terms the full table puts within the distance, with their distances', () => {
    const { r, word, typo } = words(7);
    for (let round = 0; round < 60; round++) {
      const seeds = Array.from({ length: 30 }, () => word(1, 14));
      const terms = sorted([...seeds, ...seeds.flatMap((w) => [typo(w), typo(w), typo(w)]), ...Array.from({ length: 200 }, () => word(1, 16))]);
      for (let q = 0; q < 8; q++) {
        const query = q % 2 ? typo(seeds[Math.floor(r() * seeds.length)]!) : word(1, 14);
        for (const max of [1, 2, 3]) {
          const expected = terms.flatMap((t, i) => (t[0] === query[0] && distance(t, query) <= max && (distance(t, query) < 2 || t[1] === query[1]) ? [[i, distance(t, query)]] : []));
          expect(fuzzyScan(terms, query, max), `${query} within ${max}`).toEqual(expected);
        }
      }
    }
  });

  it('keeps its rows valid from one list to the next, and within a range of a list', () => {
    const { r, word, typo } = words(11);
    for (let round = 0; round < 40; round++) {
      const query = word(5, 12);
      const scanner = new TypoScanner(query, 2);
      // Longer words that start like the query, in every list: a prefix that died in one list must die again in the next.
      const longer = Array.from({ length: 6 }, () => typo(query) + word(1, 5));
      // Blocks of a vocabulary, then the same words again in another segment: the scanner carries its state across.
      for (let list = 0; list < 4; list++) {
        const terms = sorted([...longer, ...Array.from({ length: 80 }, () => (r() < 0.5 ? typo(query) : word(1, 14)))]);
        const from = Math.floor(r() * terms.length);
        const to = from + Math.floor(r() * (terms.length - from + 1));
        const found: Array<[number, number]> = [];
        scanner.scan(terms, (i, d) => found.push([i, d]), from, to);
        const expected = terms.flatMap((t, i) => (i >= from && i < to && t[0] === query[0] && distance(t, query) <= 2 && (distance(t, query) < 2 || t[1] === query[1]) ? [[i, distance(t, query)]] : []));
        expect(found, `${query} in list ${list}`).toEqual(expected);
      }
    }
  });

  it('finds over front-coded terms what it finds over their strings, one scanner for both kinds of list', () => {
    const { r, word, typo } = words(31);
    for (let round = 0; round < 40; round++) {
      const query = r() < 0.5 ? word(4, 12) : typo(word(4, 12));
      const max = 1 + Math.floor(r() * 2);
      const scanner = new TypoScanner(query, max);
      const reference = new TypoScanner(query, max);
      for (let list = 0; list < 4; list++) {
        const terms = sorted([...Array.from({ length: 6 }, () => typo(query) + word(0, 4)), ...Array.from({ length: 120 }, () => (r() < 0.4 ? typo(query) : word(1, 14)))]);
        const expected: Array<[number, number]> = [];
        reference.scan(terms, (i, d) => expected.push([i, d]));
        const found: Array<[number, number]> = [];
        if (list % 2) scanner.scanFrontCoded(frontCoded(terms), (i, d) => found.push([i, d]));
        else scanner.scan(terms, (i, d) => found.push([i, d]));
        expect(found, `${query} within ${max}, list ${list}`).toEqual(expected);
        mayMatchPrefix(scanner, word(1, 6));
      }
    }
  });

  it('walks again into a prefix that died at the end of the previous list', () => {
    const scanner = new TypoScanner('abcde', 1);
    const found: Array<[number, number]> = [];
    for (const list of [['abcdefgh'], ['abcdefgh', 'abcdf'], ['abcdefg', 'abcdf']]) scanner.scan(list, (i, d) => found.push([i, d]));
    expect(found).toEqual([[1, 1], [1, 1]]);
    expect(mayMatchPrefix(scanner, 'abcdefg')).toBe(false);
    expect(mayMatchPrefix(scanner, 'abcdef')).toBe(true);
  });

  it('rules a prefix out only when no word starting with it is close enough', () => {
    const { r, word, typo } = words(23);
    let ruledOut = 0;
    for (let round = 0; round < 300; round++) {
      const query = word(5, 12);
      const scanner = new TypoScanner(query, 1 + Math.floor(r() * 2));
      // Candidates share the query's first letter (the scan's rule), so only such prefixes are asked about.
      const prefix = query[0] + (r() < 0.5 ? typo(query).slice(1, 1 + Math.floor(r() * 8)) : word(0, 7));
      if (mayMatchPrefix(scanner, prefix)) continue;
      ruledOut++;
      for (let k = 0; k < 40; k++) {
        const term = prefix + (r() < 0.5 ? query.slice(Math.floor(r() * query.length)) : word(0, 6));
        expect(distance(term, query), `${term} starts with ${prefix}, ruled out for ${query}`).toBeGreaterThan(scanner.maxDistance);
      }
    }
    // The check must rule some prefixes out, or it would test nothing.
    expect(ruledOut).toBeGreaterThan(50);
  });

  it('rules a range of terms out only when no word in it is close enough', () => {
    const { r, word, typo } = words(31);
    let ruledOut = 0;
    let checked = 0;
    for (let round = 0; round < 400; round++) {
      const query = word(5, 12);
      const scanner = new TypoScanner(query, 1 + Math.floor(r() * 2));
      // Bounds like a dictionary's block index: words of the query's letter, near the query or not, now and then another letter.
      const bound = () => (r() < 0.1 ? word(1, 6) : query[0] + (r() < 0.3 ? typo(query).slice(1, 1 + Math.floor(r() * 10)) : word(1, 8)));
      // Narrow ranges, as blocks of a large dictionary are, and now and then wide ones.
      const narrow = (w: string) => {
        const k = 1 + Math.floor(r() * w.length);
        return w.slice(0, k - 1) + String.fromCharCode(w.charCodeAt(k - 1) + 1 + Math.floor(r() * 3)) + word(0, 3);
      };
      const first = bound();
      const [low, high] = r() < 0.7 ? [first, narrow(first)] : [first, bound()].sort();
      const open = r() < 0.2;
      if (scanner.mayHoldBetween(low!, open ? undefined : high)) continue;
      ruledOut++;
      const inRange = (w: string) => w >= low! && (open || w < high!) && w[0] === query[0];
      const candidates = [
        ...Array.from({ length: 60 }, () => typo(query)),
        ...Array.from({ length: 60 }, () => low! + word(0, 4)),
        ...Array.from({ length: 60 }, () => typo(low!) + word(0, 3)),
        ...Array.from({ length: 60 }, () => high!.slice(0, Math.floor(r() * (high!.length + 1))) + word(0, 4)),
        ...Array.from({ length: 30 }, () => query.slice(0, Math.floor(r() * query.length)) + word(0, 6)),
      ];
      for (const w of candidates.filter(inRange)) {
        checked++;
        expect(distance(w, query), `${w} in [${low}, ${open ? '' : high}), ruled out for ${query}`).toBeGreaterThan(scanner.maxDistance);
      }
    }
    // Enough ranges ruled out and words in them tried, or the test would prove nothing.
    expect(ruledOut).toBeGreaterThan(50);
    expect(checked).toBeGreaterThan(500);
  });

  it('keeps every range that holds a close word, over all words of a small alphabet', () => {
    const { r } = words(43);
    const all: string[] = [''];
    for (let length = 1; length <= 6; length++) for (const w of all.filter((x) => x.length === length - 1)) for (const c of 'abc') all.push(w + c);
    const vocabulary = sorted(all.slice(1));
    let missed = 0;
    for (let round = 0; round < 60; round++) {
      const query = Array.from({ length: 3 + Math.floor(r() * 3) }, () => 'abc'[Math.floor(r() * 3)]).join('');
      const max = 1 + (round % 2);
      const close = vocabulary.filter((w) => w[0] === query[0] && distance(w, query) <= max);
      const scanner = new TypoScanner(query, max);
      for (let k = 0; k < 150; k++) {
        const a = vocabulary[Math.floor(r() * vocabulary.length)]!;
        const b = vocabulary[Math.floor(r() * vocabulary.length)]!;
        const [low, high] = a < b ? [a, r() < 0.1 ? undefined : b] : [b, r() < 0.1 ? undefined : a];
        const holds = close.some((w) => w >= low! && (high === undefined || w < high));
        if (holds) expect(scanner.mayHoldBetween(low!, high), `[${low}, ${high}) holds a word close to ${query}`).toBe(true);
        else if (!scanner.mayHoldBetween(low!, high)) missed++;
      }
    }
    expect(missed).toBeGreaterThan(100);
  });

  it('keeps a range that holds a close word', () => {
    const scanner = new TypoScanner('ukraine', 1);
    expect(scanner.mayHoldBetween('ukr', 'uks')).toBe(true);
    expect(scanner.mayHoldBetween('ukraa', 'ukraj')).toBe(true);
    expect(scanner.mayHoldBetween('ukriane', 'ukrianf')).toBe(true);
    expect(scanner.mayHoldBetween('ukraine', undefined)).toBe(true);
    expect(scanner.mayHoldBetween('ukrainf', 'ukz')).toBe(true); // `ukrainr`, `ukrainz`…
    expect(scanner.mayHoldBetween('ukrainf', 'ukrainr')).toBe(true); // `ukrainf` itself
    expect(scanner.mayHoldBetween('ubr', 'ubs')).toBe(true); // `ubraine`
    // What `ub` and `uc` share is alive (`ubraine`), but none of `ubs`… up to `ubz` is.
    expect(mayMatchPrefix(scanner, 'ub')).toBe(true);
    expect(scanner.mayHoldBetween('ubs', 'ubz')).toBe(false);
    expect(scanner.mayHoldBetween('ubb', 'ubc')).toBe(false);
    expect(scanner.mayHoldBetween('ukrainf', 'ukrainr')).toBe(true);
    expect(scanner.mayHoldBetween('ta', 'tz')).toBe(false);
    expect(scanner.mayHoldBetween('ukraj', 'ukraa')).toBe(false); // empty
  });
});

describe('the dictionary blocks a typo scan reads', () => {
  it('counts toward the cap only blocks that may hold a candidate, the nearest to the word first', async () => {
    // Many words of one letter: its slice spans many dictionary blocks, the word sought lies near its end.
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const words = Array.from({ length: 4000 }, (_, i) => `s${letters[Math.floor(i / 676) % 26]}${letters[Math.floor(i / 26) % 26]}${letters[i % 26]}ungen`);
    const index = await buildMemoryIndex([article('a', [words.join(' ')]), article('b', ['Die Steuerzahlung im Sommer.'])]);
    const segment = index.segments[0]!;
    const sought = 'steuerzahlunx';
    const scanner = new TypoScanner(sought, 1);
    const mayHold = (low: string, high: string | undefined) => scanner.mayHoldBetween(low, high);
    const all = segment.typoBlockNumbers('s', sought, 10_000, mayHold);
    const target = segment.blockOf('steuerzahlung');
    const sliceStart = segment.blockOf('s');
    expect(target - sliceStart).toBeGreaterThan(4);
    expect(all).toContain(target);
    // With a cap of two, the blocks are two that may hold a candidate, the target's among them.
    const capped = segment.typoBlockNumbers('s', sought, 2, mayHold);
    expect(capped.length).toBeLessThanOrEqual(2);
    expect(capped).toContain(target);
    expect(capped.every((b) => all.includes(b))).toBe(true);
    expect((await search(index, 'Steuerzahlunx', { prefix: false })).results.map((r) => r.id)).toEqual(['b']);
  });
});
