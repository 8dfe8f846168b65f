/** A corpus file (or one line of it) that could not be read, and why. */
export interface CorpusProblem {
  file: string;
  line?: number;
  reason: string;
}

export function formatProblem(p: CorpusProblem): string {
  return `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.reason}`;
}

/** Thrown in strict mode at the first problem. */
export class CorpusError extends Error {
  override name = 'CorpusError';
  constructor(readonly problem: CorpusProblem) {
    super(formatProblem(problem));
  }
}
