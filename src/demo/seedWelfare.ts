/**
 * Creates the centre for social work's case system (schema `csr` by default) and loads the world.
 *
 * Contract: drops and re-creates the schema; writes every person the centre knows (see
 * `welfareRowsOf`) in batched multi-row INSERTs (each batch one bound JSON parameter), then
 * indexes jmbg and every korisnik_id. Works on PGlite and pg alike. Resolves to the number of
 * rows written per table.
 */
import { BulkWriter, createIndexes, createTables, type SqlDb } from './sqlTables.js';
import type { SeedOptions } from './seedPrison.js';
import type { World } from './types.js';
import { WELFARE_TABLES } from './welfareTables.js';
import { writeWelfareRows } from './writeWelfareRows.js';

export async function seedWelfare(db: SqlDb, world: World, options: SeedOptions = {}): Promise<Record<string, number>> {
  const schema = options.schema ?? 'csr';
  await createTables(db, schema, WELFARE_TABLES);
  const written = await writeWelfareRows(new BulkWriter(db, schema, options.batchRows ?? 500), world);
  await createIndexes(db, schema, WELFARE_TABLES);
  return written;
}
