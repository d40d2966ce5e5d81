import { isMap, isScalar, type Node } from 'yaml';
import { isSqlIdentifier } from './isSqlIdentifier.js';
import type { MappingReader, Where } from './MappingReader.js';
import type { EntitySpec, ListSpec, MappingKind, OrderTerm, SqlSource } from './mappingTypes.js';
import { LIST_ENTITIES, type EntityName } from './model.js';
import { readFields } from './readFields.js';
import { readGraphqlOperation } from './readGraphqlOperation.js';
import { readPages } from './readPages.js';
import { RECORD_PATHS } from './recordPaths.js';

const ENTITY_KEYS: Record<MappingKind | 'any', readonly string[]> = {
  sql: ['key', 'many', 'fields', 'lists', 'maxBatch', 'source', 'keyType'],
  rest: ['key', 'many', 'fields', 'lists', 'maxBatch', 'path', 'keyParam', 'itemsAt', 'pages', 'keyType'],
  graphql: ['key', 'many', 'fields', 'lists', 'maxBatch', 'query', 'variable', 'itemsAt', 'keyType'],
  csv: ['key', 'many', 'fields', 'lists', 'maxBatch', 'file', 'delimiter', 'keyType'],
  any: ['key', 'many', 'fields', 'lists', 'maxBatch', 'source', 'keyType', 'path', 'keyParam', 'itemsAt', 'pages', 'query', 'variable', 'file', 'delimiter'],
};
const LIST_KEYS: Record<MappingKind | 'any', readonly string[]> = {
  sql: ['fields', 'source', 'key', 'orderBy'],
  rest: ['fields', 'from'],
  graphql: ['fields', 'from'],
  csv: ['fields', 'file', 'key', 'delimiter'],
  any: ['fields', 'source', 'key', 'orderBy', 'from', 'file', 'delimiter'],
};
const REQUIRED: Record<MappingKind, { entity: readonly string[]; list: readonly string[] }> = {
  sql: { entity: ['source', 'key'], list: ['source', 'key'] },
  rest: { entity: ['path', 'keyParam', 'key'], list: ['from'] },
  graphql: { entity: ['query', 'itemsAt', 'key'], list: ['from'] },
  csv: { entity: ['file', 'key'], list: ['file', 'key'] },
};
const ORDER_TERM = /^\s*([A-Za-z_][A-Za-z0-9_]*)(?:\s+(ASC|DESC))?\s*$/i;
const SELECT = /^\s*(SELECT|WITH)\b/i;

/** Reads and validates one entity of the `entities:` mapping, for `kind` when known. */
export function readEntitySpec(
  reader: MappingReader,
  entity: EntityName,
  keyNode: Node,
  node: Node | null,
  kind: MappingKind | undefined,
): EntitySpec {
  const where = { entity };
  const entries = reader.entries(node ?? keyNode, where, `entity "${entity}"`, new Set(ENTITY_KEYS[kind ?? 'any']));
  const get = new Map(entries.map((e) => [e.key, e]));
  for (const required of kind ? REQUIRED[kind].entity : ['key', 'fields']) {
    if (!get.has(required)) reader.fail(keyNode, where, `missing "${required}"`);
  }
  if (!get.has('fields')) reader.fail(keyNode, where, 'missing "fields"');
  const value = (k: string): Node | null => get.get(k)?.value ?? null;
  const ident = (n: Node | null, w: Where, what: string): string => {
    const s = reader.string(n, w, what);
    if (kind === 'sql' && !isSqlIdentifier(s)) reader.fail(n, w, `${what} "${s}" is not a valid sql identifier`);
    return s;
  };

  const many = get.has('many') ? reader.bool(value('many'), where, 'many') : false;
  if (LIST_ENTITIES.has(entity) && !many) reader.fail(get.get('many')?.keyNode ?? keyNode, where, `many: true is required for the list entity ${entity}`);
  if (!LIST_ENTITIES.has(entity) && many) reader.fail(get.get('many')?.keyNode ?? keyNode, where, `many: true is only valid for list entities`);
  // Look-ups by date of birth are date-keyed unless the mapping says the column is text.
  let keyType: 'text' | 'int' | 'date' = entity === 'personByDateOfBirth' ? 'date' : 'text';
  if (get.has('keyType')) {
    const t = reader.string(value('keyType'), where, 'keyType');
    if (t !== 'text' && t !== 'int' && t !== 'date') reader.fail(value('keyType'), where, `keyType must be text, int or date`);
    if (t === 'int' && kind !== undefined && kind !== 'sql') reader.fail(value('keyType'), where, `keyType int is only for sql`);
    keyType = t;
  }
  const shape = RECORD_PATHS[entity];
  const lists: ListSpec[] = [];
  if (get.has('lists')) {
    for (const l of reader.entries(value('lists'), where, 'lists')) {
      if (!(l.key in shape.lists)) {
        const known = Object.keys(shape.lists);
        reader.fail(l.keyNode, { entity, field: l.key }, `not a list of the common ${entity} record${known.length ? ` (known: ${known.join(', ')})` : ''}`);
      }
      lists.push(readList(reader, entity, l.key, l.keyNode, l.value, kind, ident));
    }
  }
  const optional = <K extends string, V>(k: K, read: (n: Node | null) => V): { [P in K]?: V } =>
    (get.has(k) ? { [k]: read(value(k)) } : {}) as { [P in K]?: V };
  return {
    entity,
    // rest and graphql keys are JSON paths, not sql identifiers.
    key: kind === 'rest' || kind === 'graphql' ? reader.string(value('key'), where, 'key') : ident(value('key'), where, 'key'),
    keyType,
    many,
    fields: readFields(reader, value('fields'), shape.fields, where, kind),
    lists,
    ...optional('source', (n) => readSource(reader, n, where, kind)),
    ...optional('path', (n) => {
      const p = reader.string(n, where, 'path');
      if (!p.startsWith('/')) reader.fail(n, where, 'path must start with "/"');
      return p;
    }),
    ...optional('keyParam', (n) => reader.string(n, where, 'keyParam')),
    ...optional('itemsAt', (n) => reader.string(n, where, 'itemsAt')),
    ...optional('pages', (n) => readPages(reader, n, { entity, field: 'pages' })),
    ...optional('variable', (n) => {
      const v = reader.string(n, where, 'variable');
      if (!/^[_A-Za-z][_0-9A-Za-z]*$/.test(v)) reader.fail(n, { entity, field: 'variable' }, 'variable must be a GraphQL name');
      return v;
    }),
    ...(get.has('query') ? { operation: readGraphqlOperation(reader, value('query'), { entity, field: 'query' }, variableOf(value('variable'))) } : {}),
    ...optional('maxBatch', (n) => reader.positiveInt(n, where, 'maxBatch')),
    ...optional('file', (n) => reader.string(n, where, 'file')),
    ...optional('delimiter', (n) => readDelimiter(reader, n, where)),
    line: reader.line(keyNode) ?? 0,
  };
}

