import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/index.js';
import type { Adapter, EntityName } from '../../../adapters/sdk/index.js';
import { mariadbConnectionOptions } from '../../../adapters/sql/index.js';
import { generateWorld, mappingPath, seedWelfare, type World } from '../../../src/demo/index.js';
import { seedWelfareMariadb } from '../../../src/demo/seedWelfareMariadb.js';
import { describeWithMariaDB, MARIADB_URL } from '../../support/servers.js';
import { testCall, testDeps } from '../../support/testDeps.js';

// The docker demo runs the welfare system on MariaDB: same generator, same mapping file, so the
// records must be exactly those of the embedded demo's PGlite system.
describeWithMariaDB('the demo welfare system seeded into MariaDB', () => {
  const database = `csr_${process.pid}`;
  let world: World;
  let admin: mysql.Connection;
  let pglite: PGlite;
  let onMariadb: Adapter;
  let onPglite: Adapter;
  let dir: string;

  beforeAll(async () => {
    world = generateWorld({ seed: 7, people: 300, today: '2026-11-25' });
    admin = await mysql.createConnection({ ...mariadbConnectionOptions(MARIADB_URL), charset: 'utf8mb4' });
    pglite = await PGlite.create();
    const [onMaria, onPg] = await Promise.all([seedWelfareMariadb(admin, world, { database }), seedWelfare(pglite, world)]);
    expect(onMaria).toEqual(onPg);
    dir = await mkdtemp(join(tmpdir(), 'reintegra-demo-'));
    const mapping = mappingPath('welfare');
    onMariadb = await createAdapter('welfare', { kind: 'sql', dialect: 'mariadb', url: MARIADB_URL, schema: database, mapping }, testDeps(dir));
    onPglite = await createAdapter('welfare', { kind: 'sql', dialect: 'pglite', schema: 'csr', mapping }, testDeps(dir, { pglite }));
  });
  afterAll(async () => {
    await Promise.allSettled([onMariadb?.close(), onPglite?.close()]);
    await admin?.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin?.end();
    await pglite?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers every entity of the welfare mapping exactly as the embedded PGlite system does', async () => {
    const known = world.people.filter((p) => p.refs.welfare);
    expect(known.length).toBeGreaterThan(20);
    const keysOf: Record<string, string[]> = {
      personByNationalId: known.map((p) => p.nationalId.value),
      person: known.map((p) => String(p.refs.welfare)),
      personByDateOfBirth: known.map((p) => p.dateOfBirth),
    };
    for (const entity of onPglite.entities) {
      const keys = keysOf[entity] ?? keysOf.person!;
      const [a, b] = await Promise.all([onMariadb.load(entity as EntityName, keys, testCall()), onPglite.load(entity as EntityName, keys, testCall())]);
      expect(a, entity).toEqual(b);
      expect(b.filter((v) => v !== null && !(Array.isArray(v) && v.length === 0)).length, entity).toBeGreaterThan(0);
    }
  });
});
