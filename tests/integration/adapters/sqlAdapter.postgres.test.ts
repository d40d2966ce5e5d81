import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/index.js';
import { AdapterAborted } from '../../../adapters/sdk/index.js';
import { settlesWithin } from '../../support/adapterConformance.js';
import { sqlAdapterConformance } from '../../support/sqlConformance.js';
import { describeWithPostgres, POSTGRES_URL } from '../../support/servers.js';
import { JMBG } from '../../support/sqlFixture.js';
import { testCall, testDeps } from '../../support/testDeps.js';

describeWithPostgres('sql adapter on PostgreSQL', () => {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  beforeAll(() => admin.connect());
  afterAll(() => admin.end());

  const kit = sqlAdapterConformance(() => ({
    dialect: 'postgres',
    config: { dialect: 'postgres', url: POSTGRES_URL, poolSize: 2 },
    exec: (sql, params) => admin.query(sql, params),
    interruptible: true,
  }));

  it('cancels the running statement on abort and keeps the pool usable', async () => {
    const { adapter } = await kit.adapter({ deadlineMs: 10_000, poolSize: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(adapter.load('supervision', [JMBG.marko], testCall(controller.signal))).rejects.toBeInstanceOf(AdapterAborted);
    // With one connection, this only answers once the cancelled statement has given it back.
    expect(await settlesWithin(adapter.load('person', ['1'], testCall()), 5000)).toEqual([expect.objectContaining({ ref: '1' })]);
    const { rows } = await admin.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep%' AND application_name = 'reintegra:prison'`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('reports not ready, without throwing, when the server cannot be reached', async () => {
    const adapter = await createAdapter(
      'prison',
      { kind: 'sql', dialect: 'postgres', url: 'postgres://postgres@127.0.0.1:1/test', mapping: 'fixture.yaml', deadlineMs: 500 },
      testDeps(kit.dir.path),
    );
    const ready = await adapter.ready();
    expect(ready.ok).toBe(false);
    expect(ready.detail).toContain('ECONNREFUSED');
    await adapter.close();
  });
});
