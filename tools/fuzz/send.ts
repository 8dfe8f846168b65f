import { connect } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** What came back for one raw request. */
export interface RawResponse {
  /** The final status (after any 1xx interim answers); null when no complete status line arrived. */
  status: number | null;
  statusText: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body, de-chunked and decompressed (latin1, one character per byte). */
  body: string;
  /** A socket error (e.g. ECONNRESET) or "timeout", if any. */
  error?: string;
  ms: number;
}

/**
 * Sends `bytes` on a fresh connection and reads one answer: up to its
 * Content-Length, its last chunk, or the end of the connection. Written for
 * requests fetch() refuses to send, so nothing is validated on the way out.
 */
export function sendRaw(host: string, port: number, bytes: Buffer, method: string, timeoutMs = 15_000): Promise<RawResponse> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let data = Buffer.alloc(0);
    let done = false;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ ...parse(data, method), ...(error ? { error } : {}), ms: performance.now() - started });
    };
    socket.setTimeout(timeoutMs, () => finish('timeout'));
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (complete(data, method)) finish();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.write(bytes, (error) => {
      if (error) finish((error as NodeJS.ErrnoException).code ?? error.message);
    });
  });
}

interface Head {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  bodyStart: number;
}

/** The final (non-1xx) response head in `data`, if it has fully arrived. */
function head(data: Buffer): Head | null {
  let at = 0;
  for (;;) {
    const end = data.indexOf('\r\n\r\n', at, 'latin1');
    if (end === -1) return null;
    const lines = data.subarray(at, end).toString('latin1').split('\r\n');
    const m = /^HTTP\/\d\.\d (\d{3}) ?(.*)$/.exec(lines[0] ?? '');
    if (!m) return null;
    const status = Number(m[1]);
    if (status >= 100 && status < 200) {
      at = end + 4;
      continue;
    }
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
    }
    return { status, statusText: m[2] ?? '', headers, bodyStart: end + 4 };
  }
}

function bodiless(status: number, method: string): boolean {
  return method.toUpperCase() === 'HEAD' || status === 204 || status === 304;
}

function complete(data: Buffer, method: string): boolean {
  const h = head(data);
  if (!h) return false;
  if (bodiless(h.status, method)) return true;
  const rest = data.length - h.bodyStart;
  if (/chunked/i.test(h.headers['transfer-encoding'] ?? '')) return data.subarray(h.bodyStart).includes('0\r\n\r\n', 0, 'latin1') && dechunk(data.subarray(h.bodyStart)) !== null;
  const length = h.headers['content-length'];
  if (length !== undefined) return rest >= Number(length);
  return false; // until the connection closes
}

function parse(data: Buffer, method: string): Omit<RawResponse, 'ms' | 'error'> {
  const h = head(data);
  if (!h) return { status: null, statusText: '', headers: {}, body: data.toString('latin1') };
  let body: Buffer = bodiless(h.status, method) ? Buffer.alloc(0) : data.subarray(h.bodyStart);
  if (/chunked/i.test(h.headers['transfer-encoding'] ?? '')) body = dechunk(body) ?? body;
  else if (h.headers['content-length'] !== undefined) body = body.subarray(0, Number(h.headers['content-length']));
  body = decompress(body, h.headers['content-encoding']);
  return { status: h.status, statusText: h.statusText, headers: h.headers, body: body.toString('latin1') };
}

/** A chunked body's content, or null while it is incomplete. */
function dechunk(data: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf('\r\n', at, 'latin1');
    if (eol === -1) return null;
    const size = parseInt(data.subarray(at, eol).toString('latin1').split(';')[0]!, 16);
    if (Number.isNaN(size)) return null;
    if (size === 0) return Buffer.concat(parts);
    if (eol + 2 + size + 2 > data.length) return null;
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

function decompress(body: Buffer, encoding: string | undefined): Buffer {
  if (!encoding || body.length === 0) return body;
  try {
    if (/\bgzip\b/i.test(encoding)) return gunzipSync(body);
    if (/\bbr\b/i.test(encoding)) return brotliDecompressSync(body);
    if (/\bdeflate\b/i.test(encoding)) return inflateSync(body);
  } catch {
    // left as it is: the checks then look at the raw bytes
  }
  return body;
}
