import { fixtureTables, type FixtureTable } from './fixtureData.js';

export { BULK_COUNT, BULK_FROM, bulkJmbg, HOSTILE, JMBG } from './fixtureData.js';

/** Runs one statement with bound parameters (pg.Client, PGlite, a mysql2 connection wrapped). */
export type SqlExec = (sql: string, params?: unknown[]) => Promise<unknown>;

export type SqlDialectName = 'postgres' | 'mariadb';

const quote = (dialect: SqlDialectName, name: string): string => (dialect === 'postgres' ? `"${name}"` : `\`${name}\``);

/** Rows per INSERT: 500 rows × 9 columns stays far below either engine's placeholder limit. */
const ROWS_PER_INSERT = 500;

/**
 * Creates the fixture in its own schema (PostgreSQL) or database (MariaDB) and fills it with
 * bound parameters only: the hostile strings arrive as data, exactly as an agency stored them.
 */
export async function createSqlFixture(exec: SqlExec, dialect: SqlDialectName, schema: string): Promise<void> {
  const q = (name: string): string => quote(dialect, name);
  await dropSqlFixture(exec, dialect, schema);
  await exec(dialect === 'postgres' ? `CREATE SCHEMA ${q(schema)}` : `CREATE DATABASE ${q(schema)} CHARACTER SET utf8mb4`);
  for (const table of fixtureTables({ holdsNul: dialect !== 'postgres' })) {
    const columns = Object.entries(table.columns).map(([name, types]) => `${q(name)} ${dialect === 'postgres' ? types[0] : types[1]}`);
    await exec(`CREATE TABLE ${q(schema)}.${q(table.name)} (${columns.join(', ')})`);
    await insertRows(exec, dialect, `${q(schema)}.${q(table.name)}`, table);
  }
}

export async function dropSqlFixture(exec: SqlExec, dialect: SqlDialectName, schema: string): Promise<void> {
  await exec(dialect === 'postgres' ? `DROP SCHEMA IF EXISTS ${quote(dialect, schema)} CASCADE` : `DROP DATABASE IF EXISTS ${quote(dialect, schema)}`);
}

async function insertRows(exec: SqlExec, dialect: SqlDialectName, target: string, table: FixtureTable): Promise<void> {
  const names = Object.keys(table.columns);
  for (let at = 0; at < table.rows.length; at += ROWS_PER_INSERT) {
    const rows = table.rows.slice(at, at + ROWS_PER_INSERT);
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const slots = names.map((name) => {
        params.push(row[name] ?? null);
        return dialect === 'postgres' ? `$${params.length}` : '?';
      });
      return `(${slots.join(', ')})`;
    });
    await exec(`INSERT INTO ${target} (${names.map((n) => quote(dialect, n)).join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}
