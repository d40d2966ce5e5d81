import type { Worker } from 'node:worker_threads';
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { AuditLog, AuditWriteFailed, WorkerAuditStore, loadCheckpointKeys } from '../../../src/audit/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { describeWithPostgres } from '../../support/servers.js';
import { createTestDatabase, newSigningKey, sampleEvent } from './auditFixtures.js';

/** What only the audit writer thread does: the failures of a second thread, and its end. */
describeWithPostgres('the audit writer thread', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: Store;
  let writer: WorkerAuditStore | undefined;

  beforeEach(async () => {
    db = await createTestDatabase('reintegra_audit_writer');
    store = await openStore({ kind: 'postgres', url: db.url, poolSize: 2 });
  });

  afterEach(async () => {
    await writer?.close();
    writer = undefined;
    await store.close();
    await db.drop();
  });

  /** Holds the log's head row from another connection, so appends wait, until `release`. */
  async function holdHead(): Promise<{ release(): Promise<void> }> {
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT size FROM reintegra.audit_head WHERE id = 1 FOR UPDATE');
    return {
      async release() {
        await blocker.query('ROLLBACK');
        await blocker.end();
      },
    };
  }

  async function verified(): Promise<boolean> {
    const log = new AuditLog(store, writer!, await loadCheckpointKeys({ signingKey: await newSigningKey() }, '.'));
    await log.checkpoint();
    return (await log.verify()).ok;
  }

  it('commits a request’s events before answering, and a malformed request fails alone', async () => {
    writer = new WorkerAuditStore(store, { url: db.url });
    const good = writer.append([sampleEvent('good', 'p-1'), sampleEvent('good', 'p-2')]);
    const bad = writer.append([sampleEvent('bad', 'p-3', { at: 'yesterday' })]);
    await expect(bad).rejects.toBeInstanceOf(AuditWriteFailed);
    const receipt = await good;
    expect(receipt).toEqual({ first: 0, count: 2 });
    const { rows } = await store.query<{ request_id: string }>('SELECT request_id FROM reintegra.audit_event ORDER BY leaf_index');
    expect(rows.map((r) => r.request_id)).toEqual(['good', 'good']);
    expect(writer.stats).toMatchObject({ events: 2, failedGroups: 0 });
  });

  it('rejects the requests of a group the store refuses, commits nothing of them, and recovers', async () => {
    writer = new WorkerAuditStore(store, { url: db.url });
    await store.query('ALTER TABLE reintegra.audit_event ADD CONSTRAINT test_outage CHECK (false) NOT VALID');
    const refused = await Promise.allSettled([writer.append([sampleEvent('a', 'p-1')]), writer.append([sampleEvent('b', 'p-2')])]);
    for (const r of refused) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(AuditWriteFailed);
      expect(((r as PromiseRejectedResult).reason as Error).cause).toBeInstanceOf(Error);
      expect((((r as PromiseRejectedResult).reason as Error).cause as Error).message).toMatch(/test_outage/);
    }
    expect(await writer.count()).toBe(0);
    await store.query('ALTER TABLE reintegra.audit_event DROP CONSTRAINT test_outage');
    expect(await writer.append([sampleEvent('c', 'p-3')])).toEqual({ first: 0, count: 1 });
    expect(writer.stats.failedGroups).toBeGreaterThan(0);
    expect(await verified()).toBe(true);
  });

  it('fails a group that does not commit within the timeout', async () => {
    writer = new WorkerAuditStore(store, { url: db.url, commitTimeoutMs: 300 });
    const head = await holdHead();
    try {
      const started = performance.now();
      const error = await writer.append([sampleEvent('slow', 'p-1')]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuditWriteFailed);
      expect(((error as Error).cause as Error).message).toMatch(/longer than 300 ms/);
      expect(performance.now() - started).toBeLessThan(3000);
    } finally {
      await head.release();
    }
  });

  it('rejects every waiting request when the thread stops, and the next append starts a new one', async () => {
    writer = new WorkerAuditStore(store, { url: db.url });
    writer.start();
    const head = await holdHead();
    let waiting: Array<PromiseSettledResult<unknown>>;
    try {
      const appends = [writer.append([sampleEvent('w1', 'p-1')]), writer.append([sampleEvent('w2', 'p-2')])];
      // Let the thread receive them and send its statement, which now waits on the row lock.
      await new Promise((r) => setTimeout(r, 200));
      await (writer as unknown as { worker: Worker }).worker.terminate();
      waiting = await Promise.allSettled(appends);
    } finally {
      await head.release();
    }
    expect(waiting.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    for (const r of waiting) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(AuditWriteFailed);
    const receipt = await writer.append([sampleEvent('after', 'p-3')]);
    expect(receipt.count).toBe(1);
    const { rows } = await store.query<{ request_id: string }>("SELECT request_id FROM reintegra.audit_event WHERE request_id = 'after'");
    expect(rows).toHaveLength(1);
    expect(await verified()).toBe(true);
  });

  it('commits what was appended before it closes, and refuses appends after', async () => {
    writer = new WorkerAuditStore(store, { url: db.url });
    const appended = Array.from({ length: 20 }, (_, r) => writer!.append([sampleEvent(`r${r}`, `p-${r}`)]));
    await writer.close();
    expect((await Promise.all(appended)).map((x) => x.count)).toEqual(Array(20).fill(1));
    expect(await writer.count()).toBe(20);
    await expect(writer.append([sampleEvent('late', 'p-x')])).rejects.toBeInstanceOf(AuditWriteFailed);
    expect(await writer.count()).toBe(20);
  });
});
