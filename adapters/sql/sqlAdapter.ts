import { resolve } from 'node:path';
import {
  AdapterConfigInvalid, AdapterUnavailable, codeOf, entityNotMapped, buildRecords, compileMapping, groupRows, isSqlIdentifier,
  loadMapping, parseAdapterConfig, readSecret, runBatch, type Adapter, type AdapterDeps, type AdapterFactory, type ChildRows, type ChunkResult, type CompiledEntity,
  type Deadline, toIsoDate, withDeadline,
} from '../sdk/index.js';
import { buildKeyPage } from './buildKeyPage.js';
import { buildSelect } from './buildSelect.js';
import { mariadbDriver } from './mariadbDriver.js';
import { pgDriver } from './pgDriver.js';
import { pgliteDriver } from './pgliteDriver.js';
import { sqlConfig, type SqlConfig } from './sqlConfig.js';
import { mariadbDialect, postgresDialect, type SqlDialect } from './SqlDialect.js';
import type { SqlDriver } from './SqlDriver.js';

const INT_KEY = /^[+-]?\d{1,18}$/;

/** Int keys in canonical decimal (`007` asks for 7 and is answered as 7); non-numbers cannot exist. */
const canonicalInt = (key: string): string | null => (INT_KEY.test(key.trim()) ? BigInt(key.trim()).toString() : null);

function openDriver(agency: string, config: SqlConfig, deps: AdapterDeps): { driver: SqlDriver; dialect: SqlDialect } {
  if (config.dialect === 'mariadb') {
    const { poolSize, deadlineMs, tls } = config;
    const url = readSecret(agency, config.url, 'url');
    if (!/^(mariadb|mysql):\/\//.test(url)) throw new AdapterConfigInvalid(agency, `${agency}: the mariadb url must start with mariadb:// or mysql://`);
    return { dialect: mariadbDialect, driver: mariadbDriver({ agency, url, poolSize, deadlineMs, tls, logger: deps.logger }) };
  }
  if (config.dialect === 'postgres') {
    const logger = deps.logger;
    const url = readSecret(agency, config.url, 'url');
    return { dialect: postgresDialect, driver: pgDriver({ agency, url, poolSize: config.poolSize, deadlineMs: config.deadlineMs, logger }) };
  }
  if (config.dataDir) return { dialect: postgresDialect, driver: pgliteDriver({ dataDir: resolve(deps.baseDir, config.dataDir) }) };
  if (!deps.pglite) throw new AdapterConfigInvalid(agency, `${agency}: dialect pglite without dataDir needs the gateway's in-process PGlite`);
  return { dialect: postgresDialect, driver: pgliteDriver({ shared: deps.pglite }) };
}

/**
 * `kind: sql` — an agency database (PostgreSQL, PGlite, MariaDB/MySQL). Per chunk of keys: one SELECT of the
 * mapped columns with the keys bound (one array parameter, or one placeholder each on MariaDB,
 * chunks then cut to its placeholder limit), then one SELECT per mapped list with the
 * parent key values found. Every statement is one backend call, so the count per chunk is
 * fixed (1 + lists) whatever the data holds.
 */
export const sqlAdapter: AdapterFactory = async (agency, rawConfig, deps) => {
  const config = parseAdapterConfig(agency, 'sql', sqlConfig, rawConfig);
  if (config.schema !== undefined && !isSqlIdentifier(config.schema)) {
    throw new AdapterConfigInvalid(agency, `${agency}: schema is not a valid sql identifier`);
  }
  const mapping = compileMapping(await loadMapping(resolve(deps.baseDir, config.mapping), agency, { kind: 'sql' }));
  const { driver, dialect } = openDriver(agency, config, deps);
  const schema = config.schema;

  const fetchChunk = async (entity: CompiledEntity, keys: string[], deadline: Deadline): Promise<ChunkResult> => {
    const { spec } = entity;
    deps.onBackendCall(spec.entity);
    const select = buildSelect(dialect, { schema, source: spec.source!, columns: entity.sources, keyColumn: spec.key, keyType: spec.keyType }, keys);
    const rows = await driver.query(select.text, select.params, deadline);
    if (entity.lists.length === 0) return buildRecords(entity, rows);
    const parentKeys = [...new Set(rows.map((r) => entity.keyOf(r)).filter((k): k is string => k !== null))];
    const children: ChildRows[] = [];
    for (const list of entity.lists) {
      deadline.check();
      deps.onBackendCall(spec.entity);
      const child = buildSelect(dialect, {
        schema, source: list.spec.source!, columns: list.sources, keyColumn: list.spec.key!, keyType: 'infer', orderBy: list.spec.orderBy,
      }, parentKeys);
      children.push(groupRows(await driver.query(child.text, child.params, deadline), list.keyOf));
    }
    return buildRecords(entity, rows, children);
  };

  const adapter: Adapter = {
    agency,
    kind: 'sql',
    entities: new Set(mapping.entities.keys()),
    deadlineMs: config.deadlineMs,
    load(entity, keys, call) {
      const compiled = mapping.entities.get(entity);
      if (!compiled) return Promise.reject(entityNotMapped(agency, entity));
      return runBatch({
        agency, entity, keys, call,
        deadlineMs: config.deadlineMs,
        maxBatch: Math.min(compiled.spec.maxBatch ?? config.maxBatch, dialect.maxKeys),
        concurrency: driver.concurrency,
        many: compiled.spec.many,
        normalize: compiled.spec.keyType === 'int' ? canonicalInt : compiled.spec.keyType === 'date' ? toIsoDate : (key) => (dialect.canHold(key) ? key : null),
        fetch: (chunk, deadline) => fetchChunk(compiled, chunk, deadline),
        failure: (error) => new AdapterUnavailable(agency, `${agency}: ${entity} query failed${codeOf(error)}`, {
          cause: error, ...(driver.transient?.(error) ? { transient: true } : {}),
        }),
      });
    },
    async listKeys(entity, page, call) {
      const compiled = mapping.entities.get(entity);
      if (!compiled) throw entityNotMapped(agency, entity);
      const { spec } = compiled;
      const deadline = withDeadline(call.signal, config.deadlineMs, agency);
      const release = await call.backendSlots?.acquire(deadline.signal);
      try {
        deps.onBackendCall(spec.entity);
        const select = buildKeyPage(dialect, { schema, source: spec.source!, keyColumn: spec.key, keyType: spec.keyType === 'int' ? 'int' : 'text' }, page.after, page.limit);
        const rows = await driver.query(select.text, select.params, deadline);
        return rows.map((row) => String(row.k));
      } catch (error) {
        throw deadline.failure() ?? new AdapterUnavailable(agency, `${agency}: listing ${entity} failed${codeOf(error)}`, {
          cause: error, ...(driver.transient?.(error) ? { transient: true } : {}),
        });
      } finally {
        release?.();
        deadline.done();
      }
    },
    async ready() {
      try {
        await driver.ping(config.deadlineMs);
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: `${config.dialect} did not answer SELECT 1${codeOf(error)}` };
      }
    },
    close: () => driver.close(),
  };
  return adapter;
};
