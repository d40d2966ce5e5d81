import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Gateway } from './createGateway.js';
import { createRequestHandler } from './createRequestHandler.js';

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** The status Node's own answer gives each parser error (400 for the rest). */
const PARSER_STATUS: Record<string, number> = { HPE_HEADER_OVERFLOW: 431, HPE_CHUNK_EXTENSIONS_OVERFLOW: 413, ERR_HTTP_REQUEST_TIMEOUT: 408 };

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
  // Requests Node's HTTP parser refuses (oversized or malformed headers, NUL in a header,
  // conflicting lengths, headers too slow) never reach the handler: logged here, and answered
  // as Node would.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = PARSER_STATUS[error.code ?? ''] ?? 400;
    gateway.logger.warn({ code: error.code, status }, 'HTTP request refused before it was read');
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
  });
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
    /**
     * Stops taking connections and lets the requests in flight finish, each bounded by
     * `requestTimeoutMs`, so their answers and audit events are not cut off by a rolling restart;
     * idle keep-alive connections are closed as they become idle. Whatever is still open after
     * `requestTimeoutMs` and 2 s more is cut.
     */
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        const cut = setTimeout(() => server.closeAllConnections(), requestTimeoutMs + 2_000);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
