import { z } from 'zod';

/**
 * Combinators that declare a record shape once and yield two things: the zod schema (the
 * reference: its types, and its issues for the message of a refused record) and a plain predicate
 * that agrees with it. Every record an adapter returns is checked, and zod's `safeParse` copies
 * the whole record to say "fine"; the predicate only reads, so the common case costs a fraction.
 *
 * The predicate must never accept what the schema refuses (the test in
 * tests/unit/adapters/fastRecordCheck.test.ts compares them). Where zod 4 is subtle, the predicate
 * follows what zod does, not what one would guess:
 *  - string lengths are counted in code points (a surrogate pair is one), but only past the cap
 *    in UTF-16 units, so a fitting string costs one `.length`;
 *  - a strict object refuses every key `for…in` yields that is not declared (so inherited
 *    enumerable keys and an own `__proto__` key too), and ignores symbol and non-enumerable keys;
 *  - a declared key is read with `value[key]`, so an inherited one counts as present;
 *  - an array is read by index up to `.length`, so a hole is `undefined`.
 */
export interface Shape<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  /** True iff `schema.safeParse(value).success`, without allocating. */
  readonly test: (value: unknown) => boolean;
}

/** Counts code points like zod's length checks: a high surrogate followed by a low one is one, a lone surrogate is one. */
function codePoints(s: string): number {
  let count = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

/**
 * Characters no agency value may hold: C0 and C1 controls (NUL, escape sequences that repaint a
 * terminal) and the bidirectional overrides and isolates that make text read otherwise than it is
 * stored. Free text (`lines`) may hold tabs and line breaks.
 */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const CONTROLS_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * A string of `min`..`max` code points (zod's `.min().max()`), for free text and identifiers,
 * without control or bidirectional-override characters (`lines`: tabs and line breaks allowed).
 */
export function chars(min: number, max: number, options: { lines?: boolean } = {}): Shape<z.ZodType<string>> {
  // A code point is one or two units, so `units <= max` always fits and `units >= min` is enough while min <= 1.
  if (min > 1) throw new Error('chars: a minimum above 1 would need counting code points');
  const forbidden = options.lines ? CONTROLS_IN_TEXT : CONTROL_CHARACTERS;
  const schema = (min > 0 ? z.string().min(min).max(max) : z.string().max(max)).refine((v) => !forbidden.test(v), 'holds a control or bidirectional-override character');
  return { schema, test: (v) => typeof v === 'string' && v.length >= min && (v.length <= max || codePoints(v) <= max) && !forbidden.test(v) };
}

/** A stateless (no `g`/`y`) regex: zod resets `lastIndex` before each test, a plain predicate would not. */
function stateless(pattern: RegExp): RegExp {
  if (pattern.global || pattern.sticky) throw new Error(`${pattern}: a g or y regex keeps state between tests`);
  return pattern;
}

/** A string matching `pattern` (zod's `.regex()`), for codes with a fixed form. */
export function matching(pattern: RegExp): Shape<z.ZodString> {
  const re = stateless(pattern);
  return { schema: z.string().regex(re), test: (v) => typeof v === 'string' && re.test(v) };
}

/** A string accepted by `valid` (zod's `.refine()`), for forms a regex alone cannot say (a real calendar date). */
export function refined(valid: (s: string) => boolean, message: string): Shape<z.ZodString> {
  return { schema: z.string().refine(valid, message), test: (v) => typeof v === 'string' && valid(v) };
}

/** A zod string format (`z.iso.datetime()` …), tested with the very regex zod built for it so the two cannot drift. */
export function format<S extends z.ZodStringFormat>(schema: S): Shape<S> {
  const pattern = schema._zod.def.pattern;
  if (!pattern || schema._zod.def.checks?.length) throw new Error(`${schema._zod.def.format}: expected a bare pattern format`);
  const re = stateless(pattern);
  return { schema, test: (v) => typeof v === 'string' && re.test(v) };
}

/** A whole number in `min`..`max` (zod's `.int().min().max()`; -0 passes, as in zod). */
export function integer(min: number, max: number): Shape<z.ZodNumber> {
  // Within safe bounds, Number.isInteger plus the range is exactly zod's safe-integer check.
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) throw new Error('integer: bounds must be safe integers');
  return {
    schema: z.number().int().min(min).max(max),
    test: (v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max,
  };
}

/** One of a closed set of strings (zod's `z.enum`), for the model's enumerations. */
export function oneOf<const V extends readonly [string, ...string[]]>(values: V): Shape<z.ZodEnum<{ [K in V[number]]: K }>> {
  return {
    schema: z.enum(values),
    test: (v) => {
      for (let i = 0; i < values.length; i++) if (values[i] === v) return true;
      return false;
    },
  };
}

/** `null` or the inner shape (zod's `.nullable()`). */
export function nullable<S extends z.ZodType>(inner: Shape<S>): Shape<z.ZodNullable<S>> {
  const test = inner.test;
  return { schema: inner.schema.nullable(), test: (v) => v === null || test(v) };
}

/**
 * Absent, `undefined` or the inner shape (zod's `.optional()`). An absent key reads as `undefined`, so one test covers both;
 * this is also the only combinator that accepts `undefined`, which is what lets `strictRecord` treat every other field as
 * required by testing its value alone.
 */
export function optional<S extends z.ZodType>(inner: Shape<S>): Shape<z.ZodOptional<S>> {
  const test = inner.test;
  return { schema: inner.schema.optional(), test: (v) => v === undefined || test(v) };
}

/** An array of at most `max` items of one shape (zod's `z.array().max()`). */
export function arrayOf<S extends z.ZodType>(item: Shape<S>, max: number): Shape<z.ZodArray<S>> {
  const test = item.test;
  return {
    schema: z.array(item.schema).max(max),
    test: (v) => {
      if (!Array.isArray(v) || v.length > max) return false;
      for (let i = 0; i < v.length; i++) if (!test(v[i])) return false;
      return true;
    },
  };
}

type Fields = Readonly<Record<string, Shape>>;
type SchemasOf<F extends Fields> = { -readonly [K in keyof F]: F[K]['schema'] };

/** Fields are tracked in a bitmask of a 32-bit integer. */
const MAX_FIELDS = 31;

/**
 * An object with exactly these fields (zod's `z.strictObject`); a field is optional only if its shape is `optional(…)`.
 * The predicate walks the keys `for…in` yields once (the loop zod uses to find unknown keys): a key in
 * declaration order costs one comparison, another one a map lookup (records built from a mapping put lists last), and each
 * declared field's value is tested once, so an absent or non-enumerable field is read like zod reads it, with `record[key]`.
 */
export function strictRecord<const F extends Fields>(fields: F): Shape<z.ZodObject<SchemasOf<F>, z.core.$strict>> {
  const keys = Object.keys(fields);
  // zod leaves a declared __proto__ out of its own loop; nothing here needs one, so refuse it rather than mirror that.
  if (keys.includes('__proto__')) throw new Error('strictRecord: __proto__ cannot be a field');
  if (keys.length > MAX_FIELDS) throw new Error(`strictRecord: at most ${MAX_FIELDS} fields`);
  const tests = keys.map((key) => fields[key]!.test);
  const indexOf: ReadonlyMap<string, number> = new Map(keys.map((key, i) => [key, i]));
  const all = 2 ** keys.length - 1;
  const untested = (record: Record<string, unknown>, tested: number): boolean => {
    for (let i = 0; i < keys.length; i++) if ((tested & (1 << i)) === 0 && !tests[i]!(record[keys[i]!])) return false;
    return true;
  };
  const schemas = Object.fromEntries(keys.map((key) => [key, fields[key]!.schema])) as SchemasOf<F>;
  return {
    schema: z.strictObject(schemas),
    test: (v) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
      const record = v as Record<string, unknown>;
      let tested = 0;
      let next = 0;
      for (const key in record) {
        const i = key === keys[next] ? next : indexOf.get(key);
        if (i === undefined || !tests[i]!(record[key])) return false;
        tested |= 1 << i;
        next = i + 1;
      }
      return tested === all || untested(record, tested);
    },
  };
}
