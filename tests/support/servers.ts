import { connect } from 'node:net';
import pg from 'pg';
import { describe, it } from 'vitest';

/** Whether a test server answered, and why not. */
export interface ServerProbe {
  available: boolean;
  /** Connection string (PostgreSQL) or host:port (MariaDB) that was tried. */
  target: string;
  reason?: string;
}

export const POSTGRES_URL = process.env.REINTEGRA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Connects to the test PostgreSQL and runs `SELECT 1` within `timeoutMs`. */
export async function probePostgres(url = POSTGRES_URL, timeoutMs = 1500): Promise<ServerProbe> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { available: true, target: url };
  } catch (error) {
    return { available: false, target: url, reason: (error as { code?: string }).code ?? (error as Error).message };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * TCP probe of the test MariaDB (127.0.0.1:3306, root without password). Only reachability:
 * no MariaDB client library is installed yet.
 */
export function probeMariaDB(host = '127.0.0.1', port = 3306, timeoutMs = 1000): Promise<ServerProbe> {
  const target = `${host}:${port}`;
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (probe: ServerProbe): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(probe);
    };
    const timer = setTimeout(() => finish({ available: false, target, reason: 'timeout' }), timeoutMs);
    socket.once('connect', () => finish({ available: true, target }));
    socket.once('error', (error: NodeJS.ErrnoException) => finish({ available: false, target, reason: error.code ?? error.message }));
  });
}

/**
 * `describe` that needs a server. Unavailable server: with `CI=true` the suite fails (a test
 * saying the server is required); elsewhere it is skipped with one console line saying why.
 */
export function describeWithServer(probe: ServerProbe, server: string, name: string, fn: () => void): void {
  if (probe.available) {
    describe(name, fn);
    return;
  }
  const why = `${server} is not reachable at ${probe.target.replace(/\/\/[^@/]*@/, '//')} (${probe.reason ?? 'unknown'})`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it(`requires ${server}`, () => {
        throw new Error(`${server} is required when CI=true: ${why}`);
      });
    });
    return;
  }
  console.log(`[skipped] ${name}: ${why}`);
  describe.skip(name, fn);
}

/** The test PostgreSQL, probed once when this module is first imported. */
export const postgres: ServerProbe = await probePostgres();

/** `describe` that runs only when the test PostgreSQL answers (see `describeWithServer`). */
export function describeWithPostgres(name: string, fn: () => void): void {
  describeWithServer(postgres, 'PostgreSQL', name, fn);
}
