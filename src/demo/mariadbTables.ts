/**
 * The demo's table definitions (written for PostgreSQL, see sqlTables.ts) created and filled in
 * MariaDB/MySQL, so that an agency system of the docker demo can run on MariaDB with the same
 * rows and the same mapping file. A schema there is a database.
 *
 * Data never enters SQL text: each multi-row INSERT binds every cell as a parameter.
 */
import { BufferedTableWriter, type SqlRow, type TableSpec } from './sqlTables.js';

/** What the seeder needs from a MariaDB connection: mysql2's `Connection.query` qualifies. */
export interface MariadbDb {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export const quoteMariadb = (name: string): string => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`bad identifier: ${name}`);
  return `\`${name}\``;
};

/** A PostgreSQL column type of the demo tables in MariaDB terms (instants as UTC DATETIME). */
export function mariadbColumnType(pgType: string): string {
  return pgType
    .replace(/\binteger\b/gi, 'INT')
    .replace(/\btimestamptz\b|\btimestamp\(\d\)/gi, 'DATETIME')
    .replace(/"/g, '`');
}

/** Instants as MariaDB DATETIME text: `2024-05-01T10:00:00Z` → `2024-05-01 10:00:00` (UTC). */
function cell(value: SqlRow[string], pgType: string): SqlRow[string] {
  if (typeof value === 'string' && /timestamp/i.test(pgType)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? value : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  }
  return value;
}

/** Drops and re-creates `database` (utf8mb4) with the tables; indexes come with `createMariadbIndexes`. */
export async function createMariadbTables(db: MariadbDb, database: string, tables: readonly TableSpec[]): Promise<void> {
  const d = quoteMariadb(database);
  await db.query(`DROP DATABASE IF EXISTS ${d}`);
  await db.query(`CREATE DATABASE ${d} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  for (const t of tables) {
    const cols = t.columns.map(([name, type]) => `${quoteMariadb(name)} ${mariadbColumnType(type)}`);
    if (t.identity !== undefined) cols.unshift(`${quoteMariadb(t.identity)} INT AUTO_INCREMENT PRIMARY KEY`);
    cols.push(...(t.constraints ?? []).map(mariadbColumnType));
    await db.query(`CREATE TABLE ${d}.${quoteMariadb(t.name)} (${cols.join(', ')})`);
  }
}

export async function createMariadbIndexes(db: MariadbDb, database: string, tables: readonly TableSpec[]): Promise<void> {
  for (const t of tables) {
    for (const cols of t.indexes ?? []) {
      const name = quoteMariadb(`${t.name}_${cols.join('_')}_idx`.toLowerCase().slice(0, 64));
      await db.query(`CREATE INDEX ${name} ON ${quoteMariadb(database)}.${quoteMariadb(t.name)} (${cols.map(quoteMariadb).join(', ')})`);
    }
  }
}

/** MariaDB: multi-row INSERTs with a placeholder per cell (see BufferedTableWriter). */
export class MariadbBulkWriter extends BufferedTableWriter {
  constructor(
    private readonly db: MariadbDb,
    private readonly database: string,
    batchRows = 500,
  ) {
    super(batchRows);
  }

  protected async write(table: TableSpec, rows: SqlRow[]): Promise<void> {
    const names = table.columns.map(([name]) => quoteMariadb(name)).join(', ');
    const tuple = `(${table.columns.map(() => '?').join(', ')})`;
    const params = rows.flatMap((row) => table.columns.map(([name, type]) => cell(row[name] ?? null, type)));
    await this.db.query(
      `INSERT INTO ${quoteMariadb(this.database)}.${quoteMariadb(table.name)} (${names}) VALUES ${rows.map(() => tuple).join(', ')}`,
      params,
    );
  }
}
