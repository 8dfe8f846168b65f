import type { MiddlewareHandler } from 'hono';
import { errorBody } from '../errors';

/** Shorter tokens are refused as configuration: the write API stays off. */
export const MIN_TOKEN_LENGTH = 32;

/** Query parameters that look like a credential: refused, since URLs end up in logs and browser history. */
const CREDENTIAL_PARAMS = /(^|[?&])(token|access_token|auth|authorization|api_key|apikey|key|secret)=/i;

/**
 * Guards the write API with a bearer token from a Worker secret
 * (`ADMIN_TOKEN`). Without a (long enough) token configured the API does not
 * exist: 404, as any unknown route. A missing or malformed Authorization
 * header is a 401, a wrong token a 403, a token in the query string a 400 —
 * all JSON. The comparison hashes both tokens and compares the digests in
 * constant time, so timing tells nothing about the token; the token is never
 * logged or echoed. The request body is cancelled before any refusal, unread.
 */
export function adminAuth(configured: () => string | undefined): MiddlewareHandler {
  let warned = false;
  return async (c, next) => {
    const token = configured();
    const refuse = async (status: 400 | 401 | 403 | 404, code: string, message: string, headers: Record<string, string> = {}) => {
      await c.req.raw.body?.cancel().catch(() => undefined);
      return c.json(errorBody(code, message), status, { 'Cache-Control': 'no-store', ...headers });
    };
    if (!token || token.length < MIN_TOKEN_LENGTH) {
      if (token && !warned) {
        warned = true;
        console.warn(`ADMIN_TOKEN is shorter than ${MIN_TOKEN_LENGTH} characters: the write API stays off`);
      }
      return refuse(404, 'not_found', `No route for ${c.req.path}.`);
    }
    if (CREDENTIAL_PARAMS.test(new URL(c.req.url).search)) {
      return refuse(400, 'token_in_url', 'Send the token in the Authorization header, never in the URL.');
    }
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer ([\x21-\x7e]+)$/.exec(header);
    if (!match) return refuse(401, 'unauthorized', 'This needs Authorization: Bearer <token>.', { 'WWW-Authenticate': 'Bearer realm="admin"' });
    if (!(await sameSecret(match[1]!, token))) return refuse(403, 'forbidden', 'The token is not valid.');
    c.header('Cache-Control', 'no-store');
    await next();
  };
}

/** Compares two secrets in time that depends on neither: their SHA-256 digests, byte by byte, every byte. */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const digest = async (s: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}
