import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: every temporary folder a test makes (`mkdtemp` under
 * `os.tmpdir()`) goes into one folder of this run, removed when the run
 * ends, so that tests need no clean-up of their own and a run leaves nothing
 * behind. The test workers start after this and inherit `TMPDIR`.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'de-search-tests-'));
  // Open to every user, sticky, as /tmp is: a test runs a build as another user (tests/cli/build-faults.test.ts).
  chmodSync(dir, 0o1777);
  process.env.TMPDIR = dir;
  return () => {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      // A tree a test left that cannot be removed is no failure of the run: say where it is.
      console.warn(`could not remove the tests' temporary folder ${dir}: ${String(error)}`);
    }
  };
}
