import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Runs `command` when the module at `moduleUrl` is the process's entry point
 * (so tests can import the command without running it). Errors become one
 * line on stderr and exit code 1 — a user sees what went wrong, not a stack.
 */
export function runMain(moduleUrl: string, command: (argv: string[]) => Promise<number>): void {
  const entry = process.argv[1];
  if (!entry || realpathSync(entry) !== realpathSync(fileURLToPath(moduleUrl))) return;
  command(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
