import WebSocket from 'ws';

/** The Worker isolate's own JS heap, as V8 reports it through the inspector. */
export interface IsolateHeap {
  usedMb: number;
  totalMb: number;
}

/**
 * Reads the heap of the Worker's isolate through wrangler dev's inspector
 * (Chrome DevTools protocol on 127.0.0.1). The workerd process's RSS also
 * holds the runtime, the dev server's proxy Workers and memory V8 has not
 * returned to the system; the isolate's heap is what the 128 MB limit is
 * about. No collection is forced first: `HeapProfiler.collectGarbage`
 * through this inspector never answered and once crashed workerd
 * (segmentation fault) under load, so the figure includes garbage not yet
 * collected. Null when the inspector does not answer.
 */
export async function readIsolateHeap(inspectorPort: number, timeoutMs = 5_000): Promise<IsolateHeap | null> {
  let socket: WebSocket | null = null;
  try {
    const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`, { signal: AbortSignal.timeout(timeoutMs) })).json()) as Array<{
      webSocketDebuggerUrl?: string;
    }>;
    const url = targets[0]?.webSocketDebuggerUrl;
    if (!url) return null;
    const ws = (socket = new WebSocket(url));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      setTimeout(() => reject(new Error('inspector: the WebSocket did not open')), timeoutMs).unref();
    });
    let id = 0;
    const waiting = new Map<number, (result: unknown) => void>();
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
      if (message.id !== undefined) waiting.get(message.id)?.(message.result);
    });
    const call = (method: string) =>
      new Promise<unknown>((resolve, reject) => {
        const n = ++id;
        // unref: a pending bound must not keep the command alive once the answer came.
        const timer = setTimeout(() => reject(new Error(`inspector: no answer to ${method}`)), timeoutMs).unref();
        waiting.set(n, (result) => {
          clearTimeout(timer);
          resolve(result);
        });
        ws.send(JSON.stringify({ id: n, method }));
      });
    await call('Runtime.enable');
    const usage = (await call('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    return { usedMb: usage.usedSize / 1e6, totalMb: usage.totalSize / 1e6 };
  } catch {
    return null;
  } finally {
    socket?.close();
  }
}
