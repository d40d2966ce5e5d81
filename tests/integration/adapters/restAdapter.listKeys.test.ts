/**
 * The rest adapter's key listing (`listKeys`, for statistics) against the demo probation REST
 * simulator's `/api/v1/client-ids` endpoint, and what it does without a listing endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/index.js';
import { AdapterScanNotSupported, scanEntity, type Adapter, type SupervisionRecord } from '../../../adapters/sdk/index.js';
import { generateWorld, mappingPath, startProbationServer, type ProbationServer } from '../../../src/demo/index.js';
import { testCall, testDeps } from '../../support/testDeps.js';

const world = generateWorld({ seed: 7, people: 600 });
const clients = world.people.filter((p) => p.refs.probation !== null).map((p) => p.refs.probation!);
let server: ProbationServer;
let listing: Adapter;
let plain: Adapter;

beforeAll(async () => {
  server = await startProbationServer(world);
  const config = { kind: 'rest', baseUrl: server.url, mapping: mappingPath('probation') };
  listing = await createAdapter('probation', { ...config, listKeys: { path: '/api/v1/client-ids', itemsAt: 'data' } }, testDeps(process.cwd()));
  plain = await createAdapter('probation', config, testDeps(process.cwd()));
});
afterAll(async () => {
  await Promise.allSettled([listing?.close(), plain?.close(), server?.close()]);
});

describe('rest adapter key listing', () => {
  it('lists every probation client once, in pages that follow each other', async () => {
    const first = await listing.listKeys!('supervision', { after: null, limit: 50 }, testCall());
    const second = await listing.listKeys!('supervision', { after: first.at(-1)!, limit: 50 }, testCall());
    expect(first).toHaveLength(50);
    expect(second[0]! > first.at(-1)!).toBe(true);
    const keys: string[] = [];
    for (let after: string | null = null; ;) {
      const page: string[] = await listing.listKeys!('person', { after, limit: 97 }, testCall());
      keys.push(...page);
      if (page.length < 97) break;
      after = page.at(-1)!;
    }
    expect(keys.sort()).toEqual([...clients].sort());
  });

  it('scans every supervision order the simulator holds', async () => {
    const orders: SupervisionRecord[] = [];
    for await (const page of scanEntity(listing, 'supervision', testCall(), { pageSize: 120 })) orders.push(...(page as SupervisionRecord[]));
    expect(orders.length).toBeGreaterThan(0);
    expect(new Set(orders.map((o) => o.ref)).size).toBe(orders.length);
    for (const o of orders) expect(clients).toContain(o.ref);
  });

  it('cannot be scanned without a listing endpoint in its config', async () => {
    expect(plain.listKeys).toBeUndefined();
    await expect(scanEntity(plain, 'supervision', testCall()).next()).rejects.toBeInstanceOf(AdapterScanNotSupported);
  });

  it('does not list national identifiers', async () => {
    await expect(listing.listKeys!('personByNationalId', { after: null, limit: 10 }, testCall())).rejects.toBeInstanceOf(AdapterScanNotSupported);
  });
});
