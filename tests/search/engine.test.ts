import { describe, expect, it } from 'vitest';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { buildMemoryIndex } from '../../src/index/memory-index';
import { DEFAULT_ANALYSIS } from '../../src/analysis';
import { FIELD } from '../../src/index/segment/schema';
import { search } from '../../src/search';
import { article } from '../fixtures';

const index = await buildMemoryIndex(
  [
      article('nato', [
        'Die NATO will ausreichend Militärhilfe an Kiew senden.',
        'US-Außenminister Antony Blinken sprach in Brüssel mit dem NATO-Generalsekretär.',
        'Biden werde "jeden Dollar" der genehmigten Ukraine-Hilfen bereitstellen.',
      ], { title: 'NATO sagt Kiew Hilfe zu', date: '2024-11-14', tags: ['NATO', 'Mark Rutte'] }),
      article('russland', [
        'Russland und die Ukraine verhandeln nicht.',
        'Für jeden einzelnen Dollar gibt es keine Garantie.',
      ], { title: 'Russland', date: '2023-05-01', category: 'Politik' }),
      article('hostile', ['Ein <script>alert("x")</script> im Text über Regierungen.']),
  ],
  { compression: zlibCompression },
);

const ids = async (q: string, options = {}) => (await search(index, q, options)).results.map((r) => `${r.id}#${r.paragraph}`);

