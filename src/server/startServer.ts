import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Gateway } from './createGateway.js';
import { createRequestHandler } from './createRequestHandler.js';

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Serves the gateway over HTTP; `port` 0 picks a free one (tests). */
export async function startServer(gateway: Gateway, port: number, host: string): Promise<RunningServer> {
  const { headersTimeoutMs, requestTimeoutMs } = gateway.config.server;
  // Slow clients: headers and the whole request are bounded; the sweep runs often enough to enforce it.
  const server = createServer(
    {
      headersTimeout: headersTimeoutMs,
      requestTimeout: Math.max(requestTimeoutMs * 2, headersTimeoutMs + 1000),
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: Math.min(1_000, headersTimeoutMs),
    },
    createRequestHandler(gateway),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closed = false;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
