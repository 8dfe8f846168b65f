import WebSocket from 'ws';

/** What V8 reports for one isolate: its JS heap in use, and the ArrayBuffer backing stores outside it. */
export interface IsolateMemory {
  heapMb: number;
  /** ArrayBuffers (chunks and ranges read from the index live in those); 0 when V8 does not report them. */
  buffersMb: number;
}

/**
 * A session with one Worker isolate through workerd's inspector (Miniflare's
 * `inspectorPort`), kept open so that memory can be sampled often. Reads
 * `Runtime.getHeapUsage` without forcing a collection first (forcing one
 * through this inspector once crashed workerd), so a sample includes garbage
 * not yet collected: an upper bound of what is live.
 */
export class IsolateInspector {
  private id = 0;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
      if (message.id !== undefined) this.waiting.get(message.id)?.(message.result);
    });
  }

  /** Connects to the isolate of the Worker named `worker` (Miniflare's `core:user:<name>` target). */
  static async connect(inspectorPort: number, worker: string, timeoutMs = 10_000): Promise<IsolateInspector> {
    const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`, { signal: AbortSignal.timeout(timeoutMs) })).json()) as Array<{
      id: string;
      webSocketDebuggerUrl: string;
    }>;
    const target = targets.find((t) => t.id === `core:user:${worker}`);
    if (!target) throw new Error(`the inspector lists no Worker ${worker} (targets: ${targets.map((t) => t.id).join(', ')})`);
    const socket = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      setTimeout(() => reject(new Error('inspector: the WebSocket did not open')), timeoutMs).unref();
    });
    const inspector = new IsolateInspector(socket);
    await inspector.call('Runtime.enable');
    return inspector;
  }

  private call(method: string, timeoutMs = 10_000): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const n = ++this.id;
      const timer = setTimeout(() => reject(new Error(`inspector: no answer to ${method}`)), timeoutMs).unref();
      this.waiting.set(n, (result) => {
        clearTimeout(timer);
        this.waiting.delete(n);
        resolve(result);
      });
      this.socket.send(JSON.stringify({ id: n, method }));
    });
  }

  async memory(): Promise<IsolateMemory> {
    const usage = (await this.call('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    return { heapMb: usage.usedSize / 1e6, buffersMb: (usage.backingStorageSize ?? 0) / 1e6 };
  }

  close(): void {
    this.socket.close();
  }
}
