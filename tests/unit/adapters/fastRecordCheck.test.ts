/**
 * Property: for every entity, the allocation-free predicate `checkRecord` tries first accepts a value exactly when zod's
 * `safeParse` does. Values are generated from the zod schemas themselves (not from the combinators the predicates are
 * built with), mostly valid with near misses mixed in at every leaf (boundary lengths in code points and UTF-16 units,
 * impossible dates, numbers at and past the bounds, foreign enum values …), then bent structurally: keys dropped, added,
 * reordered, inherited, made non-enumerable or symbols, prototypes swapped, arrays holed or grown past the cap.
 * The mutant tests at the end show the generator is strong enough to notice a predicate that is slightly off.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkRecord, ENTITIES, RECORD_LIMITS, RECORD_SCHEMAS, RECORD_SHAPES, type EntityName } from '../../../adapters/sdk/index.js';

const SEED = 42;
const EMOJI = '😀';

/** The message `checkRecord` gave before the predicate existed: zod's first issue and how many more. */
function zodProblem(schema: z.ZodType, record: unknown): string | null {
  const result = schema.safeParse(record);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  const more = result.error.issues.length > 1 ? ` (+${result.error.issues.length - 1} more)` : '';
  return `${issue.path.map(String).join('.') || '(record)'}: ${issue.code}${more}`;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const anyDate = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const realDate = fc.date({ min: new Date('0100-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const TRICKY_DATES = [
  '2023-02-29', '2024-02-29', '1900-02-29', '2000-02-29', '2100-02-29', '0099-12-31', '0100-01-01', '0000-01-01', '1990-13-01',
  '1990-00-10', '1990-04-31', '1990-01-00', '1990-1-1', '1990-01-01\n', ' 1990-01-01', '1990/01/01', '١٩٩٠-٠١-٠١', '+01990-01-01',
];
const TRICKY_INSTANTS = [
  '2024-05-01T10:00Z', '2024-05-01T10:00:00+0100', '2024-05-01 10:00:00Z', '2023-02-29T00:00:00Z', '2024-05-01T10:00:00z',
  '2024-05-01T24:00:00Z', '2024-05-01T10:00:00.Z', '2024-05-01T10:00:00+24:00', '2024-05-01T10:00:00',
  '2024-05-01T10:00:00.123456789-03:30',
];
const NON_STRINGS = [null, undefined, 0, true, {}, [], new String('x')];
/** Strings with a control or bidirectional-override character, and the line breaks only free text takes. */
const CONTROL_NEAR_MISSES = ['a\u0000b', 'x\u001b[2J', 'P-1\u202e', 'x\u2066y', 'x\u0085', 'line\nbreak', 'tab\there', 'x\r'];

/** Strings around a length cap: fitting in code points but not in UTF-16 units, lone surrogates, pairs split across the cap. */
function lengthNearMisses(min: number, max: number): string[] {
  return [
    '', 'x', '\uDC00', '\uD83D', 'x'.repeat(max), 'x'.repeat(max + 1), EMOJI.repeat(max), EMOJI.repeat(max + 1),
    `${'x'.repeat(max - 1)}${EMOJI}`, `${EMOJI}${'x'.repeat(max)}`, '\uD83D'.repeat(max), '\uD83D'.repeat(max + 1),
    '\uDE00\uD83D'.repeat(Math.ceil((max + 1) / 2)),
    `${'x'.repeat(max)}\uD83D`, 'x'.repeat(Math.max(0, min - 1)),
  ];
}

/** One character of generated text: any grapheme, any code point, or a lone surrogate. */
const anyUnit = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)),
);

