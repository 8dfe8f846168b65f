import type { FuzzRequest } from './requests';
import type { RawResponse } from './send';

/**
 * The verdict on one answer. `ok` answers are tallied by `outcome`; anything
 * else is a failure with its reasons.
 */
export interface Verdict {
  ok: boolean;
  /** e.g. "200", "404", "runtime 431", "runtime reset". */
  outcome: string;
  reasons: string[];
}

/** Statuses the Worker may answer with: success, not modified, and the client errors it documents. */
const WORKER_STATUSES = new Set([200, 204, 206, 304, 400, 404, 405, 429]);

/**
 * Answers of the local runtime (workerd under `wrangler dev`) that never
 * reach the Worker's code, accepted only where the request earned them:
 *
 * - 431 / 414 / 413: the request line or headers exceed the runtime's limits
 *   (about 128 KiB of headers); it refuses them before any Worker runs, as
 *   Cloudflare's edge does in production. A reset connection is the same
 *   refusal when the runtime stops reading before we stopped writing.
 * - 400 "Bad Request" / "ERROR: The headers sent by …": unparseable HTTP.
 * - 415 (or 406) when Accept-Encoding refuses every encoding, identity
 *   included (`identity;q=0`): the local runtime's answer; refusing to send
 *   an unwanted encoding is right, and the Worker never sees the request.
 * - 501 "ERROR: Unrecognized request method." for method tokens its HTTP
 *   parser does not know (lower-case `get`, `FOO`): the parser refuses them
 *   before a Worker exists for the request.
 * - 500 "Internal Server Error" (exactly that text, without the Worker's
 *   headers) for requests that break HTTP itself: CONNECT (workerd: "Incoming
 *   CONNECT on a worker not supported"), an absolute-form or `*` target, an
 *   invalid Host or Content-Length. workerd fails to build a Request URL
 *   from them and the Worker never runs. In production Cloudflare's front
 *   line refuses these; locally it is the runtime's own answer, not ours.
 *
 * Any 5xx that carries the Worker's headers, or that answers a well-formed
 * request, is a failure, and so is any stack trace in any body.
 */
const RUNTIME_LIMIT_STATUSES = new Set([413, 414, 431]);
const RUNTIME_BODIES_5XX = new Set(['Internal Server Error', 'ERROR: Unrecognized request method.']);

/** Signs of an internal error in a body: stack frames, error class names, file paths of the code. */
const LEAKS: Array<[RegExp, string]> = [
  [/^\s*at .+:\d+:\d+\)?\s*$/m, 'a stack frame'],
  [/\bat (?:async )?\S+ \((?:file|node|webpack|internal)[:/]/, 'a stack frame'],
  [/\b(?:Type|Reference|Range|Syntax|Eval|URI|Aggregate|Internal)?Error: /, 'an error message ("…Error: ")'],
  [/file:\/\/\/|node_modules\/|\/src\/[\w/-]+\.tsx?\b|\.tsx?:\d+/, 'a source path'],
  [/\b(?:kj|jsg|workerd)\/[\w/.-]+\.c\+\+|jsg\.\w*Error/, 'a runtime internal'],
  [/"internal_error"/, 'an internal error'],
];

/**
 * Signs that a body is the index, whose files must never be served: the
 * CURRENT pointer (it names the root), a root (its format name), and the
 * magic bytes of the single-file index of formats before version 4.
 */
const INDEX_SIGNS: RegExp[] = [/^root-[0-9a-f]{32}\.json\s*$/, /"format"\s*:\s*"de-edge-search-index"/, /DESRCHIX/];

/** Did the Worker's code answer (every answer of it carries its security headers)? */
export function fromWorker(res: RawResponse): boolean {
  return res.headers['x-content-type-options'] === 'nosniff';
}

export function check(req: FuzzRequest, res: RawResponse): Verdict {
  const reasons: string[] = [];
  if (res.status === null) {
    // The runtime may reset a connection whose headers it refuses to read to the end.
    if (req.oversized && res.error && /ECONNRESET|EPIPE/.test(res.error)) return { ok: true, outcome: 'runtime reset', reasons };
    return { ok: false, outcome: `no answer (${res.error ?? 'connection closed'})`, reasons: [`no HTTP answer: ${res.error ?? 'the connection closed without one'}`] };
  }
  const worker = fromWorker(res);
  const status = res.status;
  let outcome = String(status);

  if (res.error === 'timeout') reasons.push('the answer did not complete in time');
  for (const [pattern, what] of LEAKS) {
    if (pattern.test(res.body)) reasons.push(`the body contains ${what}: ${excerpt(res.body, pattern)}`);
  }
  if (INDEX_SIGNS.some((sign) => sign.test(res.body))) reasons.push('the body is the search index, which must stay private');

  if (!worker) {
    outcome = `runtime ${status}`;
    const body = res.body.trim();
    if (RUNTIME_LIMIT_STATUSES.has(status)) {
      // Fine for any request: limits of the runtime (see above).
    } else if (status >= 500) {
      if (!req.malformed) reasons.push(`the runtime answered ${status} to a well-formed request: ${JSON.stringify(body.slice(0, 200))}`);
      else if (!RUNTIME_BODIES_5XX.has(body)) reasons.push(`the runtime answered ${status} with an unexpected body: ${JSON.stringify(body.slice(0, 200))}`);
    } else if ((status === 415 || status === 406) && refusesIdentity(req)) {
      // Fine: see above.
    } else if (status >= 300 && status < 400) {
      // The static-assets layer normalises paths (`//x` → `/x`): the redirect must stay on this site.
      const location = res.headers.location ?? '';
      if (!/^\/(?![/\\])/.test(location)) reasons.push(`redirect to ${JSON.stringify(location)} leaves the site`);
    } else if (!WORKER_STATUSES.has(status) && !(status === 416 && req.headers.some(([n]) => /^range$/i.test(n))) && !(status === 400)) {
      reasons.push(`unexpected status ${status} from the runtime`);
    }
  } else {
    if (status >= 500) reasons.push(`the Worker answered ${status}`);
    else if (status >= 300 && status < 400 && status !== 304) {
      const location = res.headers.location ?? '';
      if (!/^\/(?![/\\])/.test(location)) reasons.push(`redirect to ${JSON.stringify(location)} leaves the site`);
    } else if (!WORKER_STATUSES.has(status) && !(status === 416 && req.headers.some(([n]) => /^range$/i.test(n)))) {
      reasons.push(`unexpected status ${status}`);
    }
    // JSON must be JSON; an API error says which error in a stable code.
    if (/application\/json/.test(res.headers['content-type'] ?? '') && res.body !== '') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(res.body, 'latin1').toString('utf8'));
      } catch {
        reasons.push('the body is not valid JSON although it says so');
      }
      if (parsed !== undefined && status >= 400) {
        const code = (parsed as { error?: { code?: unknown } }).error?.code;
        if (typeof code !== 'string') reasons.push('an error answer without {"error": {"code"}}');
      }
    }
  }
  return { ok: reasons.length === 0, outcome, reasons };
}

function refusesIdentity(req: FuzzRequest): boolean {
  return req.headers.some(([n, v]) => /^accept-encoding$/i.test(n) && /(?:identity|\*)\s*;\s*q=0(?:\.0*)?\b/i.test(v));
}

function excerpt(body: string, pattern: RegExp): string {
  const m = pattern.exec(body);
  const at = m?.index ?? 0;
  return JSON.stringify(body.slice(Math.max(0, at - 40), at + 120));
}
