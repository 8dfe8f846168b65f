import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { HttpError } from '../errors';

/**
 * Whether the route's parameter validator accepts the request (it refuses by
 * throwing a client error), for middleware that may answer before the route
 * does: only a request the route would answer with a 200 may be answered so,
 * and the route's own 400 explains a refusal. Validating costs microseconds.
 */
export async function validatorAccepts(c: Context<AppEnv>, validate: MiddlewareHandler<AppEnv>): Promise<boolean> {
  try {
    await validate(c, async () => {});
    return true;
  } catch (error) {
    if (error instanceof HttpError) return false;
    throw error;
  }
}
