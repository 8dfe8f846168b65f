import type { ErrorHandler, NotFoundHandler } from 'hono';
import { errorBody, HttpError } from '../errors';

/** Client errors keep their status and code; anything else is a 500 that reveals nothing of the code. */
export const onError: ErrorHandler = (error, c) => {
  if (error instanceof HttpError) return c.json(errorBody(error.code, error.message), error.status);
  console.error('unhandled error', error);
  return c.json(errorBody('internal_error', 'Something went wrong on our side.'), 500);
};

export const notFound: NotFoundHandler = (c) => c.json(errorBody('not_found', `No route for ${c.req.path}.`), 404);