describe('search', () => {
  it('returns the result shape scripts rely on', async () => {
    const r = await search(index, 'Militärhilfe');
    expect(r.query).toBe('Militärhilfe');
    expect(r.total).toBeGreaterThanOrEqual(1); // compound parts also find other Hilfe paragraphs, ranked below
    expect(typeof r.tookMs).toBe('number');
    expect(r.results[0]).toMatchObject({
      id: 'nato',
      paragraph: 0,
      title: 'NATO sagt Kiew Hilfe zu',
      text: 'Die NATO will ausreichend Militärhilfe an Kiew senden.',
      snippet: 'Die NATO will ausreichend <mark>Militärhilfe</mark> an Kiew senden.',
    });
  });

  it('finds folded spellings and marks the original form', async () => {
    const r = await search(index, 'Aussenminister Bruessel');
    expect(r.results[0]!.snippet).toContain('US-<mark>Außenminister</mark>');
    expect(r.results[0]!.snippet).toContain('<mark>Brüssel</mark>');
    const [start, end] = r.results[0]!.highlights[0]!;
    expect(r.results[0]!.text.slice(start, end)).toBe('Außenminister');
  });

  it('ranks paragraphs matching more query words higher', async () => {
    expect((await ids('Ukraine Hilfen'))[0]).toBe('nato#2');
  });

  it('requires phrases to match word for word', async () => {
    expect(await ids('"jeden Dollar"')).toEqual(['nato#2']);
    expect((await search(index, '"jeden Dollar"')).results[0]!.snippet).toContain('&quot;<mark>jeden Dollar</mark>&quot;');
    expect(await ids('"Dollar jeden"')).toEqual([]);
  });

  it('excludes paragraphs with an excluded word', async () => {
    expect(await ids('Ukraine')).toContain('russland#0');
    expect(await ids('Ukraine -Russland')).not.toContain('russland#0');
  });

  it('filters on tags, categories and dates', async () => {
    expect(await ids('Dollar tag:nato')).toEqual(['nato#2']);
    expect(await ids('Dollar category:politik')).toEqual(['russland#1']);
    expect(await ids('Dollar date:2024-11..2024-12')).toEqual(['nato#2']);
    expect(await ids('tag:"Mark Rutte"')).toEqual(['nato#0', 'nato#1', 'nato#2']);
  });

  it('drops the articles of an excluded filter, and keeps the others', async () => {
    expect(await ids('Dollar -tag:nato')).toEqual(['russland#1']);
    expect(await ids('Dollar NOT tag:"Mark Rutte"')).toEqual(['russland#1']);
    expect(await ids('Dollar -category:politik')).toEqual(['nato#2']);
    expect(await ids('Dollar -date:2024')).toEqual(['russland#1']);
    expect(await ids('Dollar -date:2023-05..2023-06')).toEqual(['nato#2']);
    expect(await ids('Dollar -id:nato')).toEqual(['russland#1']);
    // A filter no article has drops nothing.
    expect((await ids('Dollar -category:Sport')).sort()).toEqual(['nato#2', 'russland#1']);
    // Kept to and excluded: nothing is left; filters only, with one excluded.
    expect(await ids('Dollar tag:nato -tag:nato')).toEqual([]);
    expect(await ids('tag:"Mark Rutte" -date:2024-11-14')).toEqual([]);
    expect((await search(index, 'Dollar -tag:nato')).total).toBe(1);
  });

  it('finds words while they are typed', async () => {
    expect(await ids('Regieru')).toEqual(['hostile#0']);
    expect(await ids('Regieru ')).toEqual([]);
  });

  it('tolerates typos in words the index does not know', async () => {
    expect(await ids('Ukriane')).toContain('russland#0');
    expect(await ids('Blinkn')).toEqual(['nato#1']);
  });

  it('escapes HTML from the corpus and never echoes markup from the query', async () => {
    const r = await search(index, '<script>Regierungen</script>');
    // `script` is a word of the query, so it is marked — inside escaped text.
    expect(r.results[0]!.snippet).toBe(
      'Ein &lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; im Text über <mark>Regierungen</mark>.',
    );
    expect(r.results[0]!.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('degrades gracefully: stop words only, operators only, empty', async () => {
    for (const q of ['die und der', 'OR', '', '-', '"']) expect((await search(index, q)).results).toEqual([]);
  });

  it('pages with a stable order and a total', async () => {
    const all = await ids('Dollar OR Ukraine OR NATO', { limit: 100 });
    const page = await ids('Dollar OR Ukraine OR NATO', { limit: 2, offset: 1 });
    expect(page).toEqual(all.slice(1, 3));
    expect((await search(index, 'Dollar OR Ukraine OR NATO', { limit: 1 })).total).toBe(all.length);
  });

  it('groups paragraphs by article, best first', async () => {
    const r = await search(index, 'NATO Dollar', { group: true });
    expect(r.results.map((x) => x.id)).toEqual(['nato', 'russland']);
    expect(r.results[0]!.more!.length).toBeGreaterThan(0);
    expect(r.total).toBe(2);
  });

  it('gives the further paragraphs of a group the offsets of a result: text, highlights, snippet range', async () => {
    const more = (await search(index, 'NATO Dollar', { group: true })).results[0]!.more!;
    expect(more.map((m) => m.paragraph)).toEqual([0, 1]);
    const second = more[1]!;
    expect(second.text).toBe('US-Außenminister Antony Blinken sprach in Brüssel mit dem NATO-Generalsekretär.');
    expect(second.highlights.map(([s, e]) => second.text.slice(s, e))).toEqual(['NATO']);
    expect(second.snippetRange).toEqual([0, second.text.length]);
    expect(second.snippet).toBe('US-Außenminister Antony Blinken sprach in Brüssel mit dem <mark>NATO</mark>-Generalsekretär.');
  });
});

describe('recency', () => {
  it('is off by default and, when asked for, lifts newer articles', async () => {
    const idx = await buildMemoryIndex([
      article('old', ['Gipfel in Brüssel, Gipfel in Brüssel.'], { date: '2020-01-01' }),
      article('new', ['Gipfel in Brüssel.'], { date: '2024-11-14' }),
    ]);
    const order = async (options = {}) => (await search(idx, 'Gipfel Brüssel', options)).results.map((r) => r.id);
    expect(await order()).toEqual(['old', 'new']);
    expect(await order({ recency: 30 })).toEqual(['new', 'old']);
  });
});

const news = await buildMemoryIndex(
    [
      article('a', ['Haushalt und Schulden.', 'Mehr zum Haushalt.'], { date: '2024-03-01', category: 'Politik', tags: ['Bund'] }),
      article('b', ['Der Haushalt, der Haushalt, der Haushalt.'], { date: '2022-06-01', category: 'Wirtschaft', tags: ['Bund', 'Länder'] }),
      article('c', ['Haushalt im Land.'], { date: '2024-11-20', category: 'Politik' }),
      article('d', ['Haushalt ohne Datum.']),
    ],
    { compression: zlibCompression },
);

describe('sort and facets', () => {
  it('sorts newest first, ties by score, undated last', async () => {
    const r = await search(news, 'Haushalt', { sort: 'date', limit: 10 });
    expect(r.results.map((x) => `${x.id}#${x.paragraph}`)).toEqual(['c#0', 'a#0', 'a#1', 'b#0', 'd#0']);
    // Relevance order differs: the paragraph saying it three times comes first.
    expect((await search(news, 'Haushalt', { limit: 1 })).results[0]!.id).toBe('b');
    // Paging in date order keeps the order.
    expect((await search(news, 'Haushalt', { sort: 'date', limit: 2, offset: 2 })).results.map((x) => x.id)).toEqual(['a', 'b']);
  });

  it('counts facet values over every match, not just the page', async () => {
    const r = await search(news, 'Haushalt', { limit: 1, facets: ['category', 'tag', 'year', 'source'] });
    expect(r.results.length).toBe(1);
    expect(r.facets!.category).toEqual({ values: [{ value: 'Politik', count: 3 }, { value: 'Wirtschaft', count: 1 }], exact: true });
    expect(r.facets!.tag!.values).toEqual([{ value: 'Bund', count: 3 }, { value: 'Länder', count: 1 }]);
    expect(r.facets!.year!.values).toEqual([{ value: '2024', count: 3 }, { value: '2022', count: 1 }]);
    expect(r.facets!.source!.values).toEqual([]);
    // With grouping, an article counts once.
    const g = await search(news, 'Haushalt', { group: true, facets: ['category'] });
    expect(g.facets!.category!.values).toEqual([{ value: 'Politik', count: 2 }, { value: 'Wirtschaft', count: 1 }]);
    // Filters narrow the counts as they narrow the matches.
    const f = await search(news, 'Haushalt category:Politik', { facets: ['category', 'year'] });
    expect(f.facets!.category!.values).toEqual([{ value: 'Politik', count: 3 }]);
  });
});

describe('phrases with stop words among many near misses', () => {
  it('checks as many hits as it takes, and counts only those that hold', async () => {
    const many = await buildMemoryIndex(
      [
        ...Array.from({ length: 300 }, (_, i) => article(`miss${i}`, [`Für ${i} Dollar und jeden Tag mehr.`])),
        article('hit1', ['Er zahlt jeden Dollar zurück.']),
        article('hit2', ['Jeden Dollar zählt die Behörde.']),
      ],
      { compression: zlibCompression },
    );
    const r = await search(many, '"jeden Dollar"');
    expect(r.results.map((x) => x.id).sort()).toEqual(['hit1', 'hit2']);
    expect([r.total, r.totalExact]).toEqual([2, true]);
  });

  it('marks a phrase where it stands whole, stop words included, and none of its words alone', async () => {
    const index = await buildMemoryIndex(
      [article('a', ['Hilfe für die Ukraine, Waffen aus der Ukraine und schwere Waffen für Panzerwaffen.'])],
      { compression: zlibCompression },
    );
    const marks = async (q: string) => {
      const r = (await search(index, q)).results[0]!;
      return r.highlights.map(([s, e]) => r.text.slice(s, e));
    };
    expect(await marks('"die Ukraine"')).toEqual(['die Ukraine']);
    expect(await marks('"schwere Waffen"')).toEqual(['schwere Waffen']);
    // A word alone is still marked, compound parts included.
    expect(await marks('Waffen')).toEqual(['Waffen', 'Waffen', 'waffen']);
  });

  it('marks a phrase whose stop words stand after its last indexed word, the text going on beyond it', async () => {
    // The words of a text are found only up to the last a mark can end at: here past the phrase's indexed word.
    const index = await buildMemoryIndex(
      [article('a', ['Vorher kamen Waffen aus der Ukraine, danach lange nichts mehr, und am Ende kam der Frieden.'])],
      { compression: zlibCompression },
    );
    const r = (await search(index, '"Waffen aus der"')).results[0]!;
    expect(r.highlights.map(([s, e]) => r.text.slice(s, e))).toEqual(['Waffen aus der']);
    expect(r.snippet).toContain('<mark>Waffen aus der</mark> Ukraine');
  });

  it('marks prefix and typo expansions by the folded words of the text, since the text field keeps no positions', async () => {
    expect(index.segments.map((s) => s.positional.has(FIELD.text))).toEqual([false]);
    const marks = async (q: string) => {
      const r = (await search(index, q)).results[0]!;
      return r.highlights.map(([s, e]) => r.text.slice(s, e));
    };
    // The word being typed, a typo, and the typed word inside a hyphenated word (a piece, and the joined whole).
    expect(await marks('Kiew Militärh')).toEqual(['Militärhilfe', 'Kiew']);
    expect(await marks('Militärhilfr')).toEqual(['Militärhilfe']);
    expect(await marks('Generalsekret')).toEqual(['Generalsekretär']);
    expect(await marks('ukrainehil')).toEqual(['Ukraine-Hilfen']);
  });

  it('keeps the positions of the text field in an index without stems, where it is the phrase field', async () => {
    const plain = await buildMemoryIndex([article('a', ['Die NATO will ausreichend Militärhilfe an Kiew senden.'])], {
      compression: zlibCompression,
      analysis: { ...DEFAULT_ANALYSIS, stem: false, lemmas: false, compounds: false },
    });
    expect(plain.segments.map((s) => s.positional.has(FIELD.text))).toEqual([true]);
    const r = (await search(plain, '"Militärhilfe an Kiew"')).results[0]!;
    expect(r.highlights.map(([s, e]) => r.text.slice(s, e))).toEqual(['Militärhilfe an Kiew']);
    const typed = (await search(plain, 'Militärh')).results[0]!;
    expect(typed.highlights.map(([s, e]) => typed.text.slice(s, e))).toEqual(['Militärhilfe']);
  });

  it('excluded, drops the paragraphs that hold the whole phrase, not those with another word where the stop word stands', async () => {
    const many = await buildMemoryIndex(
      [
        ...Array.from({ length: 40 }, (_, i) => article(`other${i}`, [`Für ${i} Dollar zahlt er.`])),
        article('hit1', ['Er zahlt jeden Dollar zurück.']),
        article('hit2', ['Jeden Dollar zählt die Behörde.']),
      ],
      { compression: zlibCompression },
    );
    const r = await search(many, 'Dollar -"jeden Dollar"', { limit: 100 });
    expect(r.results.map((x) => x.id).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `other${i}`).sort());
    expect([r.total, r.totalExact]).toEqual([40, true]);
    // Without stop words, the phrase is excluded on positions, in the walk, as before.
    expect((await search(many, 'Dollar -"Dollar zurück"', { limit: 100 })).results.map((x) => x.id)).not.toContain('hit1');
    // Grouped, it is excluded on positions too (MatchOptions.textChecks): too many, never one that holds it, not
    // even among an article's further paragraphs.
    const articles = await buildMemoryIndex(
      [article('a', ['Jeden Dollar Dollar Dollar zählt die Behörde.', 'Ein Dollar kostet viel.', 'Noch ein Dollar hier.']), article('b', ['Ein Dollar.'])],
      { compression: zlibCompression },
    );
    const shown = async (q: string) => {
      const r = await search(articles, q, { group: true });
      return r.results.flatMap((x) => [x.text ?? '', ...(x.more ?? []).map((m) => m.text ?? '')]);
    };
    expect((await shown('Dollar')).filter((t) => /\bein Dollar/i.test(t))).toHaveLength(3);
    expect((await shown('Dollar -"ein Dollar"')).filter((t) => /\bein Dollar/i.test(t))).toEqual([]);
  });
});
