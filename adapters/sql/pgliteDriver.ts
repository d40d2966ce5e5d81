import { PGlite } from '@electric-sql/pglite';
import type { Deadline } from '../sdk/index.js';
import type { SqlDriver } from './SqlDriver.js';

const asText = (value: string): string => value;
/** date, timestamp, timestamptz as PostgreSQL's text, like the pg driver. */
const parsers = { 1082: asText, 1114: asText, 1184: asText };

/**
 * Embedded PostgreSQL. The shared in-process instance (`deps.pglite`) is used as is and never
 * closed here; with `dataDir` the adapter opens and owns its own. PGlite runs a statement
 * synchronously, so a statement cannot be interrupted: the deadline is checked before and
 * (by the batch runner) after each one.
 */
export function pgliteDriver(source: { shared: PGlite } | { dataDir: string }): SqlDriver {
  const owned = 'dataDir' in source;
  let db: Promise<PGlite> | null = null;
  const open = (): Promise<PGlite> =>
    (db ??= 'shared' in source ? Promise.resolve(source.shared) : PGlite.create(source.dataDir));
  let closing: Promise<void> | null = null;

  return {
    concurrency: 1,
    async query(text, params, deadline: Deadline) {
      deadline.check();
      if (closing) throw new Error('the adapter is closed');
      const db = await open();
      // Re-checked after the await: the caller may have gone away meanwhile, and once started
      // the statement cannot be stopped.
      deadline.check();
      const result = await db.query<Record<string, unknown>>(text, params as unknown[], { parsers });
      return result.rows;
    },
    async ping() {
      if (closing) throw new Error('the adapter is closed');
      await (await open()).query('SELECT 1');
    },
    close() {
      closing ??= owned && db ? db.then((d) => d.close()) : Promise.resolve();
      return closing;
    },
  };
}
