import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/corpus/article';
import { buildMemoryIndex } from '../../../src/index/memory-index';
import { search } from '../../../src/search';

// A bounded soak (the 10,000-write one, with the isolate's heap, is `npm run check:live`): writes, corrections and
// deletes interleaved with queries, then a compaction; the index must then answer as a build from scratch does.
const TOKEN = 'workerd-test-token-0123456789abcdef0123456789';
const words = ['Deich', 'Sturmflut', 'Hafen', 'Kutter', 'Watt', 'Düne', 'Leuchtfeuer', 'Fischmarkt'];
const headers = (n: number) => ({ Authorization: `Bearer ${TOKEN}`, 'CF-Connecting-IP': `198.18.0.${n % 250}` });
const ranked = async (q: string, n: number) =>
  ((await (await SELF.fetch(`http://localhost/api/search?q=${encodeURIComponent(q)}&limit=10&n=${n}`, { headers: headers(n) })).json()) as any).results as any[];

describe('soak in workerd', () => {
  it('300 writes interleaved with queries end in an index that ranks as a build from scratch', async () => {
    const final = new Map<string, Article>();
    let failed = 0;
    for (let round = 0; round < 30; round++) {
      const lines: string[] = [];
      for (let k = 0; k < 10; k++) {
        const i = round * 10 + k;
        const id = `soak-${(i * 7) % 120}`;
        const paragraphs = Array.from({ length: 1 + (i % 3) }, (_, p) => `${words[(i + p) % 8]} Nordsee ${words[(i * 3 + p) % 8]} Meldung ${i} Teil ${p}.`);
        const a: Article = { id, title: `${words[i % 8]} ${i}`, date: `2025-0${1 + (i % 9)}-1${i % 10}`, url: null, source: null, category: null, tags: [], paragraphs };
        lines.push(JSON.stringify({ id, title: a.title, date: a.date, paragraphs }));
        final.set(id, a);
      }
      // The first bulk waits, so that the index exists before the first query (an empty bucket has none: 503).
      const res = await SELF.fetch(`http://localhost/api/admin/articles${round === 0 ? '?wait=true' : ''}`, { method: 'POST', body: lines.join('\n'), headers: headers(round) });
      expect(res.status).toBe(round === 0 ? 200 : 202);
      await res.arrayBuffer();
      if (round % 3 === 2) {
        const gone = `soak-${(round * 11) % 120}`;
        await (await SELF.fetch(`http://localhost/api/admin/articles/${gone}`, { method: 'DELETE', headers: headers(round) })).arrayBuffer();
        final.delete(gone);
      }
      const answer = await SELF.fetch(`http://localhost/api/search?q=${words[round % 8]}%20Nordsee&r=${round}`, { headers: headers(round + 100) });
      if (answer.status !== 200) failed++;
      await answer.arrayBuffer();
    }
    const compact = await SELF.fetch('http://localhost/api/admin/compact?wait=true', { method: 'POST', headers: headers(1) });
    expect(compact.status).toBe(200);
    await compact.arrayBuffer();
    await (await SELF.fetch('http://localhost/api/admin/articles/soak-probe?wait=true', { method: 'PUT', body: JSON.stringify({ paragraphs: ['Probe.'] }), headers: headers(2) })).arrayBuffer();
    final.set('soak-probe', { id: 'soak-probe', title: 'Probe.', date: null, url: null, source: null, category: null, tags: [], paragraphs: ['Probe.'] });
    expect(failed).toBe(0);
    // The index holds exactly what the soak wrote (a project of its own), so scores must equal a build's.
    const rebuilt = await buildMemoryIndex([...final.values()]);
    for (const [n, w] of words.entries()) {
      const q = `${w} Nordsee`;
      const got = (await ranked(q, n)).filter((r) => r.id.startsWith('soak-')).map((r) => `${r.score} ${r.id}/${r.paragraph}`);
      const want = (await search(rebuilt, q, { limit: 10 })).results.map((r) => `${r.score} ${r.id}/${r.paragraph}`);
      // The same scores in order, the same hits above the last score (ties at the cut may differ: doc ids differ).
      expect(got.map((x) => x.split(' ')[0]), q).toEqual(want.map((x) => x.split(' ')[0]));
      const cut = Number(want.at(-1)?.split(' ')[0] ?? 0);
      const above = (xs: string[]) => xs.filter((x) => Number(x.split(' ')[0]) > cut).sort();
      expect(above(got), q).toEqual(above(want));
    }
  });
});