/** A value of a string schema: mostly what it accepts, sometimes a near miss. */
function stringArbitrary(schema: z.ZodString | z.ZodISODateTime, odds: number): fc.Arbitrary<unknown> {
  if (schema instanceof z.ZodISODateTime) {
    const pattern = schema._zod.def.pattern!;
    const valid = fc.oneof(fc.stringMatching(pattern), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
    const nearMisses = fc.constantFrom(...TRICKY_INSTANTS, ...NON_STRINGS);
    return withNearMisses(odds, valid, nearMisses, fc.stringMatching(pattern).map((s) => `${s}\n`));
  }
  const checks = schema.def.checks ?? [];
  // Two refinements in recordSchemas.ts: the calendar date (no length cap), and the control
  // characters every capped string refuses (generated below, with the length near misses).
  if (schema.maxLength === null && checks.some((c) => c._zod.def.check === 'custom')) {
    return withNearMisses(odds, realDate, anyDate, fc.constantFrom(...TRICKY_DATES, ...NON_STRINGS));
  }
  const format = checks.find((c) => c._zod.def.check === 'string_format');
  if (format) {
    const pattern = (format._zod.def as z.core.$ZodCheckRegexDef).pattern;
    const valid = fc.stringMatching(pattern);
    const recased = [valid.map((s) => s.toUpperCase()), valid.map((s) => s.toLowerCase())];
    return withNearMisses(odds, valid, valid.map((s) => `${s}\n`), ...recased, fc.string({ maxLength: 4 }));
  }
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 10;
  const valid = fc.string({ minLength: min, maxLength: Math.min(max, 12), unit: anyUnit });
  return withNearMisses(odds, valid, fc.constantFrom(...lengthNearMisses(min, max), ...CONTROL_NEAR_MISSES, ...NON_STRINGS));
}

/**
 * Mostly `valid`, sometimes one of `nearMisses`: `odds` is how much likelier the first is than each of the others.
 * Records are drawn at a few odds, so that small records and records of twenty-odd leaves alike come out whole now and
 * then, and with a single near miss often.
 */
function withNearMisses(odds: number, valid: fc.Arbitrary<unknown>, ...nearMisses: fc.Arbitrary<unknown>[]): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: valid, weight: odds }, ...nearMisses.map((arbitrary) => ({ arbitrary, weight: 1 })));
}

const ABSENT = Symbol('absent');

/** Values for a zod schema of the kinds recordSchemas.ts uses, read from the schema's own definition. */
function arbitraryFor(schema: z.ZodType, odds: number): fc.Arbitrary<unknown> {
  if (schema instanceof z.ZodOptional) {
    return fc.oneof(arbitraryFor(schema.unwrap() as z.ZodType, odds), fc.constant(ABSENT), fc.constant(undefined));
  }
  if (schema instanceof z.ZodNullable) {
    return fc.oneof({ arbitrary: arbitraryFor(schema.unwrap() as z.ZodType, odds), weight: 3 }, fc.constant(null));
  }
  if (schema instanceof z.ZodEnum) {
    const values = schema.options as string[];
    const foreign = [...values.map((v) => v.toLowerCase()), `${values[0]} `, 'OTHER', 'HIGH', '', ...NON_STRINGS];
    return withNearMisses(odds, fc.constantFrom(...values), fc.constantFrom(...foreign));
  }
  if (schema instanceof z.ZodNumber) {
    const [min, max] = [schema.minValue!, schema.maxValue!];
    const nearMisses = [min - 1, max + 1, 1.5, -1, NaN, Infinity, -Infinity, 2 ** 53, Number.MAX_VALUE, 1e-300, '1', null, undefined];
    return withNearMisses(odds, fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max, -0)), fc.constantFrom(...nearMisses));
  }
  if (schema instanceof z.ZodString || schema instanceof z.ZodISODateTime) return stringArbitrary(schema, odds);
  if (schema instanceof z.ZodArray) {
    const items = fc.array(arbitraryFor(schema.element as z.ZodType, odds), { maxLength: 4 });
    return withNearMisses(odds, items, fc.constantFrom('x', null, { length: 0 }, {}));
  }
  if (schema instanceof z.ZodObject) return objectArbitrary(schema, odds);
  throw new Error(`no generator for ${schema._zod.def.type}`);
}

