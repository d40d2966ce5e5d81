/**
 * The centre for social work's case system in MariaDB (database `csr` by default), for the
 * docker demo: the same tables, rows and mapping file as `seedWelfare` on PostgreSQL.
 *
 * Contract: drops and re-creates the database; writes every person the centre knows (see
 * `welfareRowsOf`) in batched multi-row INSERTs with bound parameters, then indexes jmbg and every
 * korisnik_id. Resolves to the number of rows written per table.
 */
import { createMariadbIndexes, createMariadbTables, MariadbBulkWriter, type MariadbDb } from './mariadbTables.js';
import type { World } from './types.js';
import { WELFARE_TABLES } from './welfareTables.js';
import { writeWelfareRows } from './writeWelfareRows.js';

export interface MariadbSeedOptions {
  database?: string;
  /** Rows per INSERT (default 500: 500 × 11 columns stays far below the 65,535 placeholder limit). */
  batchRows?: number;
}

export async function seedWelfareMariadb(db: MariadbDb, world: World, options: MariadbSeedOptions = {}): Promise<Record<string, number>> {
  const database = options.database ?? 'csr';
  await createMariadbTables(db, database, WELFARE_TABLES);
  const written = await writeWelfareRows(new MariadbBulkWriter(db, database, options.batchRows ?? 500), world);
  await createMariadbIndexes(db, database, WELFARE_TABLES);
  return written;
}
