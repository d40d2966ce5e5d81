/**
 * The gateway's store on PostgreSQL as openStore opens it: one that stops answering
 * mid-connection (queries outside a transaction fail after the gateway's deadline instead of
 * holding a request for ever), and one named through the environment.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/store/index.js';
import { createTestDatabase } from '../audit/auditFixtures.js';
import { describeWithPostgres } from '../../support/servers.js';

/** Forwards TCP to the database until `stall` is set; then swallows everything both ways. */
async function stallingProxy(target: URL): Promise<{ port: number; stall(): void; close(): Promise<void> }> {
  let stalled = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
    }
    client.on('data', (d) => { if (!stalled) upstream.write(d); });
    upstream.on('data', (d) => { if (!stalled) client.write(d); });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    stall: () => { stalled = true; },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

describeWithPostgres('a gateway store that stalls', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let proxy: Awaited<ReturnType<typeof stallingProxy>>;
  let store: Store;
  beforeAll(async () => {
    db = await createTestDatabase('reintegra_stall');
    const url = new URL(db.url);
    proxy = await stallingProxy(new URL(db.url));
    url.host = `127.0.0.1:${proxy.port}`;
    store = await openStore({ kind: 'postgres', url: url.toString(), poolSize: 2 }, undefined, { queryTimeoutMs: 400 });
  });
  afterAll(async () => {
    await proxy?.close();
    await store?.close().catch(() => undefined);
    await db?.drop();
  });

  it('fails a query with no answer by the deadline rather than waiting for ever', async () => {
    expect((await store.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
    proxy.stall();
    const started = Date.now();
    await expect(store.query('SELECT count(*) FROM reintegra.case_team')).rejects.toThrow('Query read timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describeWithPostgres('a gateway store named through the environment', () => {
  it('reads store.url from env:NAME, as agencies’ database URLs are read', async () => {
    const db = await createTestDatabase('reintegra_envurl');
    process.env.REINTEGRA_TEST_STORE_URL = db.url;
    try {
      const store = await openStore({ kind: 'postgres', url: 'env:REINTEGRA_TEST_STORE_URL', poolSize: 1 });
      expect((await store.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
      await store.close();
      await expect(openStore({ kind: 'postgres', url: 'env:REINTEGRA_TEST_STORE_UNSET', poolSize: 1 })).rejects.toThrow('store.url: environment variable REINTEGRA_TEST_STORE_UNSET is not set');
    } finally {
      delete process.env.REINTEGRA_TEST_STORE_URL;
      await db.drop();
    }
  });
});
