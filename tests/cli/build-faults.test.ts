import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { buildIndexCommand } from '../../src/cli/build-index';
import { openIndexDir } from '../../src/cli/open-index-dir';
import { CURRENT } from '../../src/index/root';
import { search } from '../../src/search';
import worker from '../../src/worker/index';

const ROOT = resolve(__dirname, '../..');
const BUILD_INDEX = join(ROOT, 'src/cli/build-index.ts');
const SEED = readFileSync(join(ROOT, 'corpus/nato-ukraine-militaerhilfe-2024-11.txt'));

afterEach(() => vi.restoreAllMocks());

/** Folders the tests make (corpora of tens of MB among them), removed when the file is done. */
const made: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  return { out: () => out.join('\n'), err: () => err.join('\n') };
}

/** `npm run build:index` as its own process, as a user (or a CI job) runs it. */
function runBuild(args: string[], options: { uid?: number; gid?: number } = {}): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', BUILD_INDEX, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c) => (stdout += c));
  child.stderr!.on('data', (c) => (stderr += c));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr, stdout })),
  );
  return { child, done };
}

/** Whether user `nobody` can run the build from this checkout (it cannot where a parent folder is private, e.g. /root). */
function nobodyCanRunTheBuild(): boolean {
  return spawnSync(process.execPath, ['--import', 'tsx', '-e', '0'], { cwd: ROOT, uid: 65534, gid: 65534, stdio: 'ignore', timeout: 15_000 }).status === 0;
}

/** A corpus big enough that building it takes a couple of seconds: 1,500 articles, 7,500 paragraphs. */
function bigCorpus(dir: string): void {
  let s = 1;
  const r = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
  const words = 'Regierung Bundestag Ukraine Militärhilfe Kiew Brüssel Außenminister Verteidigung Sicherheit Wirtschaft Haushalt Wahl Kanzler Partei Koalition Europa Gipfel Verhandlung Energie Preise Inflation Klima Schule Universität Forschung Krankenhaus Pflege Bahn Verkehr Straße Stadt Gemeinde Polizei Gericht Urteil Gesetz Reform Steuer Rente Arbeit Markt Unternehmen Export Handel'.split(' ');
  const word = () => words[Math.floor(r() * words.length)]! + (r() < 0.3 ? String(Math.floor(r() * 1000)) : '');
  const lines: string[] = [];
  for (let a = 0; a < 1500; a++) {
    const paragraphs = Array.from({ length: 5 }, () => `${Array.from({ length: 40 }, word).join(' ')}.`);
    lines.push(JSON.stringify({ id: `a${a}`, title: null, paragraphs }));
  }
  writeFileSync(join(dir, 'big.jsonl'), lines.join('\n'));
}

/** Every file of an index folder with its bytes, by path relative to the folder. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (sub: string) => {
    for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else out.set(rel, readFileSync(join(dir, rel)));
    }
  };
  walk('');
  return out;
}

/** The files the index's current version consists of: pointer, root, and every file under its segments. */
function currentVersion(dir: string): Map<string, Buffer> {
  const files = snapshot(dir);
  const rootName = files.get(CURRENT)!.toString().trim();
  const root = JSON.parse(files.get(rootName)!.toString()) as { segments: Array<{ meta: { id: string } }> };
  const ids = new Set(root.segments.map((s) => s.meta.id));
  return new Map([...files].filter(([name]) => name === CURRENT || name === rootName || ids.has(name.split('/')[0]!)));
}

/** What the deployed Worker answers for a path among its assets (the real Worker, with a folder for ASSETS). */
async function servedStatus(assetsDir: string, path: string): Promise<number> {
  const ASSETS = {
    fetch: async (request: Request) => {
      const file = join(assetsDir, decodeURIComponent(new URL(request.url).pathname));
      try {
        return new Response(readFileSync(file));
      } catch {
        return new Response('Not Found', { status: 404 });
      }
    },
  } as unknown as Fetcher;
  const res = await worker.fetch(new Request(`https://search.example${path}`), { ASSETS }, {} as ExecutionContext);
  return res.status;
}

