import mysql from 'mysql2/promise';
import type { Logger } from 'pino';
import { untilAborted, type Deadline } from '../sdk/index.js';
import type { SqlDriver } from './SqlDriver.js';

export interface MariadbDriverOptions {
  agency: string;
  /** `mariadb://user:password@host:3306/database` (also `mysql://`). */
  url: string;
  poolSize: number;
  deadlineMs: number;
  /** Require TLS with a verified server certificate. */
  tls: boolean;
  logger: Logger;
}

/** mysql2 connection options from a `mariadb://` URL (mysql2's own `uri` knows only mysql://). */
export function mariadbConnectionOptions(url: string): mysql.ConnectionOptions {
  const u = new URL(url);
  if (u.protocol !== 'mariadb:' && u.protocol !== 'mysql:') throw new Error('the url must start with mariadb:// or mysql://');
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  return {
    host: decodeURIComponent(u.hostname) || '127.0.0.1',
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username) || 'root',
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(database ? { database } : {}),
  };
}

/**
 * MariaDB/MySQL through a mysql2 pool. Statements are server-side prepared (`execute`), so keys
 * are bound parameters; dates, datetimes and big numbers come back as the server's text. Each
 * connection is put on UTC (TIMESTAMP text is then UTC) and MariaDB's `max_statement_time`
 * (the deadline), so the server ends a runaway statement even if we cannot. On abort a
 * `KILL QUERY` goes out on a separate connection and the aborted connection is destroyed, never
 * reused: a late kill cannot hit the next caller's statement.
 */
export function mariadbDriver(options: MariadbDriverOptions): SqlDriver {
  const connection = {
    ...mariadbConnectionOptions(options.url),
    charset: 'utf8mb4',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    connectTimeout: options.deadlineMs,
    enableKeepAlive: true,
    ...(options.tls ? { ssl: { rejectUnauthorized: true } } : {}),
  } satisfies mysql.ConnectionOptions;
  const pool = mysql.createPool({ ...connection, connectionLimit: options.poolSize, maxIdle: options.poolSize, idleTimeout: 30_000, queueLimit: 0 });
  const seconds = Math.max(0.001, options.deadlineMs / 1000);
  pool.pool.on('connection', (conn) => {
    // MySQL has no max_statement_time: the SET then fails and the client-side deadline still holds.
    conn.query(`SET SESSION time_zone = '+00:00', SESSION max_statement_time = ${seconds}`, (error: unknown) => {
      if (error) conn.query(`SET SESSION time_zone = '+00:00'`, () => {});
    });
  });
  let closing: Promise<void> | null = null;

  const kill = async (threadId: number): Promise<void> => {
    const killer = await mysql.createConnection({ ...connection, connectTimeout: 1000 });
    try {
      await killer.query(`KILL QUERY ${Number(threadId)}`);
    } finally {
      killer.destroy();
    }
  };

  return {
    concurrency: options.poolSize,
    async query(text, params, deadline: Deadline) {
      if (closing) throw new Error('the adapter is closed');
      const conn = await untilAborted(pool.getConnection(), deadline.signal, (late) => late.release());
      const running = conn.execute(text, params as mysql.ExecuteValues[]).then(([rows]) => rows as Record<string, unknown>[]);
      let killing: Promise<void> | undefined;
      let settled = false;
      void running.then(() => (settled = true), () => (settled = true));
      const abort = (): void => {
        if (!settled) killing = kill(conn.threadId).catch(() => {});
      };
      deadline.signal.addEventListener('abort', abort, { once: true });
      if (deadline.signal.aborted) abort();
      let broken = false;
      try {
        return await untilAborted(running, deadline.signal);
      } catch (error) {
        // No SQL error number: the connection itself failed.
        broken = typeof (error as { errno?: unknown }).errno !== 'number' || (error as { fatal?: unknown }).fatal === true;
        throw error;
      } finally {
        deadline.signal.removeEventListener('abort', abort);
        void Promise.allSettled([running, killing]).then(() => (killing || broken ? conn.destroy() : conn.release()));
      }
    },
    async ping(timeoutMs) {
      if (closing) throw new Error('the adapter is closed');
      await pool.query({ sql: 'SELECT 1', timeout: timeoutMs });
    },
    transient: (error) => (error as { fatal?: unknown } | null)?.fatal === true,
    close() {
      closing ??= pool.end().catch((error: unknown) => options.logger.warn({ err: { code: (error as { code?: string }).code } }, 'closing mariadb pool failed'));
      return closing;
    },
  };
}
