import { describe, expect, it } from 'vitest';
import type { AuditEvent, AuditStore } from '../../../src/audit/index.js';
import { auditPlugin } from '../../../src/server/auditPlugin.js';
import type { GatewayMetrics } from '../../../src/server/createMetrics.js';
import { silentLogger } from '../../support/testDeps.js';

/** One request through the audit plugin's last hook, with a context that records what happens in which order. */
async function sendResponse(append: AuditStore['append'], body: unknown = { kind: 'single', singleResult: { data: { person: { id: 'p-1' } } } }) {
  const order: string[] = [];
  const event = { subject: 's-1' } as unknown as AuditEvent;
  const contextValue = {
    requestId: 'r-1',
    principal: { agency: 'probation', client: null, roles: ['probation_officer'], sub: 'po-1' },
    intent: { purpose: 'SUPERVISION', breakGlass: null },
    audit: { unsettledCaseTeams: () => [], toEvents: () => (order.push('events built'), [event]) },
    sources: { release: () => order.push('records released') },
    access: { release: () => order.push('decisions released') },
  };
  const rc = {
    contextValue,
    queryHash: 'h',
    operationName: null,
    response: { body: body as { kind: string; singleResult?: unknown }, http: { status: undefined as number | undefined } },
  };
  const store: AuditStore = {
    append: async (events) => {
      order.push('commit awaited');
      return append(events);
    },
  } as AuditStore;
  const metrics = { auditEvents: { inc: () => undefined } } as unknown as GatewayMetrics;
  const listener = await auditPlugin(store, metrics, silentLogger).requestDidStart!({} as never);
  await (listener as { willSendResponse(rc: unknown): Promise<void> }).willSendResponse(rc);
  return { order, rc };
}

describe('auditPlugin', () => {
  it('lets go of what the request read once its events are built, before it waits for the commit', async () => {
    const { order, rc } = await sendResponse(async (events) => ({ first: 0, count: events.length }));
    expect(order).toEqual(['events built', 'records released', 'decisions released', 'commit awaited']);
    expect(rc.response.body.singleResult).toEqual({ data: { person: { id: 'p-1' } } });
  });

  it('still withholds the answer when the commit fails after the release', async () => {
    const { order, rc } = await sendResponse(async () => {
      throw new Error('store down');
    });
    expect(order.at(-1)).toBe('commit awaited');
    expect(rc.response.http.status).toBe(503);
    expect(rc.response.body.singleResult).toEqual({ errors: [{ message: 'The access could not be recorded, so nothing was released.', extensions: { code: 'AUDIT_UNAVAILABLE' } }] });
  });

  it('lets no answer delivered in parts leave, since it could not be recorded whole first', async () => {
    const initialResult = { data: { person: { id: 'p-1' } }, hasNext: true };
    const { order, rc } = await sendResponse(async (events) => ({ first: 0, count: events.length }), { kind: 'incremental', initialResult, subsequentResults: (async function* () {})() });
    expect(order).toEqual([]);
    expect(rc.response.http.status).toBe(503);
    expect(rc.response.body).toEqual({ kind: 'single', singleResult: { errors: [{ message: 'The access could not be recorded, so nothing was released.', extensions: { code: 'AUDIT_UNAVAILABLE' } }] } });
  });
});
