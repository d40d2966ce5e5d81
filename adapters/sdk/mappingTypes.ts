import type { EntityName } from './model.js';

/** The adapter kinds a mapping can be validated for (kind-specific keys and requirements). */
export type MappingKind = 'sql' | 'rest' | 'graphql' | 'csv';

/** Target types of a field spec (`string` is the default). */
export const FIELD_TYPES = ['string', 'int', 'number', 'bool', 'date', 'datetime'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** One record path's source, normalised from the shorthand or object form. */
export interface FieldSpec {
  /** Column (sql/csv) or dotted JSON path (rest); absent for `const`. */
  readonly from?: string;
  /** Present (possibly null) only for constant fields. */
  readonly const?: unknown;
  readonly isConst: boolean;
  readonly type: FieldType;
  /** Code table keyed by the source value as a string. */
  readonly map?: ReadonlyMap<string, unknown>;
  /** Present only when the mapping states a default. */
  readonly default?: unknown;
  readonly hasDefault: boolean;
  readonly trim: boolean;
  /** 1-based line of the field in the mapping file. */
  readonly line: number;
}

/** A sql source: a table/view name or a SELECT used as a derived table. */
export type SqlSource = { readonly table: string } | { readonly query: string };

/** One `ORDER BY` term of a sql child list. */
export interface OrderTerm {
  readonly column: string;
  readonly descending: boolean;
}

/** An array inside the record (`lists:` in the mapping). */
export interface ListSpec {
  /** Record path of the array, e.g. `sentence.offences`. */
  readonly path: string;
  /** sql: child table or query. */
  readonly source?: SqlSource;
  /** sql/csv: column of the child rows holding the parent's key value. */
  readonly key?: string;
  readonly orderBy: readonly OrderTerm[];
  /** rest: dotted path of the array inside each item. */
  readonly from?: string;
  /** csv: file of the child rows, relative to the adapter's folder. */
  readonly file?: string;
  readonly delimiter?: string;
  /** Item path → spec. */
  readonly fields: ReadonlyMap<string, FieldSpec>;
  readonly line: number;
}

/**
 * rest: how an answer that spans pages is followed. Exactly one of `next` (dotted path of the
 * next page's URL in the body; same origin as `baseUrl`) or `cursor` (dotted path of an opaque
 * cursor, sent back as query parameter `param`). No link/cursor, or an empty page, ends it.
 */
export interface PageSpec {
  readonly next?: string;
  readonly cursor?: string;
  readonly param?: string;
  /** Pages per chunk before the answer is refused as runaway (default 50). */
  readonly max: number;
}

/** How one entity is read from the agency's system. */
export interface EntitySpec {
  readonly entity: EntityName;
  readonly key: string;
  /** How keys compare: as text, as integers (sql only), or as calendar dates (`YYYY-MM-DD`, any source notation). */
  readonly keyType: 'text' | 'int' | 'date';
  readonly many: boolean;
  /** Record path → spec. */
  readonly fields: ReadonlyMap<string, FieldSpec>;
  readonly lists: readonly ListSpec[];
  readonly source?: SqlSource;
  readonly path?: string;
  readonly keyParam?: string;
  readonly itemsAt?: string;
  readonly pages?: PageSpec;
  /** graphql: the query document (one query operation). */
  readonly operation?: string;
  /** graphql: the list variable of `operation` that carries the keys (default `keys`). */
  readonly variable?: string;
  readonly maxBatch?: number;
  readonly file?: string;
  readonly delimiter?: string;
  readonly line: number;
}

/** A validated mapping file. */
export interface Mapping {
  readonly agency: string;
  /** The file the mapping was read from, as given to `loadMapping` (used in error messages). */
  readonly file: string;
  readonly entities: ReadonlyMap<EntityName, EntitySpec>;
}
