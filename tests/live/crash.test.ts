import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article';
import { zlibCompression } from '../../src/index/codec/zlib-compression';
import { MemoryStore, openIndex } from '../../src/index/memory-index';
import { LiveIndex } from '../../src/live/live-index';
import type { WriteOp } from '../../src/live/ops';
import { storePointer } from '../../src/live/pointer';
import { MemoryLog, WriterCore } from '../../src/live/writer';
import { search } from '../../src/search';
import { article } from '../fixtures';
import { MemoryGarbage } from './memory-garbage';

/** A store that fails every write after the first `budget` ones: a writer killed at that step. */
class DyingStore extends MemoryStore {
  writes = 0;
  constructor(
    private readonly inner: MemoryStore,
    private readonly budget: number,
  ) {
    super(inner.chunks);
  }
  private step(): void {
    if (++this.writes > this.budget) throw new Error(`killed at write ${this.writes}`);
  }
  override async put(name: string, bytes: Uint8Array) {
    this.step();
    return this.inner.put(name, bytes);
  }
  override async swapPointer(name: string, bytes: Uint8Array) {
    this.step();
    return this.inner.swapPointer(name, bytes);
  }
  override async remove(name: string) {
    this.step();
    return this.inner.remove(name);
  }
}

const options = { compression: zlibCompression, chunkSize: 512 };
const open = (store: MemoryStore, garbage: MemoryGarbage) => LiveIndex.open(store, storePointer(store), garbage, options);

/** What every acknowledged write says the index must hold: each id once, with its last text. */
async function expectExactly(store: MemoryStore, expected: Map<string, Article>): Promise<void> {
  const index = await openIndex(store, { compression: zlibCompression });
  const results = (await search(index, 'Möwe', { limit: 200 })).results;
  expect(results.map((r) => `${r.id}/${r.paragraph}`).sort()).toEqual(
    [...expected.values()].flatMap((a) => a.paragraphs.map((_, p) => `${a.id}/${p}`)).sort(),
  );
  for (const r of results) expect(r.text).toBe(expected.get(r.id)!.paragraphs[r.paragraph]);
}

/** Acknowledged writes: puts, corrections, deletes. */
function writes(round: number, expected: Map<string, Article>): WriteOp[] {
  const out: WriteOp[] = [];
  for (let k = 0; k < 6; k++) {
    const id = `c${(round * 4 + k) % 9}`;
    const a = article(id, Array.from({ length: 1 + ((round + k) % 3) }, (_, p) => `Möwe ${id} Runde ${round} Absatz ${p}.`), { date: `2024-05-0${1 + k}` });
    out.push({ op: 'put', article: a });
    expected.set(id, a);
  }
  const gone = `c${(round * 5) % 9}`;
  out.push({ op: 'delete', id: gone });
  expected.delete(gone);
  return out;
}

describe('a writer killed at any step', () => {
  it('mid-flush: after a restart, every acknowledged write is in the index exactly once', async () => {
    // How many store writes one flush makes, counted once.
    const probe = new DyingStore(new MemoryStore(), Infinity);
    {
      const log = new MemoryLog();
      const live = await open(probe, new MemoryGarbage());
      const w = new WriterCore(log, live);
      await w.write(writes(0, new Map()));
      await w.flush();
      const before = probe.writes;
      await w.write(writes(1, new Map()));
      await w.flush();
      expect(probe.writes - before).toBeGreaterThan(3);
    }
    const steps = probe.writes;
    for (let kill = 0; kill < steps; kill++) {
      const store = new MemoryStore();
      const log = new MemoryLog();
      const garbage = new MemoryGarbage();
      const expected = new Map<string, Article>();
      const first = new WriterCore(log, await open(new DyingStore(store, kill), garbage));
      await first.write(writes(0, expected));
      await first.write(writes(1, expected));
      await first.flush().catch(() => null);
      // The log is the durable part (SQLite in the Durable Object): it survives; the process does not.
      const second = new WriterCore(log, await open(store, garbage));
      await second.flush();
      expect((await second.status()).pending).toBe(0);
      await expectExactly(store, expected);
    }
  });

  it('mid-compaction: the index stays searchable with every write, and a later compaction finishes the job', async () => {
    const seed = async (store: MemoryStore, garbage: MemoryGarbage) => {
      const expected = new Map<string, Article>();
      const w = new WriterCore(new MemoryLog(), await open(store, garbage));
      for (let round = 0; round < 5; round++) {
        await w.write(writes(round, expected));
        await w.flush();
      }
      return expected;
    };
    const probe = new MemoryStore();
    await seed(probe, new MemoryGarbage());
    const counting = new DyingStore(probe, Infinity);
    await (await open(counting, new MemoryGarbage())).compact({ full: true, expunge: true });
    const steps = counting.writes;
    expect(steps).toBeGreaterThan(3);
    for (let kill = 0; kill < steps; kill++) {
      const store = new MemoryStore();
      const garbage = new MemoryGarbage();
      const expected = await seed(store, garbage);
      await (await open(new DyingStore(store, kill), garbage)).compact({ full: true, expunge: true }).catch(() => null);
      await expectExactly(store, expected);
      const again = await open(store, garbage);
      await again.compact({ full: true, expunge: true });
      expect(again.reader.root.segments).toHaveLength(1);
      await expectExactly(store, expected);
    }
  });
});

describe('a compaction asked while writes wait in the log', () => {
  it('publishes them first, so it leaves one segment without deletions', async () => {
    const store = new MemoryStore();
    const expected = new Map<string, Article>();
    const w = new WriterCore(new MemoryLog(), await open(store, new MemoryGarbage()));
    await w.write(writes(0, expected));
    await w.flush();
    // Corrections and deletes of round 1 are acknowledged but not yet flushed when the compaction comes.
    await w.write(writes(1, expected));
    expect((await w.status()).pending).toBeGreaterThan(0);
    await w.compact({ full: true, expunge: true });
    expect((await w.status()).pending).toBe(0);
    const root = (await openIndex(store, { compression: zlibCompression })).root;
    expect(root.segments).toHaveLength(1);
    expect(root.segments[0]!.deletions ?? null).toBeNull();
    await expectExactly(store, expected);
  });
});
