/** A bound-parameter fragment: sql text and the values its placeholders take. */
export interface SqlFragment {
  text: string;
  params: unknown[];
}

/**
 * What differs between sql engines in the queries the adapter writes. A new engine (MariaDB)
 * adds a dialect and a driver; the query shapes stay.
 */
export interface SqlDialect {
  readonly name: string;
  /** Quotes an identifier already checked by `isSqlIdentifier`. */
  quote(identifier: string): string;
  /**
   * `<column> matches one of keys`, placeholders numbered from `first`. `keyType` `infer`
   * lets the engine take the column's type (child keys, whose type the mapping does not state).
   */
  matchAny(column: string, keys: readonly string[], keyType: 'text' | 'int' | 'infer', first: number): SqlFragment;
}

/** PostgreSQL and PGlite: one array parameter, so the statement text is the same for every batch size. */
export const postgresDialect: SqlDialect = {
  name: 'postgres',
  quote: (identifier) => `"${identifier}"`,
  matchAny(column, keys, keyType, first) {
    const cast = keyType === 'int' ? '::bigint[]' : keyType === 'text' ? '::text[]' : '';
    return { text: `${column} = ANY($${first}${cast})`, params: [keys] };
  },
};
