import type { SqlSource } from '../sdk/index.js';
import type { SqlDialect, SqlFragment } from './SqlDialect.js';

export interface KeyPageShape {
  schema?: string;
  source: SqlSource;
  keyColumn: string;
  keyType: 'text' | 'int';
}

/**
 * `SELECT DISTINCT <key> FROM <source> [WHERE <key> > $1] ORDER BY <key> LIMIT n`: one page of
 * `listKeys` by keyset paging (stable under concurrent inserts, no OFFSET scans). Null keys are
 * never listed. `limit` is a validated integer written into the text; `after` is bound.
 */
export function buildKeyPage(dialect: SqlDialect, shape: KeyPageShape, after: string | null, limit: number): SqlFragment {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
  const q = dialect.quote;
  const from = 'table' in shape.source
    ? shape.schema ? `${q(shape.schema)}.${q(shape.source.table)}` : q(shape.source.table)
    : `(${shape.source.query}) AS ${q('src')}`;
  const key = q(shape.keyColumn);
  const where = after === null ? `${key} IS NOT NULL` : dialect.after(key, shape.keyType, 1);
  return {
    text: `SELECT DISTINCT ${key} AS ${q('k')} FROM ${from} WHERE ${where} ORDER BY ${q('k')} LIMIT ${limit}`,
    params: after === null ? [] : [after],
  };
}
