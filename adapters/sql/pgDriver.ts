import pg from 'pg';
import type { Logger } from 'pino';
import { untilAborted, type Deadline } from '../sdk/index.js';
import { pgCancel } from './pgCancel.js';
import type { SqlDriver } from './SqlDriver.js';

/** OIDs of date, timestamp and timestamptz: kept as PostgreSQL's text, the mapping types them. */
const TEXT_TEMPORALS = new Set([1082, 1114, 1184]);

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    TEXT_TEMPORALS.has(oid) ? (value: string) => value : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

interface BackendIdentity {
  processID?: number;
  secretKey?: number;
}

export interface PgDriverOptions {
  agency: string;
  url: string;
  poolSize: number;
  deadlineMs: number;
  logger: Logger;
}

/**
 * PostgreSQL through a `pg.Pool`. Each connection carries `statement_timeout = deadlineMs`, so
 * the server ends a runaway statement even if we cannot; on abort we also send a CancelRequest
 * and keep the connection out of the pool until the statement and the cancel are both done,
 * so a late cancel can never hit the next caller's statement.
 */
export function pgDriver(options: PgDriverOptions): SqlDriver {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    statement_timeout: options.deadlineMs,
    connectionTimeoutMillis: options.deadlineMs,
    idleTimeoutMillis: 30_000,
    application_name: `reintegra:${options.agency}`.slice(0, 63),
    types,
  });
  // An idle connection that dies (server restart) must not crash the process.
  pool.on('error', (error) => options.logger.warn({ err: { message: error.message } }, 'idle postgres connection failed'));
  let closing: Promise<void> | null = null;

  return {
    concurrency: options.poolSize,
    async query(text, params, deadline: Deadline) {
      const client = await untilAborted(pool.connect(), deadline.signal, (late) => late.release());
      let settled = false;
      let cancelling: Promise<void> | undefined;
      const running = client.query(text, params as unknown[]);
      void running.then(() => (settled = true), () => (settled = true));
      const cancel = (): void => {
        const id = client as unknown as BackendIdentity;
        if (settled || id.processID === undefined || id.secretKey === undefined) return;
        cancelling = pgCancel({ host: client.host, port: client.port, processID: id.processID, secretKey: id.secretKey });
      };
      deadline.signal.addEventListener('abort', cancel, { once: true });
      if (deadline.signal.aborted) cancel();
      let broken = false;
      try {
        return (await untilAborted(running, deadline.signal)).rows as Record<string, unknown>[];
      } catch (error) {
        // A failure without SQLSTATE is a connection failure: do not return that client to the pool.
        broken = !deadline.signal.aborted && typeof (error as { code?: unknown }).code !== 'string';
        throw error;
      } finally {
        deadline.signal.removeEventListener('abort', cancel);
        void Promise.allSettled([running, cancelling]).then(() => client.release(broken));
      }
    },
    // pg reports connection failures without a SQLSTATE (see `broken` above).
    transient: (error) => typeof (error as { code?: unknown } | null)?.code !== 'string',
    async ping(timeoutMs) {
      const client = await pool.connect();
      try {
        await client.query({ text: 'SELECT 1', query_timeout: timeoutMs } as pg.QueryConfig);
      } finally {
        client.release();
      }
    },
    close() {
      closing ??= pool.end().catch((error: Error) => options.logger.warn({ err: { message: error.message } }, 'closing postgres pool failed'));
      return closing;
    },
  };
}
