import { describe, expect, it } from 'vitest';
import { AuditCollector, CanonicalMemberBatch, canonicalJson, joinMembers } from '../../../src/audit/index.js';

const head = {
  at: '2026-11-25T10:00:00.000Z',
  requestId: 'r1',
  caller: { sub: 's', agency: 'probation', roles: ['probation_officer'], client: null },
  purpose: 'RELEASE_PLANNING' as const,
  breakGlass: null,
  operation: { name: 'Q', documentHash: 'h' },
};

describe('audit collection', () => {
  it('writes one event for a request that touched nobody', () => {
    const events = new AuditCollector().toEvents(head, false);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ subject: null, outcome: 'NONE' });
  });

  it('writes one event per person, with released and withheld fields grouped by category and agency', () => {
    const c = new AuditCollector();
    c.touch('p1', 'a1');
    c.touch('p2', 'a2');
    c.touch('p1', 'a1');
    c.read('p1', 'prison');
    c.released('p1', 'CUSTODY', 'prison', 'Custody.status');
    c.released('p1', 'CUSTODY', 'prison', 'Custody.establishment');
    c.withheld('p1', 'HEALTH', 'welfare', 'WelfareCase.healthNeeds', 'NO_AGREEMENT');
    const events = c.toEvents(head, false);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      subject: 'a1',
      agencies: ['prison'],
      released: [{ category: 'CUSTODY', agency: 'prison', fields: ['Custody.establishment', 'Custody.status'] }],
      withheld: [{ category: 'HEALTH', agency: 'welfare', fields: ['WelfareCase.healthNeeds'], reason: 'NO_AGREEMENT' }],
      outcome: 'PARTIAL',
    });
    expect(events[1]).toMatchObject({ subject: 'a2', outcome: 'NONE' });
  });

  it('gives people released the same fields the same lists, whatever order the fields came in, serialised as plain data', () => {
    const c = new AuditCollector();
    for (const p of ['p1', 'p2', 'p3', 'p4']) {
      c.touch(p, `a-${p}`);
      c.read(p, 'probation');
    }
    const fields = ['Supervision.orderType', 'Person.supervision', 'Supervision.endDate'];
    for (const f of fields) c.released('p1', 'SUPERVISION', 'probation', f);
    for (const f of fields) c.released('p4', 'SUPERVISION', 'probation', f);
    for (const f of [...fields].reverse()) c.released('p2', 'SUPERVISION', 'probation', f);
    c.released('p2', 'SUPERVISION', 'probation', 'Person.supervision');
    c.released('p3', 'SUPERVISION', 'probation', fields[0]!);
    c.released('p3', 'IDENTITY', null, 'Person.id');
    const [e1, e2, e3, e4] = c.toEvents(head, false);
    expect(e4!.released).toBe(e1!.released);
    const sortedFields = ['Person.supervision', 'Supervision.endDate', 'Supervision.orderType'];
    expect(e1!.released).toEqual([{ agency: 'probation', category: 'SUPERVISION', fields: sortedFields }]);
    expect(e2!.released).toEqual(e1!.released);
    expect(e1!.agencies).toBe(e3!.agencies);
    expect(e3!.released).toEqual([
      { agency: 'probation', category: 'SUPERVISION', fields: ['Supervision.orderType'] },
      { agency: null, category: 'IDENTITY', fields: ['Person.id'] },
    ]);
    // Shared or not, an event serialises exactly as the same event built from plain arrays.
    for (const e of [e1!, e2!, e3!]) expect(canonicalJson(e)).toBe(canonicalJson(JSON.parse(JSON.stringify(e))));
    const batch = new CanonicalMemberBatch();
    expect([e1!, e2!, e3!].map((e) => joinMembers(batch.members, batch.add(e)))).toEqual([e1!, e2!, e3!].map((e) => canonicalJson(e)));
    // The events' shared members are in the dictionary once: another event alike adds only its subject.
    const before = batch.members.length;
    batch.add({ ...e1!, subject: 'another' });
    expect(batch.members.slice(before)).toEqual(['"subject":"another"']);
    expect(Object.isFrozen(e1!.released[0]!.fields)).toBe(true);
  });

  it('marks a failed request as ERROR', () => {
    const c = new AuditCollector();
    c.touch('p1', 'a1');
    expect(c.toEvents(head, true)[0]!.outcome).toBe('ERROR');
  });
});

describe('audit collection for the audit log itself', () => {
  it('records a privacy officer’s read of the log on the event of the person it was about', () => {
    const c = new AuditCollector();
    c.readLog({ field: 'AuditLog.events', args: { subject: 'a1', breakGlass: true } }, 'a1');
    const events = c.toEvents(head, false);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ subject: 'a1', outcome: 'RELEASED', auditLog: [{ field: 'AuditLog.events', args: { subject: 'a1', breakGlass: true } }] });
  });

  it('records a read about nobody on the request’s one event', () => {
    const c = new AuditCollector();
    c.readLog({ field: 'AuditLog.verify', args: {} });
    expect(c.toEvents(head, false)).toMatchObject([{ subject: null, outcome: 'NONE', auditLog: [{ field: 'AuditLog.verify', args: {} }] }]);
  });

  it('records whether the caller was on the case team, first answer winning, and asks only about people whose data was released', () => {
    const c = new AuditCollector();
    c.touch('p1', 'a1');
    c.touch('p2', 'a2');
    c.touch('p3', 'a3');
    c.released('p1', 'CUSTODY', 'prison', 'Custody.status');
    c.released('p2', 'CUSTODY', 'prison', 'Custody.status');
    c.withheld('p3', 'HEALTH', 'welfare', 'WelfareCase.healthNeeds', 'NO_AGREEMENT');
    c.caseTeam('p1', true);
    expect(c.unsettledCaseTeams()).toEqual(['p2']);
    c.caseTeam('p2', false);
    c.caseTeam('p2', true);
    const [e1, e2, e3] = c.toEvents(head, false);
    expect(e1!.onCaseTeam).toBe(true);
    expect(e2!.onCaseTeam).toBe(false);
    expect(e3).not.toHaveProperty('onCaseTeam');
    expect(e1).not.toHaveProperty('auditLog');
  });
});
