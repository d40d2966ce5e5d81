import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/cli/serveCommand.js';
import { gql, startTestGateway, tokenFor } from '../../support/embedded.js';
import { idOf } from './support/auditApi.js';

let gw: Awaited<ReturnType<typeof startTestGateway>>;
let token: string;
/** The operational log, as `reintegra serve` configures it. */
const logLines: string[] = [];
// The probation officer's own agency's data: released whatever the case team.
const PEOPLE = `query($ids: [IdentifierInput!]!) { people(identifiers: $ids) { id supervision { orderType } } }`;

async function eventsOf(requestId: string): Promise<number> {
  const { rows } = await gw.gateway.store.query<{ n: string | number }>('SELECT count(*) AS n FROM reintegra.audit_event WHERE request_id = $1', [requestId]);
  return Number(rows[0]!.n);
}

beforeAll(async () => {
  gw = await startTestGateway({ logger: createLogger(new Writable({ write: (chunk, _enc, done) => { logLines.push(String(chunk)); done(); } })) });
  token = await tokenFor(gw.home, 'probation', 'probation_officer');
});

afterAll(async () => {
  await gw?.close();
});

describe('durable audit before the response', () => {
  it('writes exactly one event per person for N concurrent requests, each committed before its answer arrives', async () => {
    const before = await gw.gateway.auditStore.count();
    const N = 24;
    const sample = gw.world.knownToAll.slice(0, 9).map((v) => idOf(gw.world.people.find((p) => p.nationalId.value === v)!));
    const committedOnArrival = await Promise.all(
      Array.from({ length: N }, async (_, r) => {
        const ids = [sample[r % 9]!, sample[(r + 1) % 9]!, sample[(r + 2) % 9]!];
        const res = await gql(gw.url, PEOPLE, { token, purpose: 'RELEASE_PLANNING', variables: { ids }, headers: { 'x-request-id': `durable-${r}` } });
        expect(res.status).toBe(200);
        expect(res.body.errors).toBeUndefined();
        // The moment the client has its answer, the events are in the store.
        return eventsOf(`durable-${r}`);
      }),
    );
    expect(committedOnArrival).toEqual(Array(N).fill(3));
    expect((await gw.gateway.auditStore.count()) - before).toBe(N * 3);
    const { rows } = await gw.gateway.store.query<{ leaf_index: number; request_id: string }>("SELECT leaf_index, request_id FROM reintegra.audit_event WHERE request_id LIKE 'durable-%' ORDER BY leaf_index");
    expect(rows).toHaveLength(N * 3);
    // Each request's three events sit at adjacent leaves.
    for (let i = 0; i < rows.length; i += 3) {
      expect(new Set(rows.slice(i, i + 3).map((r) => r.request_id)).size).toBe(1);
      expect(Number(rows[i + 2]!.leaf_index) - Number(rows[i]!.leaf_index)).toBe(2);
    }
    // Fewer commits than requests: they were grouped.
    const stats = (gw.gateway.auditStore as unknown as { stats: { groups: number; events: number } }).stats;
    expect(stats.groups).toBeLessThan(stats.events);
    expect((await gw.gateway.auditLog.verify()).ok).toBe(true);
  });

  it('answers 503 AUDIT_UNAVAILABLE and releases nothing while the store refuses writes, and recovers after', async () => {
    const person = gw.world.people.find((p) => gw.world.knownToAll.includes(p.nationalId.value) && p.story === 'PAROLE')!;
    const before = await gw.gateway.auditStore.count();
    await gw.gateway.store.query('ALTER TABLE reintegra.audit_request ADD CONSTRAINT test_outage CHECK (false) NOT VALID');
    try {
      const glass = await gql(gw.url, PEOPLE, { token, purpose: 'EMERGENCY', variables: { ids: [idOf(person)] }, headers: { 'x-break-glass': 'Outage-time emergency: the person is missing from the hostel.' } });
      expect(glass.status).toBe(503);
      const res = await gql(gw.url, PEOPLE, { token, purpose: 'RELEASE_PLANNING', variables: { ids: [idOf(person)] } });
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ errors: [{ message: 'The access could not be recorded, so nothing was released.', extensions: { code: 'AUDIT_UNAVAILABLE' } }] });
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(person.familyName);
      expect(text).not.toContain(person.nationalId.value);
    } finally {
      await gw.gateway.store.query('ALTER TABLE reintegra.audit_request DROP CONSTRAINT test_outage');
    }
    expect(await gw.gateway.auditStore.count()).toBe(before);
    const again = await gql(gw.url, PEOPLE, { token, purpose: 'RELEASE_PLANNING', variables: { ids: [idOf(person)] } });
    expect(again.status).toBe(200);
    expect(again.body.data!.people[0].supervision.length).toBeGreaterThan(0);
    expect((await gw.gateway.auditLog.verify()).ok).toBe(true);
  });

  it('keeps the operational log apart from the audit log: the failure is there, tokens, identifiers and event contents are not', () => {
    const log = logLines.join('');
    expect(log).toContain('audit write failed: response withheld');
    expect(log).not.toContain(token);
    expect(log).not.toContain(token.split('.')[2]!);
    for (const p of gw.world.people.slice(0, 50)) expect(log).not.toContain(p.nationalId.value);
    expect(log).not.toContain('missing from the hostel');
    expect(log).not.toContain('Failing row');
  });
});
