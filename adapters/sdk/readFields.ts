import { isMap, isScalar, type Node } from 'yaml';
import { coerceValue, INVALID } from './coerceValue.js';
import { isSqlIdentifier } from './isSqlIdentifier.js';
import type { MappingReader, Where } from './MappingReader.js';
import { FIELD_TYPES, type FieldSpec, type FieldType, type MappingKind } from './mappingTypes.js';

const SPEC_KEYS: ReadonlySet<string> = new Set(['from', 'const', 'type', 'map', 'default', 'trim']);

/**
 * Reads a `fields:` mapping (record path → field spec). `paths` are the valid record paths;
 * `label` turns a path into the field name used in messages (list items: `list[].path`).
 */
export function readFields(
  reader: MappingReader,
  node: Node | null,
  paths: readonly string[],
  where: Where & { entity: string },
  kind: MappingKind | undefined,
  label: (path: string) => string = (p) => p,
): Map<string, FieldSpec> {
  const valid = new Set(paths);
  const fields = new Map<string, FieldSpec>();
  const entries = reader.entries(node, where, 'fields');
  if (entries.length === 0) reader.fail(node, where, 'fields must map at least one record path');
  for (const { key, keyNode, value } of entries) {
    const at = { entity: where.entity, field: label(key) };
    if (!valid.has(key)) reader.fail(keyNode, at, `not a path of the common ${where.entity} record (known: ${paths.join(', ')})`);
    fields.set(key, readFieldSpec(reader, value ?? keyNode, value, at, kind));
  }
  return fields;
}

function readFieldSpec(reader: MappingReader, at: Node, node: Node | null, where: Where, kind: MappingKind | undefined): FieldSpec {
  const line = reader.line(at) ?? 0;
  const checkFrom = (n: Node | null): string => {
    const from = reader.string(n, where, 'the source column/path');
    if (kind === 'sql' && !isSqlIdentifier(from)) reader.fail(n, where, `"${from}" is not a valid sql column name`);
    return from;
  };
  if (isScalar(node)) {
    return { from: checkFrom(node), isConst: false, type: 'string', hasDefault: false, trim: true, line };
  }
  if (!isMap(node)) return reader.fail(at, where, 'a field spec must be a column/path or a mapping with from or const');

  let from: string | undefined;
  let constant: { value: unknown; node: Node | null } | undefined;
  let type: FieldType = 'string';
  let mapEntries: Array<{ key: string; value: unknown; node: Node | null }> | undefined;
  let fallback: { value: unknown; node: Node | null } | undefined;
  let trim = true;
  for (const e of reader.entries(node, where, 'field spec', SPEC_KEYS)) {
    switch (e.key) {
      case 'from': from = checkFrom(e.value); break;
      case 'const': constant = { value: reader.scalar(e.value, where, 'const'), node: e.value ?? e.keyNode }; break;
      case 'type': {
        const t = reader.string(e.value, where, 'type');
        if (!(FIELD_TYPES as readonly string[]).includes(t)) reader.fail(e.value, where, `unknown type "${t}" (known: ${FIELD_TYPES.join(', ')})`);
        type = t as FieldType;
        break;
      }
      case 'map':
        mapEntries = reader.entries(e.value, where, 'map', undefined, true).map((m) => ({
          key: m.key,
          value: reader.scalar(m.value, where, `map value of "${m.key}"`),
          node: m.value ?? m.keyNode,
        }));
        break;
      case 'default': fallback = { value: reader.scalar(e.value, where, 'default'), node: e.value ?? e.keyNode }; break;
      case 'trim': trim = reader.bool(e.value, where, 'trim'); break;
    }
  }
  if ((from === undefined) === (constant === undefined)) reader.fail(at, where, 'a field spec needs exactly one of from or const');
  if (constant && mapEntries) reader.fail(at, where, 'map needs from, not const');

  // Constants, defaults and code-table values are common values: they must fit the type now,
  // not fail on the first record at run time.
  const fit = (v: { value: unknown; node: Node | null }, what: string): unknown => {
    const c = coerceValue(type, v.value);
    if (c === INVALID) reader.fail(v.node, where, `${what} does not fit type ${type}`);
    return c;
  };
  const map = mapEntries && new Map(mapEntries.map((m) => [m.key, fit(m, 'a map value')] as const));
  return {
    ...(from === undefined ? {} : { from }),
    ...(constant === undefined ? {} : { const: fit(constant, 'const') }),
    isConst: constant !== undefined,
    type,
    ...(map === undefined ? {} : { map }),
    ...(fallback === undefined ? {} : { default: fit(fallback, 'default') }),
    hasDefault: fallback !== undefined,
    trim,
    line,
  };
}
