import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../src/cli/paths';

/** Every TypeScript file below `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The relative imports of a file, resolved to paths relative to the repository. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']*)'/g)].map((m) => relative(ROOT, resolve(dirname(file), m[1]!)));
}

describe('layout', () => {
  it('src/ imports nothing from tools/ (what ships never depends on what measures it)', () => {
    const files = sources(join(ROOT, 'src'));
    expect(files.length).toBeGreaterThan(50);
    const offending = files.flatMap((file) => importsOf(file).filter((target) => target.startsWith('tools/')).map((target) => `${relative(ROOT, file)} → ${target}`));
    expect(offending).toEqual([]);
  });

  it('finds an import of tools/ where there is one (so the check above can fail)', () => {
    expect(importsOf(join(ROOT, 'tests/tools/random.test.ts'))).toContain('tools/random');
  });
});
