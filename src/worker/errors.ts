/** An error a client caused: answered with its HTTP status and a stable code, never a stack trace. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 413 | 429 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The JSON body of every error response. */
export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}
