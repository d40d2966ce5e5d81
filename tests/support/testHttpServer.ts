import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export type TestHandler = (req: SeenRequest, res: ServerResponse) => void;

export interface TestHttpServer {
  url: string;
  server: Server;
  /** Every request so far, in arrival order. */
  seen: SeenRequest[];
  /** Route by exact pathname; unrouted paths answer 404. Replace freely between tests. */
  routes: Record<string, TestHandler>;
  close(): Promise<void>;
}

/** Writes a JSON answer (ignored when the client already went away). */
export function sendJson(res: ServerResponse, body: unknown, status = 200): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Comma-separated values of query parameter `name`, split before decoding (a comma in a key is %2C). */
export function keysOf(url: URL, name: string): string[] {
  const raw = new RegExp(`[?&]${name}=([^&]*)`).exec(url.search)?.[1] ?? '';
  return raw === '' ? [] : raw.split(',').map(decodeURIComponent);
}

/** A loopback HTTP server for adapter tests: recorded requests, swappable routes. */
export async function startTestHttpServer(): Promise<TestHttpServer> {
  const seen: SeenRequest[] = [];
  const state: TestHttpServer = { url: '', server: undefined as unknown as Server, seen, routes: {}, close: async () => {} };
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (p: Buffer) => parts.push(p));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://test');
      const request = { method: req.method ?? 'GET', path: url.pathname, url, headers: req.headers, body: Buffer.concat(parts).toString('utf8') };
      seen.push(request);
      const handler = state.routes[url.pathname];
      if (handler) handler(request, res);
      else sendJson(res, { error: 'not found' }, 404);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.server = server;
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
