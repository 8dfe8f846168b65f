import { HttpError } from './errors';

/**
 * Reads a request body as UTF-8 text, at most `maxBytes`: a declared
 * Content-Length above it is refused before reading, and a body that grows
 * past it while streaming (chunked, or a lying header) is cancelled there.
 */
export async function readBody(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('Content-Length') ?? NaN);
  const tooLarge = () => new HttpError(413, 'body_too_large', `The body may have at most ${maxBytes} bytes.`);
  if (declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    parts.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(all);
  } catch {
    throw new HttpError(400, 'invalid_encoding', 'The body is not UTF-8.');
  }
}
