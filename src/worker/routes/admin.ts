import { Hono, type Context } from 'hono';
import { parseDeleteFilter, type WriteOp } from '../../live/ops';
import { checkId, DEFAULT_WRITE_LIMITS, parseJson, toLiveArticle, WriteRejection, type LineResult, type WriteLimits } from '../../live/validate';
import type { Writer } from '../../live/writer';
import type { AppEnv } from '../env';
import { HttpError } from '../errors';
import { encodingError } from '../params';
import { readBody } from '../read-body';

/**
 * The write API (behind adminAuth): put, delete, bulk, delete by filter,
 * compact, status. A write is answered once the writer has it durably
 * (202, `published: false`: searchable after the next flush, about a second);
 * with `?wait=true` once it is published and this isolate has switched to the
 * version that holds it (200, `published: true`).
 */
export function adminRoute(limits: WriteLimits = DEFAULT_WRITE_LIMITS) {
  return new Hono<AppEnv>()
    // Parameters (`filter`, `wait`) are read as the public routes read theirs: an escape that is no UTF-8 is a 400,
    // not text Hono leaves undecoded.
    .use('*', async (c, next) => {
      const bad = encodingError(c.req.url);
      if (bad) throw bad;
      await next();
    })
    .put('/articles/:id', async (c) => {
      const id = guard(() => checkId(c.req.param('id'), limits));
      const text = await readBody(c.req.raw, limits.maxArticleBytes);
      const article = guard(() => toLiveArticle(parseJson(text), limits, id));
      return accepted(c, [{ op: 'put', article }], { id });
    })
    .delete('/articles/:id', async (c) => {
      const id = guard(() => checkId(c.req.param('id'), limits));
      await readBody(c.req.raw, NO_BODY_BYTES);
      return accepted(c, [{ op: 'delete', id }], { id });
    })
    .delete('/articles', async (c) => {
      await readBody(c.req.raw, NO_BODY_BYTES);
      const raw = c.req.query('filter');
      if (!raw) throw new HttpError(400, 'missing_filter', 'Deleting many articles needs ?filter=source:… and/or date:FROM..TO.');
      const filter = guard(() => {
        try {
          return parseDeleteFilter(raw);
        } catch (error) {
          throw new WriteRejection('invalid_filter', (error as Error).message);
        }
      });
      return accepted(c, [{ op: 'deleteWhere', filter }], { filter });
    })
    .post('/articles', async (c) => {
      const text = await readBody(c.req.raw, limits.maxBodyBytes);
      const lines = text.split('\n');
      const filled = lines.filter((l) => l.trim() !== '').length;
      if (filled === 0) throw new HttpError(400, 'empty_body', 'Send one article per line (JSON Lines).');
      if (filled > limits.maxArticles) throw new HttpError(413, 'too_many_articles', `A request may carry at most ${limits.maxArticles} articles.`);
      const results: LineResult[] = [];
      const writes: WriteOp[] = [];
      const lineOf: number[] = [];
      lines.forEach((raw, i) => {
        if (raw.trim() === '') return;
        const line = i + 1;
        try {
          if (new TextEncoder().encode(raw).length > limits.maxArticleBytes) {
            throw new WriteRejection('article_too_large', `one article may have at most ${limits.maxArticleBytes} bytes`, 413);
          }
          const article = toLiveArticle(parseJson(raw), limits);
          writes.push({ op: 'put', article });
          lineOf.push(results.length);
          results.push({ line, id: article.id, ok: true, seq: 0 });
        } catch (error) {
          if (!(error instanceof WriteRejection)) throw error;
          results.push({ line, id: idOf(raw), ok: false, error: { code: error.code, message: error.message } });
        }
      });
      const writer = writerOf(c);
      const { seqs } = writes.length ? await writer.write(writes) : { seqs: [] };
      seqs.forEach((seq, k) => ((results[lineOf[k]!] as { seq: number }).seq = seq));
      const last = seqs.length ? seqs[seqs.length - 1]! : 0;
      const published = last > 0 && wantsWait(c) ? await publish(c, writer, last) : null;
      const body = { stored: seqs.length, rejected: results.length - seqs.length, published: published !== null, ...(published ? { version: published } : {}), results };
      return c.json(body, seqs.length === 0 ? 400 : published ? 200 : 202);
    })
    .post('/compact', async (c) => {
      await readBody(c.req.raw, NO_BODY_BYTES);
      const result = await writerOf(c).compact({ expunge: true });
      await c.get('index').refresh?.();
      return c.json(result);
    })
    .get('/status', async (c) => c.json(await writerOf(c).status()));
}

/** Routes that take no body read what comes (a client may send an empty one) up to this, then refuse. */
const NO_BODY_BYTES = 1024;

/** Turns a refusal thrown by validation into the HTTP error the error handler answers. */
function guard<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof WriteRejection) throw new HttpError(error.status, error.code, error.message);
    throw error;
  }
}

function writerOf(c: Context<AppEnv>): Writer {
  const writer = c.get('writer')();
  if (!writer) throw new HttpError(503, 'writer_unavailable', 'Live updates need the WRITER Durable Object and INDEX_SOURCE=r2.');
  return writer;
}

function wantsWait(c: Context<AppEnv>): boolean {
  const wait = c.req.query('wait');
  if (wait === undefined || wait === 'false') return false;
  if (wait === 'true') return true;
  throw new HttpError(400, 'invalid_wait', 'wait is true or false.');
}

/** Waits until the writer has published `seq`, then switches this isolate to that version. */
async function publish(c: Context<AppEnv>, writer: Writer, seq: number): Promise<string> {
  const status = await writer.waitFor(seq);
  await c.get('index').refresh?.();
  return status.version;
}

async function accepted(c: Context<AppEnv>, writes: WriteOp[], echo: Record<string, unknown>) {
  const wait = wantsWait(c);
  const writer = writerOf(c);
  const { seqs } = await writer.write(writes);
  const seq = seqs[0]!;
  if (!wait) return c.json({ ...echo, seq, published: false }, 202);
  return c.json({ ...echo, seq, published: true, version: await publish(c, writer, seq) }, 200);
}

/** The id of a line that could not be read as an article, if it names one (for the result line). */
function idOf(raw: string): string | null {
  try {
    const value = JSON.parse(raw) as { id?: unknown };
    return typeof value?.id === 'string' ? value.id.slice(0, 200) : null;
  } catch {
    return null;
  }
}
