import { check, type Verdict } from './check';
import { describeRequest, generateRequest, requestBytes, type FuzzRequest } from './requests';
import { sendRaw, type RawResponse } from './send';

export interface FuzzFailure {
  request: FuzzRequest;
  response: RawResponse;
  verdict: Verdict;
}

export interface FuzzSummary {
  seed: number;
  requests: number;
  /** Answers by outcome ("200", "runtime 431", …). */
  byOutcome: Record<string, number>;
  /** Requests by kind. */
  byKind: Record<string, number>;
  failures: FuzzFailure[];
  ms: number;
}

export interface FuzzOptions {
  host: string;
  port: number;
  seed: number;
  /** How many requests (numbers `from` … `from + count - 1`). */
  count: number;
  from?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Called after every answer (progress). */
  onResult?: (done: number, request: FuzzRequest, verdict: Verdict) => void;
}

/** Sends the generated requests, checks every answer, and tallies. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const started = performance.now();
  const from = options.from ?? 0;
  const byOutcome: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  let next = from;
  let done = 0;
  const worker = async () => {
    while (next < from + options.count) {
      const request = generateRequest(options.seed, next++);
      const response = await sendRaw(options.host, options.port, requestBytes(request), request.method);
      const verdict = check(request, response);
      byOutcome[verdict.outcome] = (byOutcome[verdict.outcome] ?? 0) + 1;
      byKind[request.kind] = (byKind[request.kind] ?? 0) + 1;
      if (!verdict.ok) failures.push({ request, response, verdict });
      options.onResult?.(++done, request, verdict);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  failures.sort((a, b) => a.request.n - b.request.n);
  return { seed: options.seed, requests: options.count, byOutcome, byKind, failures, ms: performance.now() - started };
}

/** The summary as text: counts by status and kind, then each failure with what reproduces it. */
export function formatSummary(s: FuzzSummary, maxFailures = 20): string {
  const sorted = (r: Record<string, number>) => Object.entries(r).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  const lines = [
    `${s.requests} requests (seed ${s.seed}) in ${(s.ms / 1000).toFixed(1)} s, ${s.failures.length} failed`,
    `by status: ${sorted(s.byOutcome).map(([k, v]) => `${k}: ${v}`).join(', ')}`,
    `by kind:   ${sorted(s.byKind).map(([k, v]) => `${k}: ${v}`).join(', ')}`,
  ];
  for (const f of s.failures.slice(0, maxFailures)) {
    lines.push(
      '',
      `FAILED #${f.request.n} (${f.request.kind}) → ${f.verdict.outcome}`,
      `  request:  ${describeRequest(f.request)}`,
      ...f.verdict.reasons.map((r) => `  reason:   ${r}`),
      `  body:     ${JSON.stringify(f.response.body.slice(0, 300))}`,
      `  reproduce: npm run fuzz -- --seed ${s.seed} --only ${f.request.n}`,
    );
  }
  if (s.failures.length > maxFailures) lines.push('', `… and ${s.failures.length - maxFailures} more failures`);
  return lines.join('\n');
}
