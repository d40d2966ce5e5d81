import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalMemberBatch, bodyLeafHash, canonicalJson, joinMembers, mergeRuns, eventLeafHash, leafData, leafHash, type AuditEvent } from '../../../src/audit/index.js';

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
    // The writer's one-shot hash of the leaf text is the same bytes' hash, non-ASCII included.
    for (const body of [canonicalJson(event), '{"note":"čćđšž ČĆĐŠŽ 🙂"}']) expect(bodyLeafHash(body, 3).equals(leafHash(leafData(body, 3)))).toBe(true);
    expect(eventLeafHash(event, 3).equals(eventLeafHash(event, 4))).toBe(false);
  });
});

/** An independent reference: sort every object's keys, replace what PostgreSQL cannot store, JSON-quote strings. */
function reference(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.toWellFormed().replaceAll('\u0000', '\uFFFD'));
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
  const members = Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined);
  return `{${members.map((k) => `${reference(k)}:${reference((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** The same value with every object's keys inserted in sorted order (what the encoder can take as it is). */
function keysInOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keysInOrder);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, keysInOrder((value as Record<string, unknown>)[k])]));
}

describe('canonicalJson against an independent encoder', () => {
  const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('\u0000', '\ud800', 'a\udfff', '😀', 'Ђорђевић', '"\\'));
  const key = fc.oneof(text, fc.constantFrom('0', '1', '9', '10', '__proto__', 'toJSON', 'a', 'B'));
  const value = fc.letrec((tie) => ({
    leaf: fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(-0)),
    node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 5 })),
  })).node;

  it('gives the same text for any JSON-like value, its keys in any order', () => {
    fc.assert(
      fc.property(value, (v) => {
        if (v === undefined) return;
        expect(canonicalJson(v)).toBe(reference(v));
        expect(canonicalJson(keysInOrder(v))).toBe(reference(v));
      }),
      { seed: 20261125, numRuns: 3000 },
    );
  });

  it('gives canonicalJson’s text from a member batch, members shared between values or not', () => {
    const object = fc.dictionary(key, value, { maxKeys: 6 });
    fc.assert(
      fc.property(fc.array(object, { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(key, fc.nat(), fc.nat()), { maxLength: 4 }), (values, shares) => {
        // Members shared by identity between the batch's values, as a request's events share their caller.
        for (const [k, from, to] of shares) {
          const source = values[from % values.length]!;
          const shared = Object.values(source).find((m) => typeof m === 'object' && m !== null);
          if (shared !== undefined) values[to % values.length]![k] = shared;
        }
        const batch = new CanonicalMemberBatch();
        const encode = (v: object) => joinMembers(batch.members, batch.add(v));
        for (const v of [...values, ...values]) expect(encode(v)).toBe(reference(v));
        // Encoding the same values again adds nothing to the dictionary.
        const size = batch.members.length;
        for (const v of values) encode(v);
        expect(batch.members).toHaveLength(size);
        for (const v of values.map(keysInOrder)) expect(encode(v as object)).toBe(reference(v));
      }),
      { seed: 20261125, numRuns: 300 },
    );
    const batch = new CanonicalMemberBatch();
    const encode = (v: object) => joinMembers(batch.members, batch.add(v));
    expect(encode(event)).toBe(canonicalJson(event));
    expect(encode({ ...event, subject: 'q' })).toBe(canonicalJson({ ...event, subject: 'q' }));
    expect(() => encode({ a: { n: 1.5 } })).toThrow(TypeError);
    expect(encode(Object.assign(Object.create(null) as object, { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });

  it('merges members that always come together without changing any object’s text', () => {
    // Objects as lists of distinct member indexes (a member occurs once per object, as a key does).
    const objects = fc.array(fc.uniqueArray(fc.nat({ max: 11 }), { maxLength: 8 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(objects, (lists) => {
        const members = Array.from({ length: 12 }, (_, i) => `"m${i}":${i}`);
        const merged = mergeRuns(members, lists);
        expect(merged.objects.map((o) => joinMembers(merged.members, o))).toEqual(lists.map((o) => joinMembers(members, o)));
        expect(merged.objects.reduce((n, o) => n + o.length, 0)).toBeLessThanOrEqual(lists.reduce((n, o) => n + o.length, 0));
        // Maximal: no two merged members still always come together.
        const pairs = new Map<number, Set<string>>();
        for (const o of merged.objects) o.forEach((m, i) => (pairs.get(m) ?? pairs.set(m, new Set()).get(m)!).add(`${o[i - 1] ?? '^'}>${o[i + 1] ?? '$'}`));
        for (const o of merged.objects) {
          for (let i = 0; i + 1 < o.length; i++) {
            const [a, b] = [o[i]!, o[i + 1]!];
            const always = [...pairs.get(a)!].every((p) => p.endsWith(`>${b}`)) && [...pairs.get(b)!].every((p) => p.startsWith(`${a}>`));
            expect(always).toBe(false);
          }
        }
      }),
      { seed: 20261206, numRuns: 500 },
    );
    // A request's events, alike but for the subject: each becomes its shared head, its subject and its shared tail.
    const batch = new CanonicalMemberBatch();
    // Keys in canonical order, as AuditCollector builds events (out of order, an object is one member).
    const inOrder = Object.fromEntries(Object.entries(event).sort(([a], [b]) => (a < b ? -1 : 1)));
    const events = ['a', 'b', 'c'].map((subject) => ({ ...inOrder, subject }));
    const merged = mergeRuns(batch.members, events.map((e) => batch.add(e)));
    expect(merged.objects.map((o) => o.length)).toEqual([3, 3, 3]);
    expect(merged.objects.map((o) => joinMembers(merged.members, o))).toEqual(events.map((e) => canonicalJson(e)));
  });

  it('treats what JSON.stringify would treat differently the canonical way', () => {
    const withToJson = { a: 1, toJSON: () => 'x' };
    expect(() => canonicalJson(withToJson)).toThrow(TypeError);
    expect(canonicalJson({ a: new Date(0) })).toBe('{"a":{}}');
    expect(() => canonicalJson({ a: 1.5 })).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
    expect(canonicalJson({ a: [undefined, 1] })).toBe('{"a":[null,1]}');
    expect(canonicalJson({ 10: 'x', 9: 'y' })).toBe('{"10":"x","9":"y"}');
    expect(canonicalJson(Object.assign(Object.create(null) as object, { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });
});