/** An object with the schema's keys in declaration order; an optional key may be left out (ABSENT). */
function objectArbitrary(schema: z.ZodObject, odds: number): fc.Arbitrary<unknown> {
  const entries = Object.entries(schema.shape as Record<string, z.ZodType>);
  const valid = fc.tuple(...entries.map(([, field]) => arbitraryFor(field, odds))).map((values) => {
    const record: Record<string, unknown> = {};
    values.forEach((value, i) => {
      if (value !== ABSENT) record[entries[i]![0]] = value;
    });
    return record;
  });
  return withNearMisses(odds, valid, fc.constantFrom(null, 'x', [], new Date(0)));
}

/** Where a mutation lands: a property of an object or array, the root being `box.root`. */
interface Slot { container: Record<string, unknown>; key: string }

/** Every property reachable through own enumerable keys, depth first. */
function slotsOf(box: Record<string, unknown>): Slot[] {
  const slots: Slot[] = [];
  const walk = (container: Record<string, unknown>): void => {
    for (const key of Object.keys(container)) {
      slots.push({ container, key });
      const value = container[key];
      // A String object's characters are read-only, and a Date has no keys worth bending.
      const bendable = typeof value === 'object' && value !== null && !(value instanceof String) && !(value instanceof Date);
      if (bendable) walk(value as Record<string, unknown>);
    }
  };
  walk(box);
  return slots;
}

const DECLARED_KEYS = [...new Set(Object.values(RECORD_SCHEMAS).flatMap((s) => Object.keys(s.shape)))];
const EXTRA_KEYS = ['extra', 'password', 'toString', 'constructor', 'hasOwnProperty', '0', '', ...DECLARED_KEYS];
const ODD_VALUES = [
  undefined, null, '', 'x', 'x'.repeat(RECORD_LIMITS.short + 1), 'probation', 'RS', '2023-02-29', 1.5, -1, 100_001, NaN, [], {},
];

/** What a mutation bends: any property, an object's keys or prototype, or an array. */
const MUTATIONS = {
  any: ['replace', 'delete', 'undefine'],
  record: [
    'addKey', 'addProtoKey', 'addSymbol', 'addHidden', 'hideKey', 'reorder', 'inheritKey', 'hiddenInheritedKey', 'inheritExtra',
    'hiddenInheritedExtra', 'nullPrototype', 'classInstance', 'asArray',
  ],
  array: ['hole', 'grow', 'arrayProp'],
} as const;
type Target = keyof typeof MUTATIONS;
type Mutation = { kind: (typeof MUTATIONS)[Target][number]; at: number; pick: number; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...Object.values(MUTATIONS).flat()),
  at: fc.nat(),
  pick: fc.nat(),
  value: fc.oneof({ arbitrary: fc.constantFrom(...ODD_VALUES), weight: 4 }, fc.anything()),
});

/** Rebuilds `record` with the same prototype, keys in the given order, so later mutations see a plain data object. */
function withKeys(record: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const copy = Object.create(Object.getPrototypeOf(record) as object | null) as Record<string, unknown>;
  for (const key of keys) put(copy, key, record[key]);
  return copy;
}

