/**
 * Creates the prison's legacy register (schema `zatvor` by default) and loads the world into it.
 *
 * Contract: drops and re-creates the schema, so seeding is repeatable; writes every person the
 * prison knows (see `prisonRowsOf`) in batched multi-row INSERTs (each batch one bound JSON
 * parameter), then indexes the key columns (NAC_ID, INM_NO of every child table). Works on
 * PGlite and on pg alike. Resolves to the number of rows written per table.
 */
import { FACILITIES } from './places.js';
import { INM_OFFENCE, INM_PROGRAM, INM_SENTENCE, INMATE_MASTER, PRISON_TABLES, RISK_ASSESS, SIF_USTANOVA } from './prisonTables.js';
import { prisonRowsOf } from './prisonRowsOf.js';
import { BulkWriter, createIndexes, createTables, type SqlDb } from './sqlTables.js';
import type { World } from './types.js';

export interface SeedOptions {
  schema?: string;
  /** Rows per INSERT statement. */
  batchRows?: number;
}

export async function seedPrison(db: SqlDb, world: World, options: SeedOptions = {}): Promise<Record<string, number>> {
  const schema = options.schema ?? 'zatvor';
  await createTables(db, schema, PRISON_TABLES);
  const out = new BulkWriter(db, schema, options.batchRows ?? 500);
  for (const f of FACILITIES) await out.add(SIF_USTANOVA, { FAC_CD: f.code, NAZIV: f.name, ZENSKI: f.women ? 'D' : 'N' });
  for (const person of world.people) {
    const rows = prisonRowsOf(world, person);
    if (rows === null) continue;
    await out.add(INMATE_MASTER, rows.master);
    await out.add(INM_SENTENCE, rows.sentence);
    for (const r of rows.offences) await out.add(INM_OFFENCE, r);
    for (const r of rows.assessments) await out.add(RISK_ASSESS, r);
    for (const r of rows.programmes) await out.add(INM_PROGRAM, r);
  }
  await out.flush();
  await createIndexes(db, schema, PRISON_TABLES);
  return Object.fromEntries(PRISON_TABLES.map((t) => [t.name, out.written[t.name] ?? 0]));
}