/** The keys variable a graphql entity names (validated with `variable`), default `keys`. */
function variableOf(node: Node | null): string {
  const v = isScalar(node) ? node.value : undefined;
  return typeof v === 'string' ? v : 'keys';
}

function readList(
  reader: MappingReader,
  entity: EntityName,
  path: string,
  keyNode: Node,
  node: Node | null,
  kind: MappingKind | undefined,
  ident: (n: Node | null, w: Where, what: string) => string,
): ListSpec {
  const where = { entity, field: path };
  const entries = reader.entries(node ?? keyNode, where, `list "${path}"`, new Set(LIST_KEYS[kind ?? 'any']));
  const get = new Map(entries.map((e) => [e.key, e.value]));
  for (const required of [...(kind ? REQUIRED[kind].list : []), 'fields']) {
    if (!get.has(required)) reader.fail(keyNode, where, `missing "${required}"`);
  }
  const value = (k: string): Node | null => get.get(k) ?? null;
  const orderBy: OrderTerm[] = [];
  if (get.has('orderBy')) {
    const text = reader.string(value('orderBy'), where, 'orderBy');
    for (const term of text.split(',')) {
      const m = ORDER_TERM.exec(term);
      if (!m) reader.fail(value('orderBy'), where, `orderBy must be columns with optional ASC/DESC, comma-separated`);
      orderBy.push({ column: m[1]!, descending: m[2]?.toUpperCase() === 'DESC' });
    }
  }
  const items = RECORD_PATHS[entity].lists[path] ?? [];
  return {
    path,
    ...(get.has('source') ? { source: readSource(reader, value('source'), where, kind) } : {}),
    ...(get.has('key') ? { key: ident(value('key'), where, 'key') } : {}),
    orderBy,
    ...(get.has('from') ? { from: reader.string(value('from'), where, 'from') } : {}),
    ...(get.has('file') ? { file: reader.string(value('file'), where, 'file') } : {}),
    ...(get.has('delimiter') ? { delimiter: readDelimiter(reader, value('delimiter'), where) } : {}),
    fields: readFields(reader, value('fields'), items, { entity }, kind, (p) => `${path}[].${p}`),
    line: reader.line(keyNode) ?? 0,
  };
}

function readSource(reader: MappingReader, node: Node | null, where: Where, kind: MappingKind | undefined): SqlSource {
  if (isScalar(node)) {
    const table = reader.string(node, where, 'source');
    if (kind === 'sql' && !isSqlIdentifier(table)) reader.fail(node, where, `source "${table}" is not a valid sql identifier (use source: { query: ... } for a SELECT)`);
    return { table };
  }
  if (!isMap(node)) return reader.fail(node, where, 'source must be a table name or { query: SELECT ... }');
  const [entry, ...rest] = reader.entries(node, where, 'source', new Set(['query']));
  if (!entry || rest.length > 0) return reader.fail(node, where, 'source must be a table name or { query: SELECT ... }');
  const query = reader.string(entry.value, where, 'source query').trim().replace(/;\s*$/, '');
  if (!SELECT.test(query)) reader.fail(entry.value, where, 'source query must be a SELECT (or WITH … SELECT)');
  if (query.includes(';')) reader.fail(entry.value, where, 'source query must be a single statement');
  return { query };
}

function readDelimiter(reader: MappingReader, node: Node | null, where: Where): string {
  // Not reader.string: a tab or space delimiter is blank but valid.
  const d = isScalar(node) ? node.value : undefined;
  if (typeof d !== 'string' || d.length !== 1 || d === '"' || d === '\n' || d === '\r') reader.fail(node, where, 'delimiter must be one character (not a quote or newline)');
  return d;
}
