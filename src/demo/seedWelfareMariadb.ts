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
import { KORISNIK, PREDMET, PROCENA_POTREBA, UPUTNICA, USLUGA, WELFARE_TABLES } from './welfareTables.js';
import { welfareRowsOf } from './welfareRowsOf.js';

export interface MariadbSeedOptions {
  database?: string;
  /** Rows per INSERT (default 500: 500 × 11 columns stays far below the 65,535 placeholder limit). */
  batchRows?: number;
}

export async function seedWelfareMariadb(db: MariadbDb, world: World, options: MariadbSeedOptions = {}): Promise<Record<string, number>> {
  const database = options.database ?? 'csr';
  await createMariadbTables(db, database, WELFARE_TABLES);
  const out = new MariadbBulkWriter(db, database, options.batchRows ?? 500);
  for (const person of world.people) {
    const rows = welfareRowsOf(world, person);
    if (rows === null) continue;
    await out.add(KORISNIK, rows.client);
    await out.add(PREDMET, rows.caseFile);
    for (const r of rows.needs) await out.add(PROCENA_POTREBA, r);
    for (const r of rows.services) await out.add(USLUGA, r);
    for (const r of rows.referrals) await out.add(UPUTNICA, r);
  }
  await out.flush();
  await createMariadbIndexes(db, database, WELFARE_TABLES);
  return Object.fromEntries(WELFARE_TABLES.map((t) => [t.name, out.written[t.name] ?? 0]));
}
