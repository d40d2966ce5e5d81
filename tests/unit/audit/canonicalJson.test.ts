import { describe, expect, it } from 'vitest';
import { canonicalJson, eventLeafHash, leafData, leafHash, type AuditEvent } from '../../../src/audit/index.js';

const event: AuditEvent = {
  at: '2026-11-25T10:00:00.000Z',
  requestId: 'r1',
  caller: { sub: 's', agency: 'probation', roles: ['probation_officer'], client: null },
  purpose: 'RELEASE_PLANNING',
  breakGlass: null,
  operation: { name: 'Q', documentHash: 'h' },
  subject: 'p',
  agencies: ['prison'],
  released: [{ category: 'CUSTODY', agency: 'prison', fields: ['Custody.status'] }],
  withheld: [],
  outcome: 'RELEASED',
};

describe('the canonical serialisation of audit events', () => {
  it('sorts keys at every depth and leaves out no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: 'x' } })).toBe('{"a":{"c":"x","d":[true,null]},"b":1}');
  });

  it('is the same for the same event whatever order its members were built in', () => {
    const shuffled = Object.fromEntries(Object.entries(event).reverse()) as unknown as AuditEvent;
    expect(canonicalJson(shuffled)).toBe(canonicalJson(event));
  });

  it('leaves out undefined members, as JSON does, so optional fields added later keep old leaves unchanged', () => {
    expect(canonicalJson({ ...event, onCaseTeam: undefined })).toBe(canonicalJson(event));
  });

  it('survives a JSON round trip byte for byte (what the jsonb column gives back)', () => {
    const tricky = { ...event, breakGlass: 'Ärzte \u2028 "quoted" \\ \n tab\t ü 🚑', requestId: '\u001f' };
    expect(canonicalJson(JSON.parse(canonicalJson(tricky)))).toBe(canonicalJson(tricky));
  });

  it('replaces NUL and unpaired surrogates, which PostgreSQL cannot store, with U+FFFD', () => {
    expect(canonicalJson({ sub: 'a\u0000b\ud800c\udc00d🚑' })).toBe('{"sub":"a\uFFFDb\uFFFDc\uFFFDd🚑"}');
    expect(canonicalJson({ 'k\u0000': 1 })).toBe('{"k\uFFFD":1}');
  });

  it('refuses numbers that are not safe integers, whose text a database may write differently', () => {
    expect(() => canonicalJson({ n: 1.5 })).toThrow('canonicalJson: 1.5 is not a safe integer');
    expect(() => canonicalJson({ n: 2 ** 60 })).toThrow('is not a safe integer');
    expect(() => canonicalJson({ f: () => 1 })).toThrow('canonicalJson: cannot serialise a function');
  });

  it('binds the leaf to its index: the same event at another position has another leaf hash', () => {
    expect(leafData('{"a":1}', 7).toString()).toBe('{"event":{"a":1},"index":7}');
    expect(eventLeafHash(event, 3).equals(leafHash(leafData(canonicalJson(event), 3)))).toBe(true);
    expect(eventLeafHash(event, 3).equals(eventLeafHash(event, 4))).toBe(false);
  });
});
