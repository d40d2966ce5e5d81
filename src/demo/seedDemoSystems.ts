/**
 * Seeds the demo agencies' own systems outside the embedded demo (the docker compose world):
 * the prison register into PostgreSQL, the centre for social work into MariaDB, the NGO's CSV
 * files into a folder — all from the same generator, seed and size as the embedded demo, so the
 * same identifiers and mapping files work. The probation service is the REST simulator
 * (`startProbationServer`) started from the same world.
 *
 * Contract: each system is seeded only when its connection/folder is given; re-running replaces
 * what an earlier run wrote. Resolves to the world and the rows written per system.
 */
import { generateWorld } from './generateWorld.js';
import type { MariadbDb } from './mariadbTables.js';
import { seedPrison } from './seedPrison.js';
import { seedWelfareMariadb } from './seedWelfareMariadb.js';
import type { SqlDb } from './sqlTables.js';
import type { World } from './types.js';
import { writeNgoFiles } from './writeNgoFiles.js';

export interface SeedDemoSystemsOptions {
  seed?: number;
  people?: number;
  /** Reference date of the life stories (default today, UTC): pin it to keep ages and dates stable. */
  today?: string;
  /** A PostgreSQL connection (pg Client/Pool) to the prison's database; schema `zatvor`. */
  prison?: SqlDb;
  /** A MariaDB connection (mysql2) for the centre for social work; database `csr`. */
  welfare?: MariadbDb;
  /** The NGO's drop folder. */
  ngoDir?: string;
}

export interface SeededDemoSystems {
  world: World;
  seeded: { prison?: Record<string, number>; welfare?: Record<string, number>; ngo?: { participants: number; enrolments: number } };
}

export async function seedDemoSystems(options: SeedDemoSystemsOptions): Promise<SeededDemoSystems> {
  const world = generateWorld({ seed: options.seed ?? 1, people: options.people ?? 2000, ...(options.today === undefined ? {} : { today: options.today }) });
  const seeded: SeededDemoSystems['seeded'] = {};
  if (options.prison) seeded.prison = await seedPrison(options.prison, world);
  if (options.welfare) seeded.welfare = await seedWelfareMariadb(options.welfare, world);
  if (options.ngoDir) {
    const files = await writeNgoFiles(world, options.ngoDir);
    seeded.ngo = { participants: files.participants.rows, enrolments: files.enrolments.rows };
  }
  return { world, seeded };
}
