import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/cli/paths';

const FIXTURES = join(ROOT, 'tests/typecheck/fixtures');
let work: string;

beforeAll(async () => {
  // Inside the repository (build/ is ignored), so tsc finds the type packages in node_modules from there.
  await mkdir(join(ROOT, 'build'), { recursive: true });
  work = await mkdtemp(join(ROOT, 'build', 'typecheck-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Type-checks one file under the settings of the project `tsconfig` (its include replaced by the file); tsc's exit code and output. */
async function typecheck(tsconfig: string, file: string): Promise<{ code: number; output: string }> {
  const config = join(work, `${file}.tsconfig.json`);
  await writeFile(config, JSON.stringify({ extends: join(ROOT, tsconfig), include: [], files: [join(FIXTURES, file)] }));
  try {
    const { stdout } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsc'), ['-p', config], { cwd: ROOT });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('the Worker project (tsconfig.worker.json)', () => {
  it('refuses a node: import and DOM-only globals', async () => {
    const { code, output } = await typecheck('tsconfig.worker.json', 'worker-uses-node-and-dom.ts');
    expect(code).not.toBe(0);
    // TS2591 / TS2307: the module has no types here (how tsc words it depends on the specifier).
    expect(output).toMatch(/worker-uses-node-and-dom\.ts\(3,\d+\): error TS(2591|2307): Cannot find (name|module) 'node:fs'/);
    expect(output).toMatch(/worker-uses-node-and-dom\.ts\(6,\d+\): error TS(2584|2304): Cannot find name 'document'/);
  });

  it('accepts the Workers runtime API (so the refusal above is about Node and the DOM, not the setup)', async () => {
    expect(await typecheck('tsconfig.worker.json', 'worker-uses-workers-api.ts')).toEqual({ code: 0, output: '' });
  });

  it('is stricter than the Node project, which accepts the same file', async () => {
    expect((await typecheck('tsconfig.json', 'worker-uses-node-and-dom.ts')).code).toBe(0);
  });
});
