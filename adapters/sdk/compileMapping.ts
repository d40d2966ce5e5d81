import { compileRecord, type ListReader, type RecordBuilder } from './compileRecord.js';
import { columnGetter, keyString, type GetterFactory } from './getters.js';
import type { EntitySpec, ListSpec, Mapping } from './mappingTypes.js';
import { toIsoDate } from './parseTemporal.js';
import type { EntityName } from './model.js';
import { RECORD_PATHS } from './recordPaths.js';

/** Child rows of one list, grouped by the parent's key value (sql/csv). */
export type ChildRows = ReadonlyMap<string, readonly unknown[]>;

export interface CompiledList {
  readonly spec: ListSpec;
  /** Columns the items read, child key first (the sql SELECT list). */
  readonly sources: readonly string[];
  /** The parent key value a child row belongs to (its `key` column), or null. */
  keyOf(row: unknown): string | null;
}

export interface CompiledEntity {
  readonly spec: EntitySpec;
  /** Columns/paths the record reads, key first (the sql SELECT list). */
  readonly sources: readonly string[];
  /** Lists fed from child rows (sql/csv) or from a path inside the item (rest), in `spec.lists` order. */
  readonly lists: readonly CompiledList[];
  /** The key a row/item answers for (trimmed: legacy CHAR columns pad), or null when it has none. */
  keyOf(row: unknown): string | null;
  /**
   * The common record for one row. `children[i]` holds the child rows of `lists[i]` grouped
   * by parent key; lists with `from` read the item itself. Throws `AdapterBadRecord`.
   */
  build(row: unknown, children?: readonly ChildRows[]): Record<string, unknown>;
}

export interface CompiledMapping {
  readonly agency: string;
  readonly entities: ReadonlyMap<EntityName, CompiledEntity>;
}

export interface CompileOptions {
  /** How `from`/`key` names read a row: columns (default) or dotted JSON paths (`pathGetter`). */
  getter?: GetterFactory;
  /** Told when a list element that is not an object is dropped (hostile or sloppy JSON). */
  onDroppedItem?(entity: EntityName, list: string): void;
}

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Compiles a validated mapping into per-entity builders; all parsing of specs happens here, once. */
export function compileMapping(mapping: Mapping, options: CompileOptions = {}): CompiledMapping {
  const getter = options.getter ?? columnGetter;
  const entities = new Map<EntityName, CompiledEntity>();
  for (const [name, spec] of mapping.entities) {
    const label = { agency: mapping.agency, entity: name };
    const keyGet = getter(spec.key);
    const keyOf = spec.keyType === 'date'
      ? (row: unknown): string | null => toIsoDate(keyGet(row))
      : (row: unknown): string | null => keyString(keyGet(row))?.trim() ?? null;
    const readers = new Map<string, ListReader>();
    const lists = spec.lists.map((list, index): CompiledList => {
      const item = compileRecord(RECORD_PATHS[name].lists[list.path] ?? [], [], list.fields, new Map(), getter, label, (p) => `${list.path}[].${p}`);
      readers.set(list.path, list.from === undefined ? childReader(index, keyOf, item) : pathReader(getter(list.from), item, () => options.onDroppedItem?.(name, list.path)));
      const childKey = list.key === undefined ? null : getter(list.key);
      return {
        spec: list,
        sources: unique([...(list.key === undefined ? [] : [list.key]), ...fromNames(list.fields)]),
        keyOf: (row) => (childKey ? keyString(childKey(row))?.trim() ?? null : null),
      };
    });
    const shape = RECORD_PATHS[name];
    const build = compileRecord(shape.fields, Object.keys(shape.lists), spec.fields, readers, getter, label);
    entities.set(name, {
      spec,
      sources: unique([spec.key, ...fromNames(spec.fields)]),
      lists,
      keyOf,
      build: build as CompiledEntity['build'],
    });
  }
  return { agency: mapping.agency, entities };
}

function childReader(index: number, keyOf: (row: unknown) => string | null, item: RecordBuilder): ListReader {
  return (row, children) => {
    const key = keyOf(row);
    const rows = key === null ? undefined : (children as readonly ChildRows[] | undefined)?.[index]?.get(key);
    return rows ? rows.map((r) => item(r)) : [];
  };
}

function pathReader(get: (row: unknown) => unknown, item: RecordBuilder, dropped: () => void): ListReader {
  return (row) => {
    const v = get(row);
    if (!Array.isArray(v)) return [];
    const out: unknown[] = [];
    for (const element of v) {
      if (isObject(element)) out.push(item(element));
      else dropped();
    }
    return out;
  };
}

function fromNames(fields: EntitySpec['fields']): string[] {
  const names: string[] = [];
  for (const spec of fields.values()) if (spec.from !== undefined) names.push(spec.from);
  return names;
}

const unique = (names: string[]): string[] => [...new Set(names)];
