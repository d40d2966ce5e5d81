/**
 * The canonical serialisation the audit log hashes: JSON with object keys sorted by UTF-16 code
 * units (as `Array.prototype.sort` orders them), no whitespace, `undefined` members left out, and
 * `JSON.stringify`'s escaping for strings. Only what survives a round trip through PostgreSQL
 * `jsonb` unchanged is accepted, so the verifier can rebuild the exact bytes from the stored row:
 * numbers must be safe integers, and strings are made storable first (see `storableString`).
 *
 * @throws TypeError for values JSON cannot carry (functions, bigints, symbols, non-integer numbers).
 */
export function canonicalJson(value: unknown): string {
  // When the engine's own serialisation already is the canonical form (the audit events are built
  // that way), it is used: one flat string, where building by concatenation made a rope of
  // hundreds of pieces per event (a quarter of a megabyte of garbage per 50-person request).
  if (typeof value === 'object' && value !== null && stringifiesCanonically(value, 0)) return JSON.stringify(value);
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new TypeError(`canonicalJson: ${value} is not a safe integer`);
      return String(value);
    case 'string':
      return JSON.stringify(storableString(value));
    case 'object': {
      // Keys out of order, or strings to replace: built by concatenation, member by member (each
      // member that is canonical already takes the JSON.stringify path above).
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          out += (i === 0 ? '' : ',') + (item === undefined ? 'null' : canonicalJson(item));
        }
        return `${out}]`;
      }
      const keys = Object.keys(value).sort();
      let out = '{';
      for (const key of keys) {
        const member = (value as Record<string, unknown>)[key];
        if (member === undefined) continue;
        out += `${out.length === 1 ? '' : ','}${quotedKey(key)}:${canonicalJson(member)}`;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot serialise a ${typeof value}`);
  }
}

/**
 * A batch of objects encoded as a dictionary of member texts: each distinct member (`"key":value`,
 * as `canonicalJson` writes it) is kept once, and each object becomes the list of its members'
 * indexes, in canonical order. The canonical text of an object is `{`, its members joined by
 * commas, and `}` (`joinMembers`). The events of one request share most of their members (the
 * caller, the operation, the time, the field lists), so the batch carries a fraction of the bytes
 * of the texts themselves. Shared objects are recognised by identity, other values by value; an
 * object out of the common case (keys out of order, a prototype of its own) is one member of its
 * own, its whole text without the braces. The batch must not change the objects it has encoded.
 */
export class CanonicalMemberBatch {
  /** The distinct member texts, in first-seen order. */
  readonly members: string[] = [];
  private readonly byKey = new Map<string, Map<unknown, number>>();
  private readonly wholes = new Map<object, number>();

  /** Adds `value` to the batch and gives its members' indexes. */
  add(value: object): number[] {
    const proto: unknown = Object.getPrototypeOf(value);
    if (Array.isArray(value) || (proto !== Object.prototype && proto !== null)) return this.whole(value);
    const indexes: number[] = [];
    let previous: string | null = null;
    for (const key in value) {
      if ((previous !== null && !(previous < key)) || !isStorable(key)) return this.whole(value);
      previous = key;
      const member = (value as Record<string, unknown>)[key];
      if (member === undefined) continue;
      let seen = this.byKey.get(key);
      if (seen === undefined) this.byKey.set(key, (seen = new Map()));
      let index = seen.get(member);
      if (index === undefined) {
        index = this.members.push(`${quotedKey(key)}:${canonicalJson(member)}`) - 1;
        seen.set(member, index);
      }
      indexes.push(index);
    }
    return indexes;
  }

  private whole(value: object): number[] {
    let index = this.wholes.get(value);
    if (index === undefined) {
      const text = canonicalJson(value);
      if (text[0] !== '{') throw new TypeError('canonical member batch: only objects can be encoded');
      if (text === '{}') return [];
      index = this.members.push(text.slice(1, -1)) - 1;
      this.wholes.set(value, index);
    }
    return [index];
  }
}

/**
 * The same objects with fewer, longer members: members that always come together, one right
 * after the other in every object that has either, become one member (their texts joined by a
 * comma). The events of a request differ mostly in their subject, so an event's dozen members
 * usually become three or four, and the database rebuilding the texts joins a quarter as many.
 * `joinMembers` gives every object the same text as before.
 */
export function mergeRuns(members: readonly string[], objects: readonly (readonly number[])[]): { members: string[]; objects: number[][] } {
  const UNSEEN = -3;
  const VARIES = -2;
  const NONE = -1;
  // For each member: the member always right after it (NONE at the end, VARIES when it differs), and before it.
  const next = new Int32Array(members.length).fill(UNSEEN);
  const previous = new Int32Array(members.length).fill(UNSEEN);
  for (const object of objects) {
    for (let i = 0; i < object.length; i++) {
      const m = object[i]!;
      const after = i + 1 < object.length ? object[i + 1]! : NONE;
      const before = i > 0 ? object[i - 1]! : NONE;
      next[m] = next[m] === UNSEEN || next[m] === after ? after : VARIES;
      previous[m] = previous[m] === UNSEEN || previous[m] === before ? before : VARIES;
    }
  }
  const joinsNext = (m: number) => next[m]! >= 0 && previous[next[m]!] === m;
  const merged: string[] = [];
  const mergedIndex = new Int32Array(members.length).fill(NONE);
  const result = objects.map((object) => {
    const out: number[] = [];
    for (const m of object) {
      if (previous[m]! >= 0 && joinsNext(previous[m]!)) continue; // inside a run: its first member stands for it
      if (mergedIndex[m] === NONE) {
        let text = members[m]!;
        // A member occurs once per object, so a run cannot return to itself; bounded all the same.
        for (let cur = m, steps = 0; joinsNext(cur) && steps < members.length; steps++) {
          cur = next[cur]!;
          text += `,${members[cur]!}`;
        }
        mergedIndex[m] = merged.push(text) - 1;
      }
      out.push(mergedIndex[m]!);
    }
    return out;
  });
  return { members: merged, objects: result };
}

/** The canonical text of an object from its members' texts (what `CanonicalMemberBatch` encoded). */
export function joinMembers(members: readonly string[], indexes: readonly number[]): string {
  let out = '{';
  for (let i = 0; i < indexes.length; i++) out += (i === 0 ? '' : ',') + members[indexes[i]!]!;
  return `${out}}`;
}

/**
 * Whether `JSON.stringify(value)` gives exactly `canonicalJson(value)`: plain objects and arrays
 * only (nothing with a prototype of its own, so no `toJSON`), object keys already in sorted order
 * as `for…in` (and `JSON.stringify`) visit them, storable strings and keys, safe integers, and no
 * functions, symbols or bigints (which JSON.stringify would drop or refuse differently).
 */
function stringifiesCanonically(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
      return isStorable(value);
    case 'number':
      return Number.isSafeInteger(value);
    case 'boolean':
    case 'undefined':
      return true;
    case 'object': {
      if (value === null) return true;
      if (depth > 100) return false;
      const proto: unknown = Object.getPrototypeOf(value);
      if (Array.isArray(value)) {
        if (proto !== Array.prototype) return false;
        for (let i = 0; i < value.length; i++) if (!stringifiesCanonically(value[i], depth + 1)) return false;
        return true;
      }
      if (proto !== Object.prototype && proto !== null) return false;
      let previous: string | null = null;
      for (const key in value) {
        if ((previous !== null && !(previous < key)) || !isStorable(key)) return false;
        previous = key;
        if (!stringifiesCanonically((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

function isStorable(value: string): boolean {
  return value.isWellFormed() && !value.includes('\u0000');
}

/** Object keys come from a small fixed vocabulary (the event's fields): quoted once each. */
const QUOTED_KEYS = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(storableString(key));
    if (QUOTED_KEYS.size < 1000) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}

/**
 * A string PostgreSQL can store: U+0000 and unpaired surrogates (which PostgreSQL text and jsonb
 * cannot hold) become U+FFFD. Applied when an event is encoded, so one odd token subject cannot
 * make a whole group commit fail. The common case (nothing to replace) is two native scans.
 */
export function storableString(value: string): string {
  if (isStorable(value)) return value;
  return value.toWellFormed().replaceAll('\u0000', '\uFFFD');
}
