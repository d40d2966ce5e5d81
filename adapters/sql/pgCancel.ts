import { connect } from 'node:net';

const CANCEL_REQUEST_CODE = 80877102;

/** The backend to cancel: where it listens and the key it handed out at connection start. */
export interface CancelTarget {
  host: string;
  port: number;
  processID: number;
  secretKey: number;
}

/**
 * Sends a PostgreSQL CancelRequest for the statement running on one backend. Resolves when
 * the server has closed the cancel connection (it has then signalled the backend), or after
 * `timeoutMs`. Never rejects: a failed cancel leaves the server's statement_timeout to end it.
 */
export function pgCancel(target: CancelTarget, timeoutMs = 1000): Promise<void> {
  return new Promise((resolve) => {
    const socket = target.host.startsWith('/')
      ? connect({ path: `${target.host}/.s.PGSQL.${target.port}` })
      : connect({ host: target.host, port: target.port });
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    socket.once('connect', () => {
      const packet = Buffer.alloc(16);
      packet.writeInt32BE(16, 0);
      packet.writeInt32BE(CANCEL_REQUEST_CODE, 4);
      packet.writeInt32BE(target.processID, 8);
      packet.writeInt32BE(target.secretKey, 12);
      socket.end(packet);
    });
    socket.once('close', done);
    socket.once('error', done);
  });
}
