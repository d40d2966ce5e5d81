import mysql from 'mysql2/promise';
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

export const MARIADB_URL = process.env.REINTEGRA_TEST_MARIADB_URL ?? 'mariadb://root@127.0.0.1:3306/test';

/** Connects to the test MariaDB (root without password, database `test`) and runs `SELECT 1`. */
export async function probeMariaDB(url = MARIADB_URL, timeoutMs = 1500): Promise<ServerProbe> {
  const u = new URL(url);
  const target = `${u.hostname}:${u.port || 3306}`;
  let connection: mysql.Connection | undefined;
  try {
    connection = await mysql.createConnection({
      host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username) || 'root',
      ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
      database: u.pathname.slice(1) || 'test', connectTimeout: timeoutMs,
    });
    await connection.query('SELECT 1');
    return { available: true, target };
  } catch (error) {
    return { available: false, target, reason: (error as { code?: string }).code ?? (error as Error).message };
  } finally {
    connection?.destroy();
  }
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

/** The test MariaDB, probed once when this module is first imported. */
export const mariadb: ServerProbe = await probeMariaDB();

/** `describe` that runs only when the test MariaDB answers (see `describeWithServer`). */
export function describeWithMariaDB(name: string, fn: () => void): void {
  describeWithServer(mariadb, 'MariaDB', name, fn);
}
