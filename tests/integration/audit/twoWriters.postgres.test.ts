import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuditLog, GroupCommitAuditStore, loadCheckpointKeys } from '../../../src/audit/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { describeWithPostgres } from '../../support/servers.js';
import { independentLeafHash, createTestDatabase, newSigningKey, sampleEvent } from './auditFixtures.js';
import { rfcRoot } from '../../unit/audit/rfc6962Verifier.js';

describeWithPostgres('two gateway processes writing one PostgreSQL audit store', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let stores: Store[];
  beforeAll(async () => {
    db = await createTestDatabase('reintegra_audit_two');
    // Two stores with their own connection pools: what two gateway replicas are to the database.
    stores = [await openStore({ kind: 'postgres', url: db.url, poolSize: 4 }), await openStore({ kind: 'postgres', url: db.url, poolSize: 4 })];
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await db?.drop();
  });

  it('produce one consistent log: contiguous leaves, every request’s events adjacent, every checkpoint verifying', async () => {
    const keys = await loadCheckpointKeys({ signingKey: await newSigningKey() }, '.');
    const logs = stores.map((s) => new AuditLog(s, new GroupCommitAuditStore(s), keys));
    const work = Array.from({ length: 200 }, (_, r) => {
      const log = logs[r % 2]!;
      const events = Array.from({ length: (r % 3) + 1 }, (_, i) => sampleEvent(`w${r % 2}-r${r}`, `p${r}-${i}`));
      // Both replicas also sign checkpoints while the other appends.
      return log.append(events).then(async (receipt) => {
        if (r % 25 === 0) await log.checkpoint();
        return { r, receipt };
      });
    });
    const done = await Promise.all(work);
    const total = done.reduce((s, d) => s + d.receipt.count, 0);
    const { rows } = await stores[0]!.query<{ leaf_index: string; request_id: string; event: unknown }>('SELECT leaf_index, request_id, event FROM reintegra.audit_event ORDER BY leaf_index');
    expect(rows.map((r) => Number(r.leaf_index))).toEqual(Array.from({ length: total }, (_, i) => i));
    for (const { r, receipt } of done) {
      expect(rows.slice(receipt.first, receipt.first + receipt.count).map((x) => x.request_id)).toEqual(Array(receipt.count).fill(`w${r % 2}-r${r}`));
    }
    await logs[1]!.checkpoint();
    const result = await logs[0]!.verify();
    expect(result).toMatchObject({ ok: true, treeSize: total, checkpoints: 9 });
    expect(result.rootHash.equals(rfcRoot(rows.map((r) => independentLeafHash(r.event, Number(r.leaf_index)))))).toBe(true);
    // Each replica's view of the tree agrees with the other's.
    const [a, b] = await Promise.all([logs[0]!.consistencyProof(50, total), logs[1]!.consistencyProof(50, total)]);
    expect(a.secondRoot.equals(b.secondRoot)).toBe(true);
  });
});