/** Sets an own, enumerable property even where the prototype holds a read-only one of that name. */
function put(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `keys` rotated by `pick`, and reversed when `pick` is odd: a declared order broken in a few different ways. */
function rotated(keys: string[], pick: number): string[] {
  const at = pick % Math.max(1, keys.length);
  const turned = [...keys.slice(at), ...keys.slice(0, at)];
  return pick % 2 ? turned.reverse() : turned;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof String);
const TARGETS: Record<Target, (value: unknown) => boolean> = { any: () => true, record: isRecord, array: Array.isArray };
const targetOf = (kind: Mutation['kind']): Target =>
  (Object.keys(MUTATIONS) as Target[]).find((target) => (MUTATIONS[target] as readonly string[]).includes(kind))!;

/** Applies one mutation, in place, to one of the properties it can bend (`at` picks which). */
function mutate(box: Record<string, unknown>, { kind, at, pick, value: shared }: Mutation): void {
  const fits = TARGETS[targetOf(kind)];
  const slots = slotsOf(box).filter(({ container, key }) => fits(container[key]));
  if (!slots.length) return;
  const { container, key } = slots[at % slots.length]!;
  // fast-check keeps its values for shrinking, so a later mutation must not reach into this one's.
  const value: unknown = structuredClone(shared);
  const target = container[key];
  const bend: Bend = { container, key, kind, pick, value };
  if (Array.isArray(target)) bendArray(bend, target);
  else if (isRecord(target)) bendRecord(bend, target);
  else bendAny(bend);
}

/** One mutation about to land on `container[key]`. */
interface Bend { container: Record<string, unknown>; key: string; kind: Mutation['kind']; pick: number; value: unknown }

/** Replaces or drops a property, or sets it to undefined. */
function bendAny({ container, key, kind, value }: Bend): void {
  if (kind === 'replace') container[key] = value;
  else if (kind === 'delete') delete container[key];
  else if (kind === 'undefine') container[key] = undefined;
}

/** Replaces, drops or bends an array: a hole, one item past the cap (or just at it), a stray property. */
function bendArray(bend: Bend, array: unknown[]): void {
  const { container, key, kind, pick, value } = bend;
  const length = RECORD_LIMITS.listItems + (pick % 2);
  switch (kind) {
    case 'hole': if (array.length) delete array[pick % array.length]; return;
    case 'grow': container[key] = Array.from({ length }, (_, i) => array[i % Math.max(1, array.length)]); return;
    case 'arrayProp': Object.assign(array, { [EXTRA_KEYS[pick % EXTRA_KEYS.length]!]: value }); return;
    default: bendAny(bend);
  }
}

/** Replaces, drops or bends an object: its keys (added, hidden, reordered, inherited) or its prototype. */
function bendRecord(bend: Bend, record: Record<string, unknown>): void {
  const { container, key, kind, pick, value } = bend;
  const keys = Object.keys(record);
  const someKey = keys[pick % Math.max(1, keys.length)];
  const extraKey = EXTRA_KEYS[pick % EXTRA_KEYS.length]!;
  const without = (k: string) => withKeys(record, keys.filter((other) => other !== k));
  const hidden = (k: string, v: unknown) => Object.create(null, { [k]: { value: v, enumerable: false } }) as object;
  switch (kind) {
    case 'addKey': put(record, extraKey, value); return;
    case 'addProtoKey': put(record, '__proto__', value); return;
    case 'addSymbol': Object.assign(record, { [Symbol('extra')]: value }); return;
    case 'addHidden': Object.defineProperty(record, extraKey, { value, enumerable: false, configurable: true }); return;
    case 'hideKey': if (someKey) Object.defineProperty(record, someKey, { enumerable: false }); return;
    case 'reorder': container[key] = withKeys(record, rotated(keys, pick)); return;
    case 'inheritKey': if (someKey) container[key] = Object.assign(Object.create({ [someKey]: record[someKey] }), without(someKey)); return;
    case 'hiddenInheritedKey':
      if (someKey) container[key] = Object.assign(Object.create(hidden(someKey, record[someKey])), without(someKey));
      return;
    case 'inheritExtra': Object.setPrototypeOf(record, { [extraKey]: value }); return;
    case 'hiddenInheritedExtra': Object.setPrototypeOf(record, hidden(extraKey, value)); return;
    case 'nullPrototype': Object.setPrototypeOf(record, null); return;
    case 'classInstance': container[key] = Object.assign(new (class Row {})(), record); return;
    case 'asArray': container[key] = Object.assign([], record); return;
    default: bendAny(bend);
  }
}

/** Records for `schema`, each copied fresh (fast-check reuses values while shrinking), half of them bent by a few mutations. */
function recordArbitrary(schema: z.ZodType): fc.Arbitrary<unknown> {
  const mutations = fc.oneof(fc.constant([]), fc.array(mutation, { minLength: 1, maxLength: 3 }));
  return fc.tuple(fc.oneof(...[4, 15, 60].map((odds) => arbitraryFor(schema, odds))), mutations).map(([valid, mutations]) => {
    const box: Record<string, unknown> = { root: structuredClone(valid) };
    for (const m of mutations) mutate(box, m);
    return box.root;
  });
}

/** Runs the agreement property for one entity against `predicate`; answers fast-check's report and how many values zod accepted. */
function agreement(entity: EntityName, predicate: (value: unknown) => boolean, numRuns: number) {
  const schema = RECORD_SCHEMAS[entity];
  let accepted = 0;
  const details = fc.check(fc.property(recordArbitrary(schema), (record) => {
    const ok = schema.safeParse(record).success;
    if (ok) accepted++;
    return predicate(record) === ok;
  }), { seed: SEED, numRuns, endOnFailure: true });
  return { details, accepted };
}

describe('the fast record predicate agrees with zod', () => {
  it.each(ENTITIES)('%s', (entity) => {
    const numRuns = 1000;
    const { details, accepted } = agreement(entity, RECORD_SHAPES[entity].test, numRuns);
    expect(details.failed, fc.defaultReportMessage(details)).toBe(false);
    // Neither side of the verdict may be starved, or the property says little.
    expect(accepted).toBeGreaterThan(numRuns * 0.15);
    expect(accepted).toBeLessThan(numRuns * 0.85);
  });

  it('and checkRecord answers with the message zod gave before', () => {
    for (const entity of ['person', 'custody', 'plan'] as const) {
      fc.assert(fc.property(recordArbitrary(RECORD_SCHEMAS[entity]), (record) => {
        expect(checkRecord(entity, record)).toBe(zodProblem(RECORD_SCHEMAS[entity], record));
      }), { seed: SEED, numRuns: 200 });
    }
  });
});

describe('corner cases where zod 4 may surprise, and the predicate follows it', () => {
  const P = {
    ref: 'P-1', nationalId: null, givenName: 'Ana', familyName: 'Ilić', script: null, dateOfBirth: null, sex: null, municipality: null,
  };
  const C = {
    ref: '1', establishment: 'KPZ', status: 'SENTENCED', admissionDate: null, earliestReleaseDate: null, expectedReleaseDate: null,
    paroleEligibilityDate: null,
  };
  const sentence = (lengthMonths: unknown, offences: unknown[] = []) => ({ ...C, sentence: { lengthMonths, startDate: null, offences } });
  const cases: Array<[string, EntityName, unknown, boolean]> = [
    ['200 emoji (400 UTF-16 units) fit a 200 cap: lengths are code points', 'person', { ...P, givenName: EMOJI.repeat(200) }, true],
    ['201 emoji do not', 'person', { ...P, givenName: EMOJI.repeat(201) }, false],
    ['a lone surrogate is one code point', 'person', { ...P, ref: '\uDC00' }, true],
    ['undefined where null is allowed', 'person', { ...P, municipality: undefined }, false],
    ['asOf present but undefined', 'person', { ...P, asOf: undefined }, true],
    ['a symbol key', 'person', { ...P, [Symbol('x')]: 1 }, true],
    ['a non-enumerable unknown key', 'person', Object.defineProperty({ ...P }, 'extra', { value: 1 }), true],
    ['an inherited enumerable unknown key', 'person', Object.assign(Object.create({ extra: 1 }) as object, P), false],
    ['every field inherited', 'person', Object.create(P) as object, true],
    ['an own __proto__ key', 'person', JSON.parse(`{"__proto__":{},${JSON.stringify(P).slice(1)}`) as unknown, false],
    ['a null-prototype record', 'person', Object.assign(Object.create(null) as object, P), true],
    ['a Date carrying the fields', 'person', Object.assign(new Date(0), P), true],
    ['a year before 0100 (Date.UTC reads 0099 as 1999)', 'person', { ...P, dateOfBirth: '0099-12-31' }, false],
    ['-0 months', 'custody', sentence(-0), true],
    ['1e-300 months', 'custody', sentence(1e-300), false],
    ['a sparse list', 'custody', sentence(1, new Array(1)), false],
    ['a NUL in a name', 'person', { ...P, givenName: 'An\u0000a' }, false],
    ['a terminal escape in a name', 'person', { ...P, familyName: 'Ilić\u001b[2J' }, false],
    ['a right-to-left override in a reference', 'person', { ...P, ref: 'P-1\u202e' }, false],
    ['a line break in a name', 'person', { ...P, givenName: 'Ana\r\nInjected: x' }, false],
    ['a C1 control in a name', 'person', { ...P, givenName: 'Ana\u0085' }, false],
    ['an escape in an offence description (free text)', 'custody', sentence(1, [{ code: 'X1', description: 'a\u001bb', category: null }]), false],
  ];

  it.each(cases)('%s', (_what, entity, record, accepted) => {
    expect(RECORD_SCHEMAS[entity].safeParse(record).success).toBe(accepted);
    expect(RECORD_SHAPES[entity].test(record)).toBe(accepted);
  });
});

describe('the hand-written date check', () => {
  /** The first version: a regex, then a round trip through Date.UTC. */
  const oldValidDate = (s: string): boolean => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
  };
  const dateOfBirth = RECORD_SCHEMAS.person.shape.dateOfBirth;

  it('accepts exactly the dates the regex-and-Date.UTC check accepted', () => {
    const years = [0, 1, 4, 99, 100, 101, 400, 1600, 1700, 1800, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9996, 9999];
    for (const y of years) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          expect(dateOfBirth.safeParse(s).success, s).toBe(oldValidDate(s));
        }
      }
    }
    const fullwidthDigit = anyDate.map((s) => s.replace(/\d/, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
    const strings = fc.oneof(anyDate, fc.constantFrom(...TRICKY_DATES), fc.string({ maxLength: 12 }), fullwidthDigit);
    fc.assert(fc.property(strings, (s) => {
      expect(dateOfBirth.safeParse(s).success).toBe(oldValidDate(s));
    }), { seed: SEED, numRuns: 2000 });
  });
});

