import { coerceValue, INVALID } from './coerceValue.js';
import { AdapterBadRecord } from './errors.js';
import type { Getter, GetterFactory } from './getters.js';
import type { FieldSpec } from './mappingTypes.js';

/** Names a field in `AdapterBadRecord` messages (never the value: messages carry no record contents). */
export interface FieldLabel {
  agency: string;
  entity: string;
  field: string;
}

/**
 * Turns a field spec into a function from a source row to the common value:
 * trim → empty means null → default for null → code table (miss: default, else
 * `AdapterBadRecord`) → type coercion (misfit: `AdapterBadRecord`).
 */
export function compileField(spec: FieldSpec, getter: GetterFactory, label: FieldLabel): Getter {
  if (spec.isConst) {
    const value = spec.const;
    return () => value;
  }
  const get = getter(spec.from!);
  const { trim, map, type } = spec;
  const fallback = spec.hasDefault ? spec.default : null;
  const hasDefault = spec.hasDefault;
  const bad = (why: string): AdapterBadRecord =>
    new AdapterBadRecord(label.agency, `${label.agency}: ${label.entity}.${label.field}: ${why}`);

  return (row) => {
    let v = get(row);
    if (typeof v === 'string') {
      if (trim) v = v.trim();
      if (v === '') v = null;
    }
    if (v === null || v === undefined) return fallback;
    if (map) {
      const code = typeof v === 'string' ? v : String(v);
      const hit = map.get(code);
      if (hit !== undefined || map.has(code)) return hit;
      if (hasDefault) return fallback;
      throw bad('source value is not in the code table');
    }
    const c = coerceValue(type, v);
    if (c === INVALID) throw bad(`source value does not fit type ${type}`);
    return c;
  };
}
