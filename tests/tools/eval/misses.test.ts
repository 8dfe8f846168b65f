import { describe, expect, it } from 'vitest';
import { findMisses, missesTable } from '../../../tools/eval/misses';
import type { EvalSet } from '../../../tools/eval/run';
import { article } from '../../fixtures';

const neutral = { title: 'Meldung' };
// Twelve paragraphs that share three words with the last query and outrank the one judged relevant for it.
const fares = Array.from({ length: 12 }, (_, i) => article(`fare${i}`, [`Im Sommer steigen die Preise, bei jedem Wetter, Linie ${i + 1}.`], neutral));
const set: EvalSet = {
  name: 'tiny',
  articles: [
    article('bahn', ['Die Bahn erhöht im Herbst die Preise für Fahrkarten.'], neutral),
    article('wetter', ['Das Wetter bleibt morgen sonnig und warm.'], neutral),
    article('museum', ['Das Museum zeigt Bilder von Malern aus Venedig.'], neutral),
    article('koenig', ['Der König von Frankreich unterschrieb das Edikt.'], neutral),
    ...fares,
  ],
  queries: [
    { qid: 'found', query: 'Wann erhöht die Bahn im Herbst die Preise?', relevant: [{ doc: 'bahn', paragraph: 0 }] },
    { qid: 'paraphrase', query: 'Welche Bilder zeigt das Museum aus Venedig?', relevant: [{ doc: 'koenig', paragraph: 0 }] },
    { qid: 'pronoun', query: 'Was unterschrieb er?', relevant: [{ doc: 'wetter', paragraph: 0 }] },
    { qid: 'unknown', query: 'Xylophonkonzert', relevant: [{ doc: 'museum', paragraph: 0 }] },
    { qid: 'outranked', query: 'Wetter Sommer Preise', relevant: [{ doc: 'wetter', paragraph: 0 }] },
  ],
};

describe('the worst misses', () => {
  it('lists the queries without a relevant paragraph in the top 10, the ones not in the top 100 first, and reads why', async () => {
    const m = await findMisses(set, 20);
    expect(m).toMatchObject({ set: 'tiny', queries: 5, misses: 4 });
    expect(m.worst.map((x) => x.query)).toEqual(['Welche Bilder zeigt das Museum aus Venedig?', 'Was unterschrieb er?', 'Xylophonkonzert', 'Wetter Sommer Preise']);
    expect(m.worst.slice(0, 3).map((x) => x.rank)).toEqual([null, null, null]);
    // Below the twelve paragraphs that have all three words.
    expect(m.worst[3]!.rank).toBeGreaterThan(12);
    const [paraphrase, pronoun, unknown, outranked] = m.worst.map((x) => x.why);
    expect(paraphrase).toBe('paraphrase: the paragraph has none of „Bilder“, „zeigt“, „Museum“, „Venedig“');
    expect(pronoun).toBe('asks about „er“ of a paragraph it does not name; shares none of „unterschrieb“');
    expect(unknown).toMatch(/^no word of the set: „Xylophonkonzert“/);
    expect(outranked).toBe('shares only „Wetter“; the first result has „Wetter“, „Sommer“, „Preise“');
    expect(m.worst[3]!.shared).toEqual(['Wetter']);
  });
  it('keeps only the worst N, and the table numbers them', async () => {
    const m = await findMisses(set, 2);
    expect(m.misses).toBe(4);
    expect(m.worst).toHaveLength(2);
    const table = missesTable(m);
    expect(table).toContain('tiny: 4 of 5 questions have no relevant paragraph in the top 10.');
    expect(table).toContain('| 2 | Was unterschrieb er? | >100 |');
  });
});
