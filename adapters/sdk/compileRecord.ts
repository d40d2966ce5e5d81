import { compileField, type FieldLabel } from './compileField.js';
import type { Getter, GetterFactory } from './getters.js';
import type { FieldSpec } from './mappingTypes.js';
import { OPTIONAL_PATHS } from './recordPaths.js';

/** Reads the items of one list for a row; `children` is whatever the adapter passed to `build`. */
export type ListReader = (row: unknown, children: unknown) => unknown[];

type Plan =
  | { kind: 'value'; name: string; get: Getter; sourced: boolean; mapped: boolean }
  | { kind: 'list'; name: string; read: ListReader | null }
  | { kind: 'object'; name: string; children: Plan[]; mode: 'collapse' | 'keep' | 'null' };

/** Builds one record (or list item) from a source row. Throws `AdapterBadRecord`. */
export type RecordBuilder = (row: unknown, children?: unknown) => Record<string, unknown>;

/**
 * Compiles the build plan of a record once, so each row costs one object per record/sub-object
 * and one call per field. Every path of the common type is present in the result: unmapped
 * scalars are null, unmapped lists empty, except `OPTIONAL_PATHS` which are left out.
 * A sub-object is null when none of its sourced values (constants do not count) is non-null
 * and none of its lists has items; an entirely unmapped sub-object is null.
 */
export function compileRecord(
  paths: readonly string[],
  listPaths: readonly string[],
  fields: ReadonlyMap<string, FieldSpec>,
  lists: ReadonlyMap<string, ListReader>,
  getter: GetterFactory,
  label: Omit<FieldLabel, 'field'>,
  fieldLabel: (path: string) => string = (p) => p,
): RecordBuilder {
  const root: Plan[] = [];
  const place = (path: string, make: (name: string) => Plan): void => {
    const steps = path.split('.');
    let level = root;
    for (const step of steps.slice(0, -1)) {
      let obj = level.find((p): p is Extract<Plan, { kind: 'object' }> => p.kind === 'object' && p.name === step);
      if (!obj) level.push((obj = { kind: 'object', name: step, children: [], mode: 'null' }));
      level = obj.children;
    }
    level.push(make(steps[steps.length - 1]!));
  };
  for (const path of paths) {
    const spec = fields.get(path);
    if (!spec && OPTIONAL_PATHS.has(path)) continue;
    place(path, (name) => ({
      kind: 'value',
      name,
      get: spec ? compileField(spec, getter, { ...label, field: fieldLabel(path) }) : () => null,
      sourced: spec !== undefined && !spec.isConst,
      mapped: spec !== undefined,
    }));
  }
  for (const path of listPaths) place(path, (name) => ({ kind: 'list', name, read: lists.get(path) ?? null }));
  setModes(root);

  return (row, children) => {
    const out: Record<string, unknown> = {};
    fill(root, row, children, out);
    return out;
  };
}

/** Decides per sub-object whether it can collapse to null; returns whether `plans` hold any mapped value. */
function setModes(plans: Plan[]): { sourced: boolean; mapped: boolean } {
  let sourced = false;
  let mapped = false;
  for (const p of plans) {
    if (p.kind === 'value') {
      sourced ||= p.sourced;
      mapped ||= p.mapped;
    } else if (p.kind === 'list') {
      sourced ||= p.read !== null;
      mapped ||= p.read !== null;
    } else {
      const inner = setModes(p.children);
      p.mode = inner.sourced ? 'collapse' : inner.mapped ? 'keep' : 'null';
      sourced ||= inner.sourced;
      mapped ||= inner.mapped;
    }
  }
  return { sourced, mapped };
}

/** Writes the plans' values into `out`; returns whether any sourced value is non-null. */
function fill(plans: Plan[], row: unknown, children: unknown, out: Record<string, unknown>): boolean {
  let any = false;
  for (const p of plans) {
    if (p.kind === 'value') {
      const v = p.get(row);
      out[p.name] = v;
      if (p.sourced && v !== null) any = true;
    } else if (p.kind === 'list') {
      const items = p.read ? p.read(row, children) : [];
      out[p.name] = items;
      if (items.length > 0) any = true;
    } else if (p.mode === 'null') {
      out[p.name] = null;
    } else {
      const o: Record<string, unknown> = {};
      const has = fill(p.children, row, children, o);
      out[p.name] = has || p.mode === 'keep' ? o : null;
      any ||= has;
    }
  }
  return any;
}
