import { describe, expect, it } from 'vitest';
import { AuditWriteFailed, GroupCommitAuditStore, joinMembers, type AuditEvent } from '../../../src/audit/index.js';
import type { Store } from '../../../src/store/index.js';

function eventFor(requestId: string): AuditEvent {
  return {
    at: '2026-11-25T10:00:00.000Z',
    requestId,
    caller: { sub: 's', agency: 'probation', roles: ['probation_officer'], client: null },
    purpose: 'SUPERVISION',
    breakGlass: null,
    operation: { name: null, documentHash: null },
    subject: null,
    agencies: [],
    released: [],
    withheld: [],
    outcome: 'NONE',
  };
}

/** What the append statement rebuilds from its parameters: each event's text, from the dictionary. */
function eventsOf(params: unknown[]): AuditEvent[] {
  const members = JSON.parse(params[0] as string) as string[];
  const specs = JSON.parse(params[5] as string) as number[][];
  const offsets = JSON.parse(params[6] as string) as number[];
  expect(specs).toHaveLength(offsets.length);
  expect(params[1]).toBe(specs.length);
  return specs.map((spec, i) => JSON.parse(joinMembers(members, spec.map((k) => {
    expect(members[k + offsets[i]!]).toBeDefined();
    return k + offsets[i]!;
  }))) as AuditEvent);
}

/** A store whose statements the test completes one by one: records each group, assigns leaf indexes. */
function manualStore() {
  let size = 0;
  const groups: Array<{ bodies: AuditEvent[]; finish(ok?: boolean): void }> = [];
  const waiting: Array<() => void> = [];
  const fake = {
    groups,
    /** Resolves once `n` groups have been sent. */
    sent: (n: number) => new Promise<void>((resolve) => {
      const check = () => (groups.length >= n ? resolve() : waiting.push(check));
      check();
    }),
    query: (_sql: string, params?: unknown[]) =>
      new Promise<{ rows: Array<{ count: number; first: number | null }> }>((resolve, reject) => {
        // The events travel as a dictionary of members and each event's member indexes.
        const bodies = eventsOf(params!);
        groups.push({
          bodies,
          finish(ok = true) {
            if (!ok) return reject(new Error('connection reset'));
            const base = size;
            size += bodies.length;
            // What the append statement answers: how many rows it inserted and the first leaf index.
            resolve({ rows: [{ count: bodies.length, first: base }] });
          },
        });
        waiting.splice(0).forEach((w) => w());
      }),
  };
  return fake as typeof fake & Pick<Store, 'query'>;
}

const requestIdsOf = (bodies: AuditEvent[]) => bodies.map((b) => b.requestId);

describe('group commit of audit events', () => {
  it('commits requests that arrive together in one statement and tells each where its events landed', async () => {
    const store = manualStore();
    const log = new GroupCommitAuditStore(store);
    const appends = [log.append([eventFor('a'), eventFor('a')]), log.append([eventFor('b')]), log.append([eventFor('c'), eventFor('c'), eventFor('c')])];
    await store.sent(1);
    expect(store.groups).toHaveLength(1);
    expect(requestIdsOf(store.groups[0]!.bodies)).toEqual(['a', 'a', 'b', 'c', 'c', 'c']);
    store.groups[0]!.finish();
    expect(await Promise.all(appends)).toEqual([{ first: 0, count: 2 }, { first: 2, count: 1 }, { first: 3, count: 3 }]);
    expect(log.stats).toEqual({ groups: 1, events: 6, failedGroups: 0 });
  });

  it('gathers the requests that arrive while a group is committing into the next group', async () => {
    const store = manualStore();
    const log = new GroupCommitAuditStore(store);
    const first = log.append([eventFor('a')]);
    await store.sent(1);
    const later = [log.append([eventFor('b')]), log.append([eventFor('c')]), log.append([eventFor('d')])];
    await new Promise((r) => setTimeout(r, 10));
    expect(store.groups).toHaveLength(1); // nothing is sent while the first group is in flight
    store.groups[0]!.finish();
    await first;
    await store.sent(2);
    expect(requestIdsOf(store.groups[1]!.bodies)).toEqual(['b', 'c', 'd']);
    store.groups[1]!.finish();
    expect((await Promise.all(later)).map((r) => r.first)).toEqual([1, 2, 3]);
  });

  it('resolves a request only after its group committed', async () => {
    const store = manualStore();
    const log = new GroupCommitAuditStore(store);
    let done = false;
    const append = log.append([eventFor('a')]).then(() => (done = true));
    await store.sent(1);
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    store.groups[0]!.finish();
    await append;
    expect(done).toBe(true);
  });

  it('rejects exactly the requests of a failed group, and commits the next group afresh', async () => {
    const store = manualStore();
    const log = new GroupCommitAuditStore(store);
    const a = log.append([eventFor('a')]);
    await store.sent(1);
    const b = log.append([eventFor('b')]);
    const c = log.append([eventFor('c')]);
    store.groups[0]!.finish();
    await store.sent(2);
    const d = log.append([eventFor('d')]);
    store.groups[1]!.finish(false);
    await store.sent(3);
    store.groups[2]!.finish();
    const results = await Promise.allSettled([a, b, c, d]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    const failure = (results[1] as PromiseRejectedResult).reason as AuditWriteFailed;
    expect(failure).toBeInstanceOf(AuditWriteFailed);
    expect(failure.publicCode).toBe('AUDIT_UNAVAILABLE');
    expect((failure.cause as Error).message).toBe('connection reset');
    expect(await d).toEqual({ first: 1, count: 1 });
    expect(log.stats).toEqual({ groups: 2, events: 2, failedGroups: 1 });
  });

  it('fails the requests of a group that does not commit in time', async () => {
    const store = manualStore();
    const log = new GroupCommitAuditStore(store, { commitTimeoutMs: 30 });
    await expect(log.append([eventFor('a')])).rejects.toThrow('The audit log could not be written.');
  });

  it('refuses a request with an event time that is not a date, before anything is sent, alone', async () => {
    const store = manualStore();
    const log = new GroupCommitAuditStore(store);
    const good = eventFor('a');
    const bad = log.append([good, { ...eventFor('b'), at: 'yesterday' }]);
    await expect(bad).rejects.toBeInstanceOf(AuditWriteFailed);
    await expect(bad).rejects.toThrow('An audit event could not be encoded.');
    expect(store.groups).toHaveLength(0);
  });

  it('fails rather than reports success when the statement wrote fewer rows than it was given', async () => {
    const log = new GroupCommitAuditStore({ query: async () => ({ rows: [] }) });
    await expect(log.append([eventFor('a')])).rejects.toBeInstanceOf(AuditWriteFailed);
  });

  it('never splits a request across groups, and caps a group at maxGroupEvents', async () => {
    const store = manualStore();
    const log = new GroupCommitAuditStore(store, { maxGroupEvents: 3 });
    const appends = [log.append([eventFor('a'), eventFor('a')]), log.append([eventFor('b'), eventFor('b')]), log.append([eventFor('c')])];
    await store.sent(1);
    expect(requestIdsOf(store.groups[0]!.bodies)).toEqual(['a', 'a']);
    store.groups[0]!.finish();
    await store.sent(2);
    expect(requestIdsOf(store.groups[1]!.bodies)).toEqual(['b', 'b', 'c']);
    store.groups[1]!.finish();
    await Promise.all(appends);
  });

  it('writes nothing for a request without events', async () => {
    const store = manualStore();
    expect(await new GroupCommitAuditStore(store).append([])).toEqual({ first: -1, count: 0 });
    expect(store.groups).toHaveLength(0);
  });
});
