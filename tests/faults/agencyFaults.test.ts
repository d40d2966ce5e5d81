import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { probationOrderOf, type WorldPerson } from '../../src/demo/index.js';
import { settlesWithin } from '../support/adapterConformance.js';
import { startCustomGateway, type CustomGateway } from '../support/customGateway.js';
import { gql } from '../support/embedded.js';
import { LEAK_MARKER, startFaultProxy, type FaultProxy } from '../support/faultProxy.js';
import { expectIntact, expectPartialAnswer } from './faultAssertions.js';

const QUERY = `query($id: IdentifierInput!) { person(identifier: $id) {
  id custody { status } supervision { orderType officer { name } } welfare { status } programmes { programme } } }`;
const DEADLINE_MS = 800;
/** Bound on any one answer: the deadline, retries inside it, and slack for a busy 2-core machine. */
const ANSWER_WITHIN = 5000;

describe('faults of a REST agency (probation behind a fault-injecting proxy)', () => {
  let gw: CustomGateway;
  let proxy: FaultProxy;
  let token: string;
  let everyone: WorldPerson[];

  const ask = async (person = everyone[0]!) =>
    settlesWithin(gql(gw.url, QUERY, { token, purpose: 'SUPERVISION', variables: { id: { scheme: person.nationalId.scheme, value: person.nationalId.value } } }), ANSWER_WITHIN);
  const readiness = async () => ((await (await fetch(`${gw.url}/readyz`)).json()) as { agencies: Record<string, { ok: boolean; circuit: string }> }).agencies.probation!;
  /** Brings the agency back and waits (bounded) until a probe has closed its circuit. */
  const recovered = async () => {
    proxy.mode = 'pass';
    await proxy.up();
    for (let i = 0; i < 100; i++) {
      if ((await ask()).body.errors === undefined) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the probation agency did not recover');
  };

  beforeAll(async () => {
    // The proxy reserves its port but is not listening: the agency is down when the gateway starts.
    proxy = await startFaultProxy('', false);
    gw = await startCustomGateway({
      adapters: {
        probation: (demo, { probationUrl }) => {
          proxy.target = probationUrl;
          return { ...demo, baseUrl: proxy.url, deadlineMs: DEADLINE_MS, resilience: { retries: 2, backoffMs: 20, circuit: { failures: 4, coolDownMs: 3000 } } };
        },
      },
    });
    token = await gw.token('probation', 'probation_officer');
    const core = new Set(gw.world.knownToAll);
    // People every agency knows and probation supervises: each answer then carries all four.
    everyone = gw.world.people.filter((p) => p.refs.prison && p.refs.welfare && core.has(p.nationalId.value) && probationOrderOf(gw.world, p) !== null);
    expect(everyone.length).toBeGreaterThanOrEqual(24);
  });
  afterAll(async () => {
    await proxy?.down();
    await gw?.close();
  });
  beforeEach(() => {
    proxy.slowMs = 5000;
  });

  it('answers partially when the agency is down from the start, and /readyz says so', async () => {
    expectPartialAnswer(await ask(), 'probation', 'SOURCE_UNAVAILABLE', 'supervision');
    expectIntact(await ask(), ['custody', 'welfare']);
    expect(await readiness()).toMatchObject({ ok: false });
    // Each failed call is counted by agency, entity and code.
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/reintegra_adapter_failures_total\{agency="probation",entity="\w+",code="ERR_ADAPTER_\w+"\} [1-9]/);
  });

  it('answers the other agencies’ names and identifiers when one agency’s look-up failed, naming it', async () => {
    const person = everyone[0]!;
    const res = await settlesWithin(gql(gw.url, `query($id: IdentifierInput!) { person(identifier: $id) { names { agency familyName } identifiers { agency value } dateOfBirth } }`, {
      token, purpose: 'SUPERVISION', variables: { id: { scheme: person.nationalId.scheme, value: person.nationalId.value } },
    }), ANSWER_WITHIN);
    const found = res.body.data?.person as { names: Array<{ agency: string }> | null; identifiers: Array<{ agency: string }> | null; dateOfBirth: string | null };
    expect(found.names?.map((n) => n.agency)).toEqual(expect.arrayContaining(['prison', 'welfare']));
    expect(found.names?.map((n) => n.agency)).not.toContain('probation');
    expect(found.identifiers?.length).toBeGreaterThan(0);
    expect(found.dateOfBirth).toBe(person.dateOfBirth);
    expect(res.body.errors?.find((e) => e.path?.join('.') === 'person.names')?.extensions).toEqual({ code: 'SOURCE_UNAVAILABLE', agency: 'probation' });
  });

  it('keeps answering while the agency goes down mid-load, then fails fast with the circuit open', async () => {
    await recovered();
    const queue = everyone.slice(0, 24);
    const answers: Awaited<ReturnType<typeof ask>>[] = [];
    const worker = async () => {
      for (let person = queue.shift(); person; person = queue.shift()) {
        answers.push(await ask(person));
        if (answers.length === 6) await proxy.down();
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(answers).toHaveLength(24);
    let complete = 0;
    for (const res of answers) {
      expectIntact(res, ['custody', 'welfare']);
      if (res.body.errors === undefined) complete++;
      else expectPartialAnswer(res, 'probation', res.body.errors[0]!.extensions!.code as 'SOURCE_UNAVAILABLE', 'supervision');
    }
    expect(complete).toBeGreaterThanOrEqual(6);
    expect(complete).toBeLessThan(24);
    expect(await readiness()).toMatchObject({ ok: false, circuit: 'open' });
    const requestsBefore = proxy.requests;
    await proxy.up(); // back, but the circuit is still open: no call reaches it until the cool-down
    expectPartialAnswer(await ask(), 'probation', 'SOURCE_UNAVAILABLE', 'supervision');
    expect(proxy.requests).toBe(requestsBefore);
    await recovered();
    expect(await readiness()).toEqual({ ok: true, circuit: 'closed' });
  });

  it('answers SOURCE_TIMEOUT within the deadline when the agency is slower than it', async () => {
    await recovered();
    proxy.mode = 'slow';
    const res = await settlesWithin(ask(), DEADLINE_MS + 2000);
    expectPartialAnswer(res, 'probation', 'SOURCE_TIMEOUT', 'supervision');
    expectIntact(res, ['custody', 'welfare']);
  });

  it('answers SOURCE_UNAVAILABLE when the agency returns malformed JSON', async () => {
    await recovered();
    proxy.mode = 'malformed';
    const res = await ask();
    expectPartialAnswer(res, 'probation', 'SOURCE_UNAVAILABLE', 'supervision');
    expectIntact(res, ['custody', 'welfare']);
  });

  it('drops records of the wrong shape: SOURCE_UNAVAILABLE, and nothing of them reaches the caller', async () => {
    await recovered();
    proxy.mode = 'wrong-shape';
    const res = await ask();
    expectPartialAnswer(res, 'probation', 'SOURCE_UNAVAILABLE', 'supervision');
    expectIntact(res, ['custody', 'welfare']);
    expect(JSON.stringify(res.body)).not.toContain(LEAK_MARKER);
  });

  it('answers SOURCE_UNAVAILABLE when every connection is reset, and in full when a retry gets through', async () => {
    await recovered();
    proxy.mode = 'reset';
    expectPartialAnswer(await ask(), 'probation', 'SOURCE_UNAVAILABLE', 'supervision');
    await recovered();
    proxy.mode = 'flaky';
    const res = await ask(everyone[1]);
    expect(res.body.errors).toBeUndefined();
    expectIntact(res, ['custody', 'supervision', 'welfare']);
  });

  it('is still alive and ready after all of it', async () => {
    await recovered();
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${gw.url}/readyz`)).status).toBe(200);
  });
});
