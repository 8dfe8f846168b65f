import type { ErrorHandler, NotFoundHandler } from 'hono';
import { FormatError } from '../../index/codec/bytes';
import { IndexUnavailableError } from '../../index/storage/byte-source';
import { errorBody, HttpError } from '../errors';

/**
 * Client errors keep their status and code. A stored range that is missing
 * or fails its checksum (found while answering) is a 503: the index cannot
 * answer correctly, so it does not answer at all. Anything else is a 500
 * that reveals nothing of the code.
 */
export const onError: ErrorHandler = (error, c) => {
  if (error instanceof HttpError) return c.json(errorBody(error.code, error.message), error.status);
  if (error instanceof IndexUnavailableError || error instanceof FormatError) {
    console.error('index unavailable', error);
    return c.json(errorBody('index_unavailable', 'The search index could not be read.'), 503);
  }
  console.error('unhandled error', error);
  return c.json(errorBody('internal_error', 'Something went wrong on our side.'), 500);
};

export const notFound: NotFoundHandler = (c) => c.json(errorBody('not_found', `No route for ${c.req.path}.`), 404);