describe('a build killed midway', () => {
  it('leaves the previous version byte for byte, and nothing that would be served', async () => {
    const corpus = tempDir('kill-corpus-');
    const assets = tempDir('kill-assets-');
    const index = join(assets, 'index');
    bigCorpus(corpus);

    // The previous index, built in full; its duration tells when the next build is midway.
    const started = performance.now();
    const first = await runBuild(['--corpus', corpus, '--out', index]).done;
    const fullMs = performance.now() - started;
    expect(first.code, first.stderr).toBe(0);
    const previous = currentVersion(index);

    // The corpus changes (a new article), so a finished build would write another version.
    writeFileSync(join(corpus, 'neu.txt'), SEED);
    const { child, done } = runBuild(['--corpus', corpus, '--out', index]);
    await new Promise((r) => setTimeout(r, fullMs * 0.5));
    child.kill('SIGKILL');
    const killed = await done;
    expect(killed.signal, `the build had ended before it was killed (${killed.stdout})`).toBe('SIGKILL');

    expect(currentVersion(index)).toEqual(previous);
    const opened = await openIndexDir(index);
    expect(opened.describe().articles).toBe(1500);
    expect((await search(opened, 'Militärhilfe')).total).toBeGreaterThan(0);
    await opened.close();
    // Whatever the killed build left in the folder is never served: the Worker serves nothing of the index.
    for (const f of snapshot(index).keys()) expect(await servedStatus(assets, `/index/${f}`)).toBe(404);
  }, 120_000);

  it('killed while publishing, leaves the old version or the whole new one; the next build clears its leftovers', async () => {
    const corpus = tempDir('kill-corpus-');
    const index = join(tempDir('kill-out-'), 'index');
    bigCorpus(corpus);
    capture();
    expect(await buildIndexCommand(['--corpus', corpus, '--out', index])).toBe(0);
    vi.restoreAllMocks();
    writeFileSync(join(corpus, 'neu.txt'), SEED);

    // Kill the moment a new root appears: the version is being published.
    const { child, done } = runBuild(['--corpus', corpus, '--out', index]);
    const before = new Set(readdirSync(index));
    let sawRoot = false;
    const watcher = watch(index, (_, name) => {
      if (name && /^root-.*\.json$/.test(String(name)) && !before.has(String(name)) && !sawRoot) {
        sawRoot = true;
        child.kill('SIGKILL');
      }
    });
    await done;
    watcher.close();
    expect(sawRoot).toBe(true);

    // The pointer names a whole version: the old one, or the new one if the swap landed before the kill.
    const opened = await openIndexDir(index);
    expect([1500, 1501]).toContain(opened.describe().articles);
    expect((await search(opened, 'Militärhilfe')).total).toBeGreaterThan(0);
    await opened.close();

    // The next build removes what the killed one left behind: only the current version remains.
    capture();
    expect(await buildIndexCommand(['--corpus', corpus, '--out', index])).toBe(0);
    expect([...snapshot(index).keys()].sort()).toEqual([...currentVersion(index).keys()].sort());
    const rebuilt = await openIndexDir(index);
    expect(rebuilt.describe().articles).toBe(1501);
    await rebuilt.close();
  }, 120_000);
});

