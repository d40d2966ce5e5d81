import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the proxy does to each request:
 * - `pass`: forwards to the target;
 * - `slow`: forwards after `slowMs` (past any sane deadline);
 * - `malformed`: answers 200 with truncated JSON;
 * - `wrong-shape`: forwards, then gives every supervision order an officer whose name is 300
 *   characters long and starts with `LEAK_MARKER` (the mapping accepts it, the common type caps it);
 * - `reset`: destroys the connection without an answer;
 * - `flaky`: resets every other request, forwards the rest.
 */
export type FaultMode = 'pass' | 'slow' | 'malformed' | 'wrong-shape' | 'reset' | 'flaky';

/** A string that must never reach a caller of the gateway. */
export const LEAK_MARKER = 'LEAK-MARKER-Ж';

export interface FaultProxy {
  /** Stable for the proxy's life, also while it is down. */
  readonly url: string;
  /** Where `pass` forwards to (settable: the agency may start after the proxy). */
  target: string;
  mode: FaultMode;
  slowMs: number;
  /** Requests that reached the proxy while it was up. */
  readonly requests: number;
  /** Starts listening (again) on the same port. */
  up(): Promise<void>;
  /** Stops listening and resets every open connection: the agency is gone. */
  down(): Promise<void>;
}

/** A loopback HTTP proxy in front of `target` that injects faults; starts down when `startUp` is false. */
export async function startFaultProxy(target: string, startUp = true): Promise<FaultProxy> {
  // Reserve a port: listen once, note it, close.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));

  let server: Server | null = null;
  const sockets = new Set<Socket>();
  let requests = 0;
  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    target,
    mode: 'pass',
    slowMs: 5000,
    get requests() {
      return requests;
    },
    async up() {
      if (server) return;
      const s = createServer((req, res) => {
        requests++;
        void handle(req.url ?? '/', req.headers.authorization, res, req.socket);
      });
      s.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, '127.0.0.1', () => resolve());
      });
      server = s;
    },
    async down() {
      const s = server;
      server = null;
      if (!s) return;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };

  async function handle(path: string, authorization: string | undefined, res: ServerResponse, socket: Socket): Promise<void> {
    const mode = proxy.mode;
    if (mode === 'reset' || (mode === 'flaky' && requests % 2 === 1)) return void socket.destroy();
    if (mode === 'malformed') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": [{"clientId": "KL-');
    if (mode === 'slow') await new Promise((r) => setTimeout(r, proxy.slowMs).unref());
    if (res.destroyed) return;
    const upstream = await fetch(`${proxy.target}${path}`, { headers: authorization ? { authorization } : {} }).catch(() => null);
    if (!upstream) return void socket.destroy();
    let body = await upstream.text();
    if (mode === 'wrong-shape' && path.startsWith('/api/v1/orders')) {
      const json = JSON.parse(body) as { data: Array<{ officer?: unknown }> };
      for (const order of json.data) order.officer = { id: 'S-1', displayName: `${LEAK_MARKER}${'x'.repeat(300)}`, office: null };
      body = JSON.stringify(json);
    }
    if (res.destroyed) return;
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(body);
  }

  if (startUp) await proxy.up();
  return proxy;
}
