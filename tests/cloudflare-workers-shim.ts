/**
 * `cloudflare:workers` exists only inside workerd. Node tests that import the
 * deployed Worker's module (src/worker/index.ts, which exports the writer's
 * Durable Object class) get this base class instead; the Durable Object
 * itself is tested inside workerd (tests/workerd/live).
 */
export class DurableObject<Env = unknown> {
  constructor(
    protected readonly ctx: unknown,
    protected readonly env: Env,
  ) {}
}