describe('bad corpus files', () => {
  const corpus = tempDir('bad-corpus-');
  writeFileSync(join(corpus, 'gut.txt'), SEED);
  writeFileSync(join(corpus, 'leer.md'), '');
  writeFileSync(join(corpus, 'kaputt.txt'), Buffer.concat([Buffer.from('Über die NATO\nTags\n'), Buffer.from([0xff, 0xfe, 0xc3, 0x28])]));
  writeFileSync(join(corpus, 'latin1.md'), Buffer.from('---\ntitle: Gr\xfc\xdfe\n---\nStra\xdfe und Br\xfccke.\n', 'latin1'));
  writeFileSync(join(corpus, 'riesig.txt'), Buffer.alloc(10 * 1024 * 1024 + 1, 'a'));
  writeFileSync(join(corpus, 'riesig.jsonl'), `${JSON.stringify({ id: 'klein', paragraphs: ['Ein Absatz.'] })}\n${JSON.stringify({ id: 'gross', paragraphs: ['x'.repeat(10 * 1024 * 1024)] })}\n`);
  mkdirSync(join(corpus, 'ordner.txt'));

  it('are each named with the reason; the good ones are indexed', async () => {
    const io = capture();
    const out = join(tempDir('bad-out-'), 'index');
    expect(await buildIndexCommand(['--corpus', corpus, '--out', out])).toBe(0);
    const err = io.err();
    expect(err).toContain(`${join(corpus, 'leer.md')}: the file is empty`);
    expect(err).toContain(`${join(corpus, 'kaputt.txt')}: the file is not valid UTF-8`);
    expect(err).toContain(`${join(corpus, 'latin1.md')}: the file is not valid UTF-8`);
    expect(err).toMatch(new RegExp(`${join(corpus, 'riesig\\.txt')}: the file is too large \\(10 MB; one article file may be at most 10 MB\\)`));
    expect(err).toContain(`${join(corpus, 'riesig.jsonl')}:2: the line is too large`);
    expect(err).toContain(`${join(corpus, 'ordner.txt')}: is a folder, not an article file`);
    expect(io.out()).toMatch(/indexed 2 articles, .* 6 skipped$/);
    const index = await openIndexDir(out);
    expect(index.describe().articles).toBe(2);
    for (const id of ['gut', 'klein']) expect((await search(index, `id:${id}`)).total, id).toBeGreaterThan(0);
    await index.close();
  });

  it('--strict stops at the first with exit code 1 and leaves no index', async () => {
    const out = join(tempDir('strict-out-'), 'index');
    const { done } = runBuild(['--corpus', corpus, '--out', out, '--strict']);
    const result = await done;
    expect(result.code).toBe(1);
    // Files are read in name order: kaputt.txt is the first bad one.
    expect(result.stderr.trim()).toBe(`${join(corpus, 'kaputt.txt')}: the file is not valid UTF-8`);
    expect(readdirSync(join(out, '..'))).toEqual([]);
  }, 20_000);

  it('an unreadable file is named with the reason (as an ordinary user; root reads anything, so then the build runs as nobody)', async () => {
    const dir = tempDir('unreadable-');
    const out = tempDir('unreadable-out-');
    writeFileSync(join(dir, 'gut.txt'), SEED);
    writeFileSync(join(dir, 'gesperrt.txt'), SEED);
    chmodSync(join(dir, 'gesperrt.txt'), 0o000);
    chmodSync(dir, 0o755);
    chmodSync(out, 0o777);
    const asRoot = process.getuid?.() === 0;
    const expected = `skipped ${join(dir, 'gesperrt.txt')}: cannot read the file (EACCES: no permission to read it)`;
    if (!asRoot || nobodyCanRunTheBuild()) {
      const { done } = runBuild(['--corpus', dir, '--out', join(out, 'index')], asRoot ? { uid: 65534, gid: 65534 } : {});
      const result = await done;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(expected);
      expect(result.stdout).toMatch(/indexed 1 articles, .* 1 skipped\n$/);
    } else {
      // Root, in a checkout `nobody` cannot enter (e.g. under /root): the operating system's refusal is
      // simulated where the corpus reader meets it, so the reporting is still tested end to end in process.
      const logs = capture();
      const realReadFile = fsPromises.readFile;
      vi.spyOn(fsPromises, 'readFile').mockImplementation(((path: Parameters<typeof realReadFile>[0], ...rest: unknown[]) =>
        String(path).endsWith('gesperrt.txt')
          ? Promise.reject(Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES' }))
          : (realReadFile as (...a: unknown[]) => Promise<unknown>)(path, ...rest)) as typeof realReadFile);
      syncBuiltinESMExports();
      try {
        expect(await buildIndexCommand(['--corpus', dir, '--out', join(out, 'index')])).toBe(0);
      } finally {
        vi.restoreAllMocks();
        syncBuiltinESMExports();
      }
      expect(logs.err()).toContain(expected);
      expect(logs.out()).toMatch(/indexed 1 articles, .* 1 skipped$/);
    }
    rmSync(dir, { recursive: true, force: true });
  }, 20_000);
});
