import type { FieldType } from './mappingTypes.js';
import { toIsoDate, toIsoInstant } from './parseTemporal.js';

/** Returned by `coerceValue` when a value does not fit the requested type. */
export const INVALID: unique symbol = Symbol('invalid');

const INT = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(['true', 't', '1', 'y', 'yes', 'da', 'po']);
const FALSE = new Set(['false', 'f', '0', 'n', 'no', 'ne', 'jo']);

function toNumber(value: unknown): number | typeof INVALID {
  if (typeof value === 'number') return Number.isFinite(value) ? value : INVALID;
  if (typeof value === 'bigint') return Number(value);
  // Decimal commas are common in the region's exports (`12,5`).
  if (typeof value === 'string' && DECIMAL.test(value)) return Number(value.replace(',', '.'));
  return INVALID;
}

const coercers: Record<FieldType, (value: unknown) => unknown> = {
  string(value) {
    switch (typeof value) {
      case 'string': return value;
      case 'number': return Number.isFinite(value) ? String(value) : INVALID;
      case 'bigint':
      case 'boolean': return String(value);
      default: return value instanceof Date ? toIsoInstant(value) ?? INVALID : INVALID;
    }
  },
  int(value) {
    if (typeof value === 'string') {
      if (!INT.test(value)) return INVALID;
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : INVALID;
    }
    const n = toNumber(value);
    return typeof n === 'number' && Number.isSafeInteger(n) ? n : INVALID;
  },
  number: toNumber,
  bool(value) {
    if (typeof value === 'boolean') return value;
    if (value === 0 || value === 1) return value === 1;
    if (typeof value !== 'string') return INVALID;
    const v = value.toLowerCase();
    return TRUE.has(v) ? true : FALSE.has(v) ? false : INVALID;
  },
  date: (value) => toIsoDate(value) ?? INVALID,
  datetime: (value) => toIsoInstant(value) ?? INVALID,
};

/**
 * Converts a non-null source value to `type`, or returns `INVALID`. `null`/`undefined` give
 * `null`. Objects and arrays never fit a scalar type (hostile JSON cannot smuggle structure in).
 */
export function coerceValue(type: FieldType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return coercers[type](value);
}
