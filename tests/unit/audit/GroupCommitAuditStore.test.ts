import { describe, expect, it } from 'vitest';
import { AuditWriteFailed, GroupCommitAuditStore, eventLeafHash, joinMembers, type AuditEvent } from '../../../src/audit/index.js';
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

interface SentRow { first_leaf: number; count: number; leaf_hashes: string; request_id: string; subjects: Array<string | null>; members: string[]; specs: number[][] }

/**
 * What the append statement stores from its parameters: a row per run of a request's events,
 * each event's text rebuilt from the row's dictionary, and its leaf hash checked against the
 * reference encoder at the leaf the row names.
 */
function eventsOf(params: unknown[]): { base: number; bodies: AuditEvent[] } {
  const rows = JSON.parse(params[0] as string) as SentRow[];
  const base = params[1] as number;
  const bodies: AuditEvent[] = [];
  let next = base;
  for (const row of rows) {
    expect(row.first_leaf).toBe(next);
    expect(row.specs).toHaveLength(row.count);
    expect(row.subjects).toHaveLength(row.count);
    const hashes = Buffer.from(row.leaf_hashes, 'base64');
    expect(hashes).toHaveLength(32 * row.count);
    row.specs.forEach((spec, i) => {
      for (const k of spec) expect(row.members[k]).toBeDefined();
      const event = JSON.parse(joinMembers(row.members, spec)) as AuditEvent;
      expect(event.requestId).toBe(row.request_id);
      expect(hashes.subarray(32 * i, 32 * (i + 1)).equals(eventLeafHash(event, row.first_leaf + i))).toBe(true);
      bodies.push(event);
    });
    next += row.count;
  }
  return { base, bodies };
}

/**
 * A store whose statements the test completes one by one: records each group, and keeps the
 * log's head as the database would: a group sent for another head than the current one writes
 * nothing. `moveHead` stands for another writer appending meanwhile.
 */
function manualStore() {
  let size = 0;
  const groups: Array<{ base: number; bodies: AuditEvent[]; finish(ok?: boolean): void }> = [];
  const waiting: Array<() => void> = [];
  const fake = {
    groups,
    headReads: 0,
    moveHead: (n: number) => (size += n),
    /** Resolves once `n` groups have been sent. */
    sent: (n: number) => new Promise<void>((resolve) => {
      const check = () => (groups.length >= n ? resolve() : waiting.push(check));
      check();
    }),
    query: (sql: string, params?: unknown[]) => {
      if (sql.startsWith('SELECT size FROM reintegra.audit_head')) {
        fake.headReads += 1;
        return Promise.resolve({ rows: [{ size: String(size) }] });
      }
      return new Promise<{ rows: Array<{ count: number }> }>((resolve, reject) => {
        const { base, bodies } = eventsOf(params!);
        groups.push({
          base,
          bodies,
          finish(ok = true) {
            if (!ok) return reject(new Error('connection reset'));
            if (base !== size) return resolve({ rows: [{ count: 0 }] });
            size += bodies.length;
            // What the append statement answers: how many events it inserted.
            resolve({ rows: [{ count: bodies.length }] });
          },
        });
        waiting.splice(0).forEach((w) => w());
      });
    },
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

  it('writes at the head it expects, and when another writer moved it, reads the head again and hashes for the new place', async () => {
    const store = manualStore();
    const log = new GroupCommitAuditStore(store);
    const a = log.append([eventFor('a'), eventFor('a')]);
    await store.sent(1);
    store.groups[0]!.finish();
    expect(await a).toEqual({ first: 0, count: 2 });
    store.moveHead(5);
    const b = log.append([eventFor('b')]);
    await store.sent(2);
    expect(store.groups[1]!.base).toBe(2);
    store.groups[1]!.finish(); // written nowhere: the head is at 7
    await store.sent(3);
    expect(store.groups[2]!.base).toBe(7);
    store.groups[2]!.finish();
    expect(await b).toEqual({ first: 7, count: 1 });
    expect(store.headReads).toBe(2);
    expect(log.stats).toEqual({ groups: 2, events: 3, failedGroups: 0 });
  });

  it('keeps a request whose events differ in caller or time in rows of their own, each row one caller and time', async () => {
    const store = manualStore();
    const log = new GroupCommitAuditStore(store);
    const other = { ...eventFor('a'), caller: { sub: 't', agency: 'welfare', roles: ['social_worker'], client: null } };
    const append = log.append([eventFor('a'), other, eventFor('a')]);
    await store.sent(1);
    store.groups[0]!.finish();
    expect(await append).toEqual({ first: 0, count: 3 });
    expect(store.groups[0]!.bodies.map((e) => e.caller.agency)).toEqual(['probation', 'welfare', 'probation']);
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
    const log = new GroupCommitAuditStore({ query: async (sql: string) => ({ rows: sql.startsWith('SELECT size') ? [{ size: '0' }] : [] }) } as unknown as Pick<Store, 'query'>);
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
