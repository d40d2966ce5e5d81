import mysql from 'mysql2/promise';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/index.js';
import { AdapterAborted } from '../../../adapters/sdk/index.js';
import { mariadbConnectionOptions, mariadbDialect } from '../../../adapters/sql/index.js';
import { settlesWithin } from '../../support/adapterConformance.js';
import { describeWithMariaDB, MARIADB_URL } from '../../support/servers.js';
import { JMBG } from '../../support/sqlFixture.js';
import { sqlAdapterConformance } from '../../support/sqlConformance.js';
import { testCall, testDeps } from '../../support/testDeps.js';

describeWithMariaDB('sql adapter on MariaDB', () => {
  let admin: mysql.Connection;
  beforeAll(async () => {
    admin = await mysql.createConnection({ ...mariadbConnectionOptions(MARIADB_URL), charset: 'utf8mb4' });
  });
  afterAll(() => admin.end());

  const kit = sqlAdapterConformance(() => ({
    dialect: 'mariadb',
    config: { dialect: 'mariadb', url: MARIADB_URL, poolSize: 2 },
    exec: (sql, params) => (params ? admin.execute(sql, params as mysql.ExecuteValues[]) : admin.query(sql)),
    interruptible: true,
  }));

  it('cuts a batch larger than the placeholder limit into statements the server accepts', async () => {
    const { adapter, deps } = await kit.adapter({ maxBatch: 100_000 });
    const keys = Array.from({ length: 70_000 }, (_, i) => `x${i}`);
    keys[69_999] = JMBG.marko;
    expect(keys.length).toBeGreaterThan(mariadbDialect.maxKeys);
    const out = await adapter.load('personByNationalId', keys, testCall());
    expect(deps.backendCalls).toHaveLength(2);
    expect(out.filter((p) => p !== null)).toEqual([expect.objectContaining({ ref: '1' })]);
    expect(out[69_999]).toMatchObject({ givenName: 'Марко' });
  });

  it('kills the running statement on abort and keeps the pool usable', async () => {
    const { adapter } = await kit.adapter({ deadlineMs: 10_000, poolSize: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(adapter.load('supervision', [JMBG.marko], testCall(controller.signal))).rejects.toBeInstanceOf(AdapterAborted);
    expect(await settlesWithin(adapter.load('person', ['1'], testCall()), 5000)).toEqual([expect.objectContaining({ ref: '1' })]);
    // The KILL QUERY is sent on its own connection; give the server a moment to act on it.
    for (let i = 0; i < 50; i++) {
      const [rows] = await admin.query(`SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE '%SLEEP(0.8)%' AND INFO NOT LIKE '%PROCESSLIST%'`);
      if (Number((rows as Array<{ n: number }>)[0]!.n) === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the aborted statement is still running');
  });

  it('reports not ready, without throwing, when the server cannot be reached', async () => {
    const adapter = await createAdapter(
      'prison',
      { kind: 'sql', dialect: 'mariadb', url: 'mariadb://root@127.0.0.1:1/test', mapping: 'fixture.yaml', deadlineMs: 500 },
      testDeps(kit.dir.path),
    );
    const ready = await adapter.ready();
    expect(ready.ok).toBe(false);
    expect(ready.detail).toContain('ECONNREFUSED');
    await adapter.close();
  });
});
