import { describe, expect, it } from 'vitest';
import { AuditCollector } from '../../../src/audit/index.js';
import type { PersonNode } from '../../../src/context/index.js';
import { demoPolicyConfig } from '../../../src/embedded/demoConfig.js';
import { createDecide, RequestAccess, type DecisionInput, type PersonFacts } from '../../../src/policy/index.js';

const decide = createDecide(demoPolicyConfig());
const CONSENT = { id: 'c1', provider: 'welfare', recipients: ['probation'], categories: ['WELFARE' as const], purposes: ['SUPERVISION' as const], validFrom: '2025-01-01', validUntil: null, withdrawnAt: null };

function person(id: string, facts: PersonFacts | undefined): PersonNode {
  return { id, subject: `s-${id}`, links: new Map(), linkErrors: new Map(), ...(facts ? { facts } : {}) } as PersonNode;
}

function access() {
  const asked: DecisionInput[] = [];
  const audit = new AuditCollector();
  const counting = (input: DecisionInput) => {
    asked.push(input);
    return decide(input);
  };
  const principal = { sub: 'po-1', agency: 'probation', roles: ['probation_officer'], client: null };
  return { asked, audit, access: new RequestAccess(counting, principal, { purpose: 'SUPERVISION', breakGlass: null }, audit, new Date('2026-11-25T10:00:00Z')) };
}

describe('RequestAccess', () => {
  it('decides once for people whose facts are alike, and apart for facts that differ', () => {
    const { asked, access: a } = access();
    const alike = [person('p1', { assigned: false, consents: [] }), person('p2', { assigned: false, consents: [] })];
    const assigned = person('p3', { assigned: true, consents: [] });
    const consenting = person('p4', { assigned: true, consents: [CONSENT] });
    const unknown = person('p5', undefined);
    const decisions = [...alike, assigned, consenting, unknown].map((p) => a.decide(p, 'WELFARE', 'welfare'));
    // p1 and p2 share one question; p3 (assigned), p4 (a consent on file) and p5 (facts unavailable) are asked apart.
    expect(asked.map((q) => q.person)).toEqual(['p1', 'p3', 'p4', 'p5']);
    expect(decisions[1]).toBe(decisions[0]);
    // Each answer is what the policy says for that person's own facts.
    for (const [i, p] of [...alike, assigned, consenting, unknown].entries()) {
      const own = decide({ ...asked[0]!, person: p.id, facts: p.facts ?? { assigned: null, consents: null } });
      expect(decisions[i]).toEqual(own);
    }
    // Assigned with consent releases (DSA-WELFARE-CONSENT-04); assigned alone does not.
    expect(decisions.map((d) => d.allow)).toEqual([false, false, false, true, false]);
    expect(decisions[2]).toMatchObject({ reason: 'NO_CONSENT' });
    // Another category or provider is another question.
    a.decide(alike[1]!, 'SUPERVISION', 'probation');
    a.decide(alike[0]!, 'SUPERVISION', 'probation');
    expect(asked).toHaveLength(5);
  });

  it('forgets its decisions, and the people they were for, when released: a later question is asked afresh', () => {
    const { asked, access: a } = access();
    const p1 = person('p1', { assigned: true, consents: [] });
    const first = a.decide(p1, 'SUPERVISION', 'probation');
    expect(a.decide(p1, 'SUPERVISION', 'probation')).toBe(first);
    expect(asked).toHaveLength(1);
    a.release();
    const again = a.decide(p1, 'SUPERVISION', 'probation');
    expect(asked).toHaveLength(2);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('records each person’s release or withholding under that person, shared decision or not', () => {
    const { audit, access: a } = access();
    const p1 = person('p1', { assigned: false, consents: [] });
    const p2 = person('p2', { assigned: false, consents: [] });
    audit.touch('p1', 's-p1');
    audit.touch('p2', 's-p2');
    a.check(p1, 'WELFARE', 'welfare', 'Person.welfare');
    a.check(p2, 'WELFARE', 'welfare', 'Person.welfare');
    const head = { at: '2026-11-25T10:00:00.000Z', breakGlass: null, caller: { sub: 'po-1', agency: 'probation', roles: ['probation_officer'], client: null }, operation: { name: null, documentHash: 'x' }, purpose: 'SUPERVISION' as const, requestId: 'r1' };
    const events = audit.toEvents(head as never, false);
    expect(events.map((e) => [e.subject, e.withheld.map((w) => w.fields)])).toEqual([['s-p1', [['Person.welfare']]], ['s-p2', [['Person.welfare']]]]);
  });
});
