/**
 * Work an isolate starts while answering that should finish after the
 * answer is sent: Cache API writes, a check for a new index version. The
 * Worker hands what is pending to ExecutionContext.waitUntil after each
 * request, so the runtime does not cancel it when the response is done.
 */
export class BackgroundWork {
  private readonly pending = new Set<Promise<unknown>>();

  get size(): number {
    return this.pending.size;
  }

  /** Tracks `work` until it settles (its failure is its own to report). */
  readonly add = (work: Promise<unknown>): void => {
    const tracked: Promise<unknown> = work.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  };

  /** Settles when everything pending now has. */
  settled(): Promise<void> {
    return Promise.allSettled([...this.pending]).then(() => undefined);
  }
}
