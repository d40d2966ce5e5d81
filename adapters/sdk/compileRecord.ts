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
  return generateBuilder(root);
}

const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * The builder of a plan as one generated function. Each field's getter is called from a call
 * site of its own, so the engine sees one target per site and can inline it (through one
 * generic loop over the plans, every call site saw every field's function and none could be),
 * and each record and sub-object is one object literal with all its keys. The source holds only
 * names this module makes (`v0`, `f0`, …) and the model's path names, checked to be plain
 * identifiers: nothing from a mapping file is ever part of it; the getters and list readers are
 * passed in as values.
 */
function generateBuilder(root: Plan[]): RecordBuilder {
  const names: string[] = [];
  const values: unknown[] = [];
  const bind = (id: number, fn: unknown): void => {
    names.push(`f${id}`);
    values.push(fn);
  };
  const lines: string[] = [];
  let next = 0;
  /** Emits the locals of `plans`; returns the object literal's members and the "any sourced value" test. */
  const emit = (plans: Plan[]): { members: string[]; any: string[] } => {
    const members: string[] = [];
    const any: string[] = [];
    for (const p of plans) {
      if (!NAME.test(p.name) || p.name === '__proto__') throw new Error(`compileRecord: ${JSON.stringify(p.name)} is not a plain field name`);
      const id = next++;
      if (p.kind === 'value') {
        if (!p.mapped) {
          members.push(`${p.name}: null`);
          continue;
        }
        bind(id, p.get);
        lines.push(`const v${id} = f${id}(row);`);
        members.push(`${p.name}: v${id}`);
        if (p.sourced) any.push(`v${id} !== null`);
      } else if (p.kind === 'list') {
        if (p.read === null) {
          members.push(`${p.name}: []`);
          continue;
        }
        bind(id, p.read);
        lines.push(`const v${id} = f${id}(row, children);`);
        members.push(`${p.name}: v${id}`);
        any.push(`v${id}.length > 0`);
      } else if (p.mode === 'null') {
        members.push(`${p.name}: null`);
      } else {
        const inner = emit(p.children);
        const has = inner.any.length > 0 ? inner.any.join(' || ') : 'false';
        lines.push(`const h${id} = ${has};`);
        lines.push(`const v${id} = ${p.mode === 'keep' ? 'true' : `h${id}`} ? { ${inner.members.join(', ')} } : null;`);
        members.push(`${p.name}: v${id}`);
        any.push(`h${id}`);
      }
    }
    return { members, any };
  };
  const { members } = emit(root);
  const body = `return function build(row, children) {\n${lines.join('\n')}\nreturn { ${members.join(', ')} };\n};`;
  return new Function(...names, body)(...values) as RecordBuilder;
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
