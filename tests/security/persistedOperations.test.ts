/** Trusted operations enforced per client: only registered documents run, and the audit event names the one that ran. */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, startTestGateway, tokenFor } from '../support/embedded.js';

const OPERATION = 'query Me { me { agency roles } }';
const ID = createHash('sha256').update(OPERATION).digest('hex');
let gw: Awaited<ReturnType<typeof startTestGateway>>;

beforeAll(async () => {
  const manifest = join(process.env.TMPDIR ?? '/tmp', `reintegra-enforce-${process.pid}.json`);
  writeFileSync(manifest, JSON.stringify({ 'probation-case-system': { [ID]: OPERATION } }));
  gw = await startTestGateway({ configure: (c) => { c.persistedOperations = { mode: 'enforce', manifest }; } });
});

afterAll(async () => {
  await gw?.close();
});

describe('persisted operations in enforce mode', () => {
  it('runs a registered operation sent by id, and records its id in the audit event', async () => {
    const token = await tokenFor(gw.home, 'probation', 'probation_officer', 'probation-case-system');
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'persisted-1' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: ID } } }),
    });
    expect(await res.json()).toEqual({ data: { me: { agency: 'probation', roles: ['probation_officer'] } } });
    const { rows } = await gw.gateway.store.query<{ event: { operation: { persistedId?: string; name: string } } }>("SELECT event FROM reintegra.audit_event WHERE request_id = 'persisted-1'");
    expect(rows[0]!.event.operation).toMatchObject({ name: 'Me', persistedId: ID });
  });

  it('runs a registered operation sent as text', async () => {
    const token = await tokenFor(gw.home, 'probation', 'probation_officer', 'probation-case-system');
    expect((await gql(gw.url, OPERATION, { token })).body.data).toEqual({ me: { agency: 'probation', roles: ['probation_officer'] } });
  });

  it('refuses an operation the client has not registered', async () => {
    const token = await tokenFor(gw.home, 'probation', 'probation_officer', 'probation-case-system');
    const res = await gql(gw.url, '{ me { sub } }', { token });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    expect(res.body.data).toBeUndefined();
  });

  it('refuses another client’s registered operation', async () => {
    const token = await tokenFor(gw.home, 'prison', 'prison_officer', 'prison-app');
    const res = await gql(gw.url, OPERATION, { token });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
  });

  it('refuses an unknown id', async () => {
    const token = await tokenFor(gw.home, 'probation', 'probation_officer', 'probation-case-system');
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
