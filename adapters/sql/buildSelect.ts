import type { OrderTerm, SqlSource } from '../sdk/index.js';
import type { SqlDialect, SqlFragment } from './SqlDialect.js';

export interface SelectShape {
  /** Schema of table sources; queries are used as written. */
  schema?: string;
  source: SqlSource;
  columns: readonly string[];
  keyColumn: string;
  keyType: 'text' | 'int' | 'date' | 'infer';
  orderBy?: readonly OrderTerm[];
}

/**
 * `SELECT <columns> FROM <source> WHERE <key> matches $1 [ORDER BY …]`. Identifiers come from a
 * validated mapping and are quoted; keys only ever travel as bound parameters.
 */
export function buildSelect(dialect: SqlDialect, shape: SelectShape, keys: readonly string[]): SqlFragment {
  const q = dialect.quote;
  const from = 'table' in shape.source
    ? shape.schema ? `${q(shape.schema)}.${q(shape.source.table)}` : q(shape.source.table)
    : `(${shape.source.query}) AS ${q('src')}`;
  const match = dialect.matchAny(q(shape.keyColumn), keys, shape.keyType, 1);
  const order = shape.orderBy?.length
    ? ` ORDER BY ${shape.orderBy.map((t) => `${q(t.column)}${t.descending ? ' DESC' : ''}`).join(', ')}`
    : '';
  return {
    text: `SELECT ${shape.columns.map(q).join(', ')} FROM ${from} WHERE ${match.text}${order}`,
    params: match.params,
  };
}
