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
import { KORISNIK, PREDMET, PROCENA_POTREBA, UPUTNICA, USLUGA, WELFARE_TABLES } from './welfareTables.js';
import { welfareRowsOf } from './welfareRowsOf.js';

export async function seedWelfare(db: SqlDb, world: World, options: SeedOptions = {}): Promise<Record<string, number>> {
  const schema = options.schema ?? 'csr';
  await createTables(db, schema, WELFARE_TABLES);
  const out = new BulkWriter(db, schema, options.batchRows ?? 500);
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
  await createIndexes(db, schema, WELFARE_TABLES);
  return Object.fromEntries(WELFARE_TABLES.map((t) => [t.name, out.written[t.name] ?? 0]));
}