describe('the property notices a predicate that is slightly off', () => {
  const person = RECORD_SCHEMAS.person;
  const custody = RECORD_SCHEMAS.custody;
  const sentence = custody.shape.sentence.unwrap();
  const withMonths = (lengthMonths: z.ZodType) => custody.extend({ sentence: sentence.extend({ lengthMonths }).nullable() });
  const offences = z.array(sentence.shape.offences.element.optional()).max(RECORD_LIMITS.listItems);
  const mutants: Array<[string, EntityName, z.ZodType]> = [
    ['a cap one too high', 'person', person.extend({ givenName: z.string().max(RECORD_LIMITS.short + 1) })],
    ['lengths in UTF-16 units', 'person', person.extend({ familyName: z.string().refine((s) => s.length <= RECORD_LIMITS.short) })],
    ['unknown keys let through', 'person', person.loose()],
    ['a date without the calendar', 'person', person.extend({ dateOfBirth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable() })],
    ['undefined taken for null', 'person', person.extend({ municipality: z.string().max(RECORD_LIMITS.short).nullish() })],
    ['any number', 'custody', withMonths(z.number().nullable())],
    ['-0 refused', 'custody', withMonths(z.number().int().min(0).max(100_000).refine((n) => !Object.is(n, -0)).nullable())],
    ['holes skipped', 'custody', custody.extend({ sentence: sentence.extend({ offences }).nullable() })],
  ];

  it.each(mutants)('%s', (_what, entity, mutant) => {
    const predicate = (record: unknown): boolean => mutant.safeParse(record).success;
    const { details } = agreement(entity, predicate, 1000);
    expect(details.failed).toBe(true);
    // Failed on a disagreement, not on a generator that threw.
    const [record] = details.counterexample!;
    expect(predicate(record)).not.toBe(RECORD_SCHEMAS[entity].safeParse(record).success);
  });
});
