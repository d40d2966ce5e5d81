/** Reads one source value out of a row (sql/csv) or a JSON item (rest). */
export type Getter = (row: unknown) => unknown;

/** Makes the getter for a `from` name; adapters choose column or dotted-path semantics. */
export type GetterFactory = (from: string) => Getter;

const own = (o: unknown, k: string): unknown =>
  // Own properties only: a hostile item must not reach `constructor` or `__proto__` of Object.prototype.
  typeof o === 'object' && o !== null && Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined;

/** A column of a flat row object (sql result rows, csv records): the name is used as is. */
export const columnGetter: GetterFactory = (column) => (row) => own(row, column);

/** A dotted path into nested JSON (`officer.name`); a missing step gives undefined. */
export const pathGetter: GetterFactory = (path) => {
  const steps = path.split('.');
  if (steps.length === 1) return columnGetter(path);
  return (row) => {
    let v: unknown = row;
    for (const s of steps) {
      v = own(v, s);
      if (v === undefined) return undefined;
    }
    return v;
  };
};

/**
 * A key as the adapters compare it: strings as they are, numbers and bigints in decimal,
 * anything else (null, objects smuggled into JSON) means "no key".
 */
export function keyString(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'bigint') return String(value);
  return null;
}
