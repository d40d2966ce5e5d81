import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { resolveSecret, type GatewayConfig } from '../config/index.js';
import type { Store } from './Store.js';
import { lockDataDir } from './lockDataDir.js';
import { migrate } from './migrate.js';

/**
 * Opens the gateway store named by the config and brings its tables up to date. With
 * `shared`, an already-open PGlite instance is used (the embedded demo keeps one instance).
 * `existing`: the store must be there already (the audit commands: never an empty log created
 * by a typo). `queryTimeoutMs` (PostgreSQL): a query outside a transaction that has no answer by
 * then fails, so a stalled server cannot hold a request past its deadline; migrations and
 * transactions are not bounded (the audit writer has its own deadline).
 */
export async function openStore(config: GatewayConfig['store'], shared?: PGlite, options: { existing?: boolean; queryTimeoutMs?: number } = {}): Promise<Store> {
  if (options.existing && config.kind === 'pglite' && !shared) {
    if (config.dataDir === undefined) throw new StoreNotFound('the store is in memory (no store.dataDir): there is no log to read outside the gateway');
    if (!existsSync(join(config.dataDir, 'PG_VERSION'))) throw new StoreNotFound(`no store at ${config.dataDir} (store.dataDir): check the path`);
  }
  let store: Store;
  if (config.kind === 'postgres') store = postgresStore(resolveSecret(config.url, 'store.url', 1), config.poolSize, options.queryTimeoutMs);
  else if (shared) store = await pgliteStore(shared, false, () => undefined);
  else {
    const release = config.dataDir === undefined ? () => undefined : lockDataDir(config.dataDir);
    try {
      store = await pgliteStore(await PGlite.create(config.dataDir), true, release);
    } catch (error) {
      release();
      throw error;
    }
  }
  try {
    if (options.existing) {
      const { rows } = await store.query<{ found: boolean }>("SELECT to_regnamespace('reintegra') IS NOT NULL AS found");
      if (!rows[0]?.found) throw new StoreNotFound('this database holds no Reintegra store (no schema reintegra): check store.url');
    }
    await migrate(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** `openStore(…, { existing: true })` found nothing to open: a wrong path or database, never an empty log to verify. */
export class StoreNotFound extends Error {
  readonly code = 'ERR_STORE_NOT_FOUND';
}

/**
 * The store's config with a relative PGlite `dataDir` made relative to `baseDir` (the config
 * file's folder), like every other path in a config: the gateway and the `reintegra audit`
 * commands then open the same store whatever folder they were started from.
 */
export function storeConfigAt(config: GatewayConfig['store'], baseDir: string): GatewayConfig['store'] {
  return config.kind === 'pglite' && config.dataDir !== undefined ? { ...config, dataDir: resolve(baseDir, config.dataDir) } : config;
}

/** A query for the pg driver: prepared once per connection under `name` when one is given (no name and no values: the simple protocol, which migrations with several statements need). */
function statement(text: string, values: unknown[] | undefined, name: string | undefined): pg.QueryConfig {
  return { text, ...(values === undefined ? {} : { values }), ...(name === undefined ? {} : { name }) };
}

function postgresStore(url: string, max: number, queryTimeoutMs: number | undefined): Store {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  // An idle client's error must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  let closed = false;
  return {
    kind: 'postgres',
    query: async (sql, params, name) => pool.query({ ...statement(sql, params, name), ...(queryTimeoutMs ? { query_timeout: queryTimeoutMs } : {}) }) as never,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: async (sql, params, name) => client.query(statement(sql, params, name)) as never });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

async function pgliteStore(db: PGlite, owned: boolean, release: () => void): Promise<Store> {
  await db.waitReady;
  let closed = false;
  return {
    kind: 'pglite',
    query: async (sql, params) => db.query(sql, params) as never,
    transaction: (fn) => db.transaction((tx) => fn({ query: async (sql, params) => tx.query(sql, params) as never })),
    async close() {
      if (closed || !owned) return;
      closed = true;
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}
