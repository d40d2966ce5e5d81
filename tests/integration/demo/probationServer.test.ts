import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../../../src/demo/generateWorld.js';
import { startProbationServer, type ProbationServer } from '../../../src/demo/startProbationServer.js';
import type { ProbationClient, ProbationOrder, ProbationPlan } from '../../../src/demo/probationRecordsOf.js';

const world = generateWorld({ seed: 3, people: 1500, today: '2025-06-01' });
const TOKEN = 'demo-probation-token';
let server: ProbationServer;

const get = async (path: string, token: string | null = TOKEN): Promise<{ status: number; body: any }> => {
  const res = await fetch(`${server.url}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
};

beforeAll(async () => {
  server = await startProbationServer(world, { token: TOKEN });
});
afterAll(async () => {
  await server.close();
});

describe('probation REST server', () => {
  const clients = world.people.filter((p) => p.refs.probation !== null);

  it('answers /health without a token', async () => {
    const { status, body } = await get('/health', null);
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', clients: clients.length });
  });

  it('looks clients up in batches by national id and by client id, skipping unknown keys', async () => {
    const ids = world.knownToAll.slice(0, 40);
    const { status, body } = await get(`/api/v1/clients?nationalIds=${[...ids, '0000000000000', ids[0]].join(',')}`);
    expect(status).toBe(200);
    const data = body.data as ProbationClient[];
    expect(data.map((c) => c.identity.document.number)).toEqual(ids);
    expect(body.meta).toEqual({ requested: 42, returned: 40, maxKeys: 500 });

    const refs = clients.slice(0, 300).map((p) => p.refs.probation!);
    const byId = await get(`/api/v1/clients?ids=${refs.join(',')}`);
    expect((byId.body.data as ProbationClient[]).map((c) => c.clientId)).toEqual(refs);
    const first = clients[0]!;
    expect(byId.body.data[0]).toMatchObject({
      identity: { firstName: first.givenName, lastName: first.familyName, birthDate: first.dateOfBirth, document: { number: first.nationalId.value } },
    });
  });

  it('serves orders (parole, community sanctions) and plans with nested conditions and actions', async () => {
    const refs = clients.map((p) => p.refs.probation!).slice(0, 500);
    const orders = (await get(`/api/v1/orders?clientIds=${refs.join(',')}`)).body.data as ProbationOrder[];
    const plans = (await get(`/api/v1/plans?clientIds=${refs.join(',')}`)).body.data as ProbationPlan[];
    const story = new Map(clients.map((p) => [p.refs.probation!, p.story]));
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((o) => story.get(o.clientId) !== 'RELEASE_SOON')).toBe(true);
    expect(orders.filter((o) => story.get(o.clientId) === 'PAROLE').every((o) => o.orderType === 'parole')).toBe(true);
    expect(orders.every((o) => o.conditions.length >= 1 && o.conditions[0]!.kind === 'reporting')).toBe(true);
    const soon = refs.filter((r) => story.get(r) === 'RELEASE_SOON');
    expect(soon.length).toBeGreaterThan(0);
    expect(soon.every((r) => plans.some((p) => p.clientId === r))).toBe(true);
    expect(plans.every((p) => p.actions.length >= 3)).toBe(true);
  });

  it('rejects bad requests: too many keys, no keys, malformed keys, no token', async () => {
    const many = Array.from({ length: 501 }, (_, i) => `KL-${String(i).padStart(7, '0')}`).join(',');
    const tooMany = await get(`/api/v1/orders?clientIds=${many}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('TOO_MANY_KEYS');
    expect((await get('/api/v1/clients')).status).toBe(400);
    expect((await get('/api/v1/clients?nationalIds=')).status).toBe(400);
    expect((await get('/api/v1/clients?nationalIds=1&ids=2')).status).toBe(400);
    expect((await get('/api/v1/plans?clientIds=KL-1%27%3B--')).body.error.code).toBe('BAD_KEY');
    expect((await get('/api/v1/plans?clientIds=KL-0000001', null)).status).toBe(401);
    expect((await get('/api/v1/plans?clientIds=KL-0000001', 'wrong')).status).toBe(401);
  });

  it('answers 404 for unknown paths and 405 for other methods', async () => {
    expect((await get('/api/v1/nothing?ids=1')).status).toBe(404);
    expect((await get('/')).status).toBe(404);
    const post = await fetch(`${server.url}/api/v1/clients?ids=KL-0000001`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(post.status).toBe(405);
  });

  it('runs without a token when none is configured', async () => {
    const open = await startProbationServer(world);
    try {
      const res = await fetch(`${open.url}/api/v1/clients?ids=${clients[0]!.refs.probation}`);
      expect(res.status).toBe(200);
    } finally {
      await open.close();
      await open.close(); // idempotent
    }
  });
});
