import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuditLog, GroupCommitAuditStore, auditGrants, loadCheckpointKeys } from '../../../src/audit/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import pg from 'pg';
import { describeWithPostgres, POSTGRES_URL } from '../../support/servers.js';
import { createTestDatabase, newSigningKey, sampleEvent } from './auditFixtures.js';

describeWithPostgres('the gateway’s database role with the documented audit grants', () => {
  const role = `reintegra_gw_${process.pid}`;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: Store;
  let gateway: Store;

  beforeAll(async () => {
    db = await createTestDatabase('reintegra_audit_role');
    owner = await openStore({ kind: 'postgres', url: db.url, poolSize: 2 }); // the owner runs the migrations
    await owner.query(`DROP ROLE IF EXISTS ${role}`);
    await owner.query(`CREATE ROLE ${role} LOGIN`);
    for (const statement of auditGrants(role)) await owner.query(statement);
    const url = new URL(db.url);
    url.username = role;
    gateway = await openStore({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  });

  afterAll(async () => {
    await gateway?.close();
    await owner?.query(`DROP OWNED BY ${role}`).catch(() => undefined);
    await owner?.close();
    await db?.drop();
    // Roles belong to the cluster, not the database.
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  it('may append events and sign checkpoints, and the log verifies', async () => {
    const log = new AuditLog(gateway, new GroupCommitAuditStore(gateway), await loadCheckpointKeys({ signingKey: await newSigningKey() }, '.'));
    await Promise.all(Array.from({ length: 10 }, (_, r) => log.append([sampleEvent(`r${r}`, `p${r}`)])));
    await log.checkpoint();
    expect(await log.verify()).toMatchObject({ ok: true, treeSize: 10, checkpoints: 1 });
  });

  it('may not change or remove events or checkpoints, nor switch the triggers off', async () => {
    for (const sql of [
      'UPDATE reintegra.audit_request SET count = 1',
      'DELETE FROM reintegra.audit_request',
      'TRUNCATE reintegra.audit_request',
      "UPDATE reintegra.audit_event_row SET event = '{}'",
      'DELETE FROM reintegra.audit_event_row',
      "INSERT INTO reintegra.audit_event_row (at, request_id, event) VALUES (now(), 'r', '{}')",
      'DELETE FROM reintegra.audit_checkpoint',
      'ALTER TABLE reintegra.audit_request DISABLE TRIGGER audit_request_append_only',
      'SET session_replication_role = replica',
    ]) {
      await expect(gateway.query(sql), sql).rejects.toMatchObject({ code: expect.stringMatching(/^42501$/) });
    }
  });
});
