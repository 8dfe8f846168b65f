import { Random } from '../random';

/**
 * Generated HTTP requests for fuzzing the Worker over a raw socket, so that
 * requests no HTTP client would send (bad percent-encoding, raw non-ASCII
 * bytes, garbage methods, broken headers) reach it as they are.
 *
 * Every request is built from (seed, number) alone, so a failure is
 * reproduced with `npm run fuzz -- --seed S --only N`.
 */
export interface FuzzRequest {
  /** Its number in the run (its PRNG stream). */
  n: number;
  /** What kind of abuse it is (for the summary). */
  kind: string;
  method: string;
  /** The request target exactly as sent (a latin1 string: one character per byte). */
  target: string;
  headers: Array<[string, string]>;
  /** Sent after the headers (latin1), with a matching Content-Length unless it is chunked. */
  body?: string;
  /**
   * The request breaks HTTP/1.1 itself (a method token or request target the
   * runtime's parser refuses, an invalid Host or Content-Length, a malformed
   * header line). The runtime may answer it before the Worker runs; see check.ts.
   */
  malformed?: boolean;
  /** Its headers exceed the runtime's limit (about 128 KiB): it may answer 431/414 or reset the connection. */
  oversized?: boolean;
}

/** The request as bytes on the wire. It always asks to close the connection after the answer. */
export function requestBytes(r: FuzzRequest): Buffer {
  let head = `${r.method} ${r.target} HTTP/1.1\r\n`;
  const names = new Set(r.headers.map(([name]) => name.toLowerCase()));
  if (!names.has('host')) head += 'Host: 127.0.0.1\r\n';
  for (const [name, value] of r.headers) head += `${name}: ${value}\r\n`;
  if (!names.has('connection')) head += 'Connection: close\r\n';
  if (r.body !== undefined && !names.has('content-length') && !names.has('transfer-encoding')) {
    head += `Content-Length: ${Buffer.byteLength(r.body, 'latin1')}\r\n`;
  }
  return Buffer.from(`${head}\r\n${r.body ?? ''}`, 'latin1');
}

/** A short, printable description of the request for reports (long values elided). */
export function describeRequest(r: FuzzRequest): string {
  const short = (s: string) => (s.length > 300 ? `${s.slice(0, 200)}…(${s.length} bytes)…${s.slice(-40)}` : s);
  const head = requestBytes(r).toString('latin1');
  return JSON.stringify(short(head.length > 2000 ? `${short(r.method)} ${short(r.target)} …headers: ${r.headers.map(([n, v]) => `${short(n)}: ${short(v)}`).join(' | ')}` : head));
}

/** UTF-8 bytes as a latin1 string (one character per byte), to put raw into a request line. */
export function utf8Bytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

