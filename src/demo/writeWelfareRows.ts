import type { BufferedTableWriter } from './sqlTables.js';
import type { World } from './types.js';
import { KORISNIK, PREDMET, PROCENA_POTREBA, UPUTNICA, USLUGA, WELFARE_TABLES } from './welfareTables.js';
import { welfareRowsOf } from './welfareRowsOf.js';

/** Writes the centre for social work's rows for every person it knows, whatever the database; returns rows per table. */
export async function writeWelfareRows(out: BufferedTableWriter, world: World): Promise<Record<string, number>> {
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
  return Object.fromEntries(WELFARE_TABLES.map((t) => [t.name, out.written[t.name] ?? 0]));
}