const WORDS = [
  'Militärhilfe', 'NATO', 'Ukraine', 'Aussenminister', 'Brüssel', 'Kiew', 'Dollar', 'milit', 'Blinkn', 'Straße',
  'Außenminister', 'Rutte', 'Hilfe', 'jeden', 'der', 'die', 'und', 'ÄÖÜäöüß', 'Verteidigung', 'Sicherheitsberater',
];
const OPERATORS = ['"', '-', 'NOT', 'OR', 'AND', 'tag:', 'tag:"', 'category:', 'source:', 'id:', 'date:', 'date:2024-11..', 'date:..', 'date:9999-99-99', '(', ')', '*', '~', '^2', '+', '\\', '""', '--', ':', '::'];
const UNICODE = [
  '😀', '👩‍👩‍👧', '\u0301', 'e\u0301', '\u200b', '\u00ad', '\u202e', 'עברית', 'العربية', '中文', '\ufeff', '\ufffd', '𝔘𝔫𝔦', 'ﬁ', 'Ⅻ', '\u0000', '\u0007', '\u001b[31m', '\r\n', '\t', '<script>alert(1)</script>', "'; DROP TABLE x;--", '${7*7}', '{{7*7}}', '%s%n', '../../etc/passwd',
];
/** Percent-encodings that are invalid or decode to something odd. */
const BAD_PERCENT = [
  '%zz', '%', '%f', '%%', '%g0', '%ff%fe', '%FF', '%C0%AF', '%C0%80', '%E0%80%AF', '%F0%80%80%AF', '%ED%A0%80', '%ED%BF%BF', '%ED%A0%80%ED%B0%80',
  '%F4%90%80%80', '%F8%88%80%80%80', '%80', '%BF', '%C3', '%E2%82', '%00', '%0A', '%0D%0A', '%2F', '%5C', '%2e%2e', '%u0041', '%uD800', '%%32%35', '%252e', '&#x41;',
];
const PARAM_NAMES = ['q', 'limit', 'offset', 'group', 'recency', 'Q', 'q[]', 'q.x', '', 'x', 'callback', '__proto__', 'constructor', 'toString', 'pass'];
const JUNK_NUMBERS = ['-1', '0', '1', '10', '100', '101', '1000', '1001', '3650', '3651', '999999999', '9999999999', '1e3', '0x10', '1.5', ' 5', '5 ', '+5', 'NaN', 'Infinity', '', '٣', '５', '00000000001', 'true', 'false', 'yes', '%31', '1%00'];
const GOOD_METHODS = ['GET', 'GET', 'GET', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE', 'TRACE'];
/** Tokens HTTP allows but few servers know; the runtime may refuse them (it answers 501). */
const ODD_METHODS = ['get', 'Get', 'gEt', 'post', 'FOO', 'G3T', 'X-Y', 'PROPFIND', 'MKCOL', 'PURGE', 'LINK', 'QUERY', 'SEARCH', 'M-SEARCH', 'BREW', 'A'.repeat(200), '!#$%&\'*+-.^_`|~'];
const PATHS = ['/api/search', '/api/suggest', '/api/health', '/', '/api/search/', '/api/suggest/', '/api/', '/api', '/api/nothing', '/search.js', '/render.js', '/search.css', '/embed.js', '/favicon.svg', '/_headers'];
const ODD_PATHS = [
  '//api/search', '///api/search', '/api//search', '/api/%2e%2e/', '/api/%2e%2e/api/search', '/api/../api/search', '/api/./search', '/./api/search', '/API/SEARCH', '/Api/Search',
  '/api/search;x=1', '/api/search%3Fq=a', '/api/search%2F', '/api%2Fsearch', '/api/search%00', '/%00', '/%ff', '/%C0%AE%C0%AE/', '/..', '/../..', '/..%2f..%2f', '/api/search/../../',
  '/api/health/x', '/api/health.json', '/index.html', '/search.js/', '/search.js%00.html', '/ü', utf8Bytes('/straße'), '/\u00ff', '/.well-known/security.txt', '/.env', '/.git/config', '/wrangler.toml',
  // Not `/cdn-cgi/mf/scheduled` and the like: wrangler dev's endpoints for triggering cron handlers, which
  // answer 500 for a Worker without one; they exist only in local development, where the runtime serves them itself.
  '/cdn-cgi/trace', '/cdn-cgi/', '/cdn-cgi/x',
];
/**
 * Attempts to read the index, which the Worker keeps private: its folder
 * (INDEX_PATH, `/index/`; CURRENT is always there and names the root) by any
 * spelling, and the single file of index formats before version 4, which an
 * old build may have left among the assets.
 */
const INDEX_PATHS = [
  '/index/CURRENT', '/index/', '/index', '/index/CURRENT/', '/%69ndex/CURRENT', '/index%2FCURRENT', '/index/%43URRENT', '/%2findex/CURRENT', '//index/CURRENT',
  '/./index/CURRENT', '/x/../index/CURRENT', '/index/./CURRENT', '/index//CURRENT', '/index/x/../CURRENT', '/INDEX/CURRENT', '/index/CURRENT%00', '/index/CURRENT?x=1',
  '/index/CURRENT;', '/index/CURRENT#', '/index%5CCURRENT', '/index/root-00000000000000000000000000000000.json', '/index/0123456789abcdef0123456789abcdef/terms.0',
  '/search-index.bin', '/search-index.bin.1', '/%73earch-index.bin', '//search-index.bin', '/x/../search-index.bin',
];

/** Generates request `n` of the run with seed `seed`. */
export function generateRequest(seed: number, n: number): FuzzRequest {
  const rnd = Random.stream(seed, n);
  const make = rnd.weighted<(rnd: Random) => Omit<FuzzRequest, 'n'>>([
    [30, queryFuzz],
    [12, encodingFuzz],
    [10, repeatedParams],
    [10, methodFuzz],
    [14, headerFuzz],
    [10, pathFuzz],
    [5, indexLeak],
    [5, bodyFuzz],
    [3, protocolFuzz],
    [1, oversized],
  ]);
  return { n, ...make(rnd) };
}

export function* generateRequests(seed: number, count: number, from = 0): Generator<FuzzRequest> {
  for (let n = from; n < from + count; n++) yield generateRequest(seed, n);
}

function apiPath(rnd: Random): string {
  return rnd.weighted([
    [6, '/api/search'],
    [3, '/api/suggest'],
    [1, '/'],
  ]);
}

/** A query value: words, operators, Unicode, sometimes long. Percent-encoded as a browser would. */
function queryValue(rnd: Random): string {
  const parts: string[] = [];
  const n = rnd.weighted([
    [10, rnd.int(1, 4)],
    [3, rnd.int(5, 40)],
    [1, rnd.int(80, 200)],
  ]);
  for (let i = 0; i < n; i++) {
    parts.push(
      rnd.weighted([
        [8, () => rnd.pick(WORDS)],
        [4, () => rnd.pick(OPERATORS) + (rnd.chance(0.6) ? rnd.pick(WORDS) : '')],
        [2, () => rnd.pick(UNICODE)],
        [1, () => rnd.string(rnd.int(1, 30), 'abcdefghijklmnopqrstuvwxyzäöüß0123456789 -"')],
      ])(),
    );
  }
  let q = parts.join(rnd.chance(0.8) ? ' ' : '');
  if (rnd.chance(0.05)) q = rnd.string(rnd.int(490, 510), 'aeiounrst ');
  if (rnd.chance(0.03)) q = ' '.repeat(rnd.int(1, 20));
  return q;
}

function encode(value: string, rnd: Random): string {
  // Mostly proper encoding; sometimes `+` for spaces, sometimes raw UTF-8 bytes as they are.
  return rnd.weighted([
    [8, () => encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD'))],
    [2, () => encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD')).replace(/%20/g, '+')],
    [1, () => utf8Bytes(value).replace(/[\x00-\x20\x7f#%&]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)],
  ])();
}

function queryFuzz(rnd: Random): Omit<FuzzRequest, 'n'> {
  const params: string[] = [];
  if (rnd.chance(0.93)) params.push(`q=${encode(queryValue(rnd), rnd)}`);
  for (const name of ['limit', 'offset', 'group', 'recency']) {
    if (rnd.chance(0.25)) params.push(`${name}=${encodeURIComponent(rnd.pick(JUNK_NUMBERS))}`);
  }
  return { kind: 'query', method: rnd.chance(0.9) ? 'GET' : 'HEAD', target: `${apiPath(rnd)}?${params.join('&')}`, headers: [] };
}

function encodingFuzz(rnd: Random): Omit<FuzzRequest, 'n'> {
  const pieces: string[] = [];
  for (let i = rnd.int(1, 6); i > 0; i--) pieces.push(rnd.chance(0.6) ? rnd.pick(BAD_PERCENT) : encodeURIComponent(rnd.pick(WORDS)));
  const value = pieces.join(rnd.chance(0.5) ? '' : '+');
  const where = rnd.weighted([
    [6, 'value'],
    [2, 'name'],
    [2, 'path'],
  ]);
  const path = apiPath(rnd);
  const target =
    where === 'value'
      ? `${path}?${rnd.pick(['q', 'q', 'limit', 'group', 'offset'])}=${value}${rnd.chance(0.3) ? '&q=NATO' : ''}`
      : where === 'name'
        ? `${path}?${value}=1&q=${value}`
        : `${path}/${value}?q=${value}`;
  return { kind: 'bad-encoding', method: 'GET', target, headers: [] };
}

function repeatedParams(rnd: Random): Omit<FuzzRequest, 'n'> {
  const count = rnd.weighted([
    [6, rnd.int(2, 10)],
    [3, rnd.int(50, 500)],
    [1, rnd.int(1000, 4000)],
  ]);
  const params: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = rnd.pick(PARAM_NAMES);
    const value = rnd.chance(0.5) ? encodeURIComponent(rnd.pick(WORDS)) : encodeURIComponent(rnd.pick(JUNK_NUMBERS));
    params.push(rnd.weighted([
      [6, `${name}=${value}`],
      [1, name],
      [1, `${name}=`],
      [1, `=${value}`],
      [1, ''],
    ]));
  }
  const sep = rnd.weighted([
    [8, '&'],
    [1, ';'],
    [1, '&&'],
  ]);
  return { kind: 'repeated-params', method: 'GET', target: `${apiPath(rnd)}?${params.join(sep)}${rnd.chance(0.1) ? '#fragment' : ''}`, headers: [] };
}

function methodFuzz(rnd: Random): Omit<FuzzRequest, 'n'> {
  const odd = rnd.chance(0.45);
  const method = odd ? rnd.pick(ODD_METHODS) : rnd.pick(GOOD_METHODS);
  const target = rnd.pick([...PATHS, '/api/search?q=NATO', '/api/suggest?q=mil', '/?q=Kiew']);
  const body = ['POST', 'PUT', 'PATCH'].includes(method) && rnd.chance(0.5) ? '{"q":"NATO"}' : undefined;
  return { kind: odd ? 'odd-method' : 'method', method, target, headers: body ? [['Content-Type', 'application/json']] : [], body, malformed: odd };
}

const ETAGS = ['*', '"x"', 'W/"x"', '"', '""', ',,,,', 'W/', '*, "a"', '"a", W/"b", *', `"${'9'.repeat(17)}-abc"`, 'null', '\u00ff\u00fe'];
const ORIGINS = ['null', 'https://evil.example', 'http://127.0.0.1', 'http://localhost:8000', '*', '', 'file://', 'https://a.b.c.d.e.f.example:99999', 'javascript:alert(1)', utf8Bytes('https://bücher.example'), 'x'.repeat(5000)];
const RANGES = ['bytes=0-0', 'bytes=0-5', 'bytes=-1', 'bytes=999999-', 'bytes=5-1', 'bytes=0-1,2-3,4-5', 'bytes=abc', 'items=0-5', 'bytes=' + '0-1,'.repeat(500), 'bytes=-0', 'bytes=0-18446744073709551616'];
const ENCODINGS = ['gzip', 'br', 'deflate', 'zstd', 'identity', '*', 'gzip;q=0', 'identity;q=0', 'identity;q=0, *;q=0', 'br;q=abc, gzip', 'x-garbage', 'gzip, gzip, gzip, gzip', ','.repeat(100), 'compress'];

function headerFuzz(rnd: Random): Omit<FuzzRequest, 'n'> {
  const headers: Array<[string, string]> = [];
  const target = rnd.pick(['/api/search?q=NATO', '/api/search?q=Militärhilfe'.replace('ä', '%C3%A4'), '/api/suggest?q=mil', '/api/health', '/', '/?q=Kiew', '/search.js', '/index/CURRENT']);
  const n = rnd.int(1, 4);
  for (let i = 0; i < n; i++) {
    rnd.weighted<() => void>([
      [3, () => headers.push(['If-None-Match', rnd.pick(ETAGS)])],
      [2, () => headers.push(['If-Modified-Since', rnd.pick(['Thu, 01 Jan 1970 00:00:00 GMT', 'garbage', '0', 'Sun, 31 Dec 9999 23:59:59 GMT'])])],
      [3, () => headers.push(['Origin', rnd.pick(ORIGINS)])],
      [3, () => headers.push(['Range', rnd.pick(RANGES)])],
      [3, () => headers.push(['Accept-Encoding', rnd.pick(ENCODINGS)])],
      [1, () => headers.push(['Accept', rnd.pick(['*/*', 'application/json', 'text/html', 'image/png', '', 'a/b;q=x', '*/*;q=0'])])],
      [1, () => headers.push(['Access-Control-Request-Method', rnd.pick(['GET', 'DELETE', 'FOO'])])],
      [1, () => headers.push(['CF-Connecting-IP', rnd.pick(['1.2.3.4', '', '::1', 'x'.repeat(1000), '999.999.999.999'])])],
      [1, () => headers.push(['X-Forwarded-For', Array.from({ length: rnd.int(1, 200) }, () => '10.0.0.1').join(', ')])],
      [1, () => headers.push(['Cookie', `a=${'b'.repeat(rnd.int(10, 8000))}`])],
      [1, () => headers.push(['User-Agent', rnd.string(rnd.int(0, 2000), 'abcdefghij()/;. 0123456789')])],
      [1, () => headers.push(['Content-Type', rnd.pick(['application/json', 'text/plain; charset=utf-7', 'multipart/form-data; boundary=', ''])])],
      [2, () => headers.push([`X-Fuzz-${rnd.int(0, 99)}`, utf8Bytes(rnd.pick(UNICODE.filter((u) => !/[\r\n\u0000]/.test(u))))])],
      [2, () => {
        for (let k = rnd.int(50, 400); k > 0; k--) headers.push([`X-Many-${k}`, rnd.string(rnd.int(0, 40), 'abcdef0123456789')]);
      }],
      [2, () => headers.push(['X-Big', 'a'.repeat(rnd.int(4_000, 60_000))])],
    ])();
  }
  return { kind: 'headers', method: rnd.chance(0.85) ? 'GET' : rnd.pick(['HEAD', 'OPTIONS']), target, headers };
}

function pathFuzz(rnd: Random): Omit<FuzzRequest, 'n'> {
  const target = rnd.weighted<() => string>([
    [6, () => rnd.pick(ODD_PATHS) + (rnd.chance(0.5) ? '?q=NATO' : '')],
    [2, () => `/${rnd.string(rnd.int(1, 3000), 'abcxyz/.%-_~')}`],
    [1, () => `/api/search/${'a/'.repeat(rnd.int(100, 4000))}?q=x`],
    [1, () => `/${'a'.repeat(rnd.int(10_000, 60_000))}`],
  ])();
  return { kind: 'path', method: rnd.chance(0.9) ? 'GET' : 'HEAD', target, headers: [] };
}

function indexLeak(rnd: Random): Omit<FuzzRequest, 'n'> {
  const headers: Array<[string, string]> = rnd.chance(0.3) ? [['Range', rnd.pick(RANGES)]] : [];
  return { kind: 'index-leak', method: rnd.pick(['GET', 'GET', 'HEAD']), target: rnd.pick(INDEX_PATHS), headers };
}

function bodyFuzz(rnd: Random): Omit<FuzzRequest, 'n'> {
  const body = rnd.weighted<() => string>([
    [3, () => JSON.stringify({ q: rnd.pick(WORDS), limit: rnd.pick(JUNK_NUMBERS) })],
    [2, () => `q=${encodeURIComponent(rnd.pick(WORDS))}&limit=5`],
    [2, () => rnd.string(rnd.int(0, 5000), '\u0000\u00ff{}[]"\\abc')],
    [1, () => 'x'.repeat(rnd.int(100_000, 1_000_000))],
  ])();
  const method = rnd.pick(['POST', 'PUT', 'PATCH', 'DELETE', 'GET', 'OPTIONS']);
  const target = rnd.pick(['/api/search?q=NATO', '/api/suggest?q=mil', '/api/health', '/', '/search.js']);
  if (rnd.chance(0.3)) {
    // The same body, chunked.
    const chunks: string[] = [];
    for (let at = 0; at < body.length; at += 4096) {
      const piece = body.slice(at, at + 4096);
      chunks.push(`${Buffer.byteLength(piece, 'latin1').toString(16)}\r\n${piece}\r\n`);
    }
    return { kind: 'body', method, target, headers: [['Transfer-Encoding', 'chunked']], body: `${chunks.join('')}0\r\n\r\n` };
  }
  return { kind: 'body', method, target, headers: [['Content-Type', rnd.pick(['application/json', 'application/x-www-form-urlencoded', 'application/octet-stream'])]], body };
}

/** Requests that break HTTP/1.1 itself: the runtime's parser may answer them without asking the Worker. */
function protocolFuzz(rnd: Random): Omit<FuzzRequest, 'n'> {
  const base = { kind: 'protocol', method: 'GET', target: '/api/search?q=NATO', malformed: true };
  return rnd.weighted<() => Omit<FuzzRequest, 'n'>>([
    [2, () => ({ ...base, method: 'CONNECT', target: rnd.pick(['127.0.0.1:80', '/api/search', 'evil.example:443']), headers: [] })],
    [1, () => ({ ...base, target: rnd.pick(['*', 'http://evil.example/index/CURRENT', 'https://127.0.0.1/api/search?q=a', '\\index\\CURRENT', 'api/search?q=a']), headers: [] })],
    [1, () => ({ ...base, method: 'OPTIONS', target: '*', headers: [] })],
    [2, () => ({ ...base, headers: [['Host', rnd.pick(['exa mple', '[::1', '127.0.0.1:99999', 'a, b', utf8Bytes('bücher.example'), '', 'x'.repeat(300)])]] })],
    // Never a Content-Length larger than the body sent: the server rightly waits for the rest, and under
    // wrangler dev an abandoned request body makes miniflare answer a later request (on another connection)
    // with a 500 and its stack trace (miniflare 4.20260426, entry.worker.js: "Cannot reconstruct a Request
    // with a used body") — a bug of the local dev server that production does not have.
    [1, () => ({ ...base, headers: [['Content-Length', rnd.pick(['abc', '-1', '1, 2', '0x10', '+0'])]] })],
    [1, () => ({ ...base, headers: [['X-Bad\u0001Name', '1']] })],
    [1, () => ({ ...base, headers: [['X-Bad', 'a\u0000b']] })],
    [1, () => ({ ...base, headers: [['X-Folded', 'a\r\n b']] })],
    [1, () => ({ ...base, headers: [['Transfer-Encoding', rnd.pick(['gzip', 'chunked, chunked', 'identity'])]], body: 'zz\r\n' })],
    [1, () => ({ ...base, target: `/api/search?q=${rnd.pick(['a b', 'a\tb', '\u0001', '\u007f'])}`, headers: [] })],
  ])();
}

/** Headers or request line beyond the runtime's limits. */
function oversized(rnd: Random): Omit<FuzzRequest, 'n'> {
  return rnd.weighted<() => Omit<FuzzRequest, 'n'>>([
    [1, () => ({ kind: 'oversized', method: 'GET', target: `/api/search?q=${'a'.repeat(rnd.int(140_000, 300_000))}`, headers: [], oversized: true })],
    [1, () => ({ kind: 'oversized', method: 'GET', target: '/api/search?q=NATO', headers: [['X-Huge', 'h'.repeat(rnd.int(140_000, 400_000))]], oversized: true })],
    [1, () => ({ kind: 'oversized', method: 'GET', target: '/', headers: Array.from({ length: 3000 }, (_, i): [string, string] => [`X-H${i}`, 'v'.repeat(60)]), oversized: true })],
  ])();
}
