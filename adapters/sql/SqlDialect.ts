/** A bound-parameter fragment: sql text and the values its placeholders take. */
export interface SqlFragment {
  text: string;
  params: unknown[];
}

/**
 * What differs between sql engines in the queries the adapter writes. A new engine adds a
 * dialect and a driver; the query shapes stay.
 */
export interface SqlDialect {
  readonly name: string;
  /** Quotes an identifier already checked by `isSqlIdentifier`. */
  quote(identifier: string): string;
  /**
   * `<column> matches one of keys`, placeholders numbered from `first`. `keyType` `infer`
   * lets the engine take the column's type (child keys, whose type the mapping does not state).
   * An empty `keys` matches nothing.
   */
  matchAny(column: string, keys: readonly string[], keyType: 'text' | 'int' | 'date' | 'infer', first: number): SqlFragment;
  /** `<column> > <placeholder number n>`, the key compared as `keyType` (keyset paging of `listKeys`). */
  after(column: string, keyType: 'text' | 'int', n: number): string;
  /** Most keys one statement can carry (the engine's placeholder limit); chunks are cut to it. */
  readonly maxKeys: number;
  /** Whether a key can exist in this engine at all; one that cannot is answered null unasked. */
  canHold(key: string): boolean;
}

/** PostgreSQL and PGlite: one array parameter, so the statement text is the same for every batch size. */
export const postgresDialect: SqlDialect = {
  name: 'postgres',
  quote: (identifier) => `"${identifier}"`,
  matchAny(column, keys, keyType, first) {
    const cast = keyType === 'int' ? '::bigint[]' : keyType === 'text' ? '::text[]' : keyType === 'date' ? '::date[]' : '';
    return { text: `${column} = ANY($${first}${cast})`, params: [keys] };
  },
  after: (column, keyType, n) => `${column} > $${n}::${keyType === 'int' ? 'bigint' : 'text'}`,
  maxKeys: Number.MAX_SAFE_INTEGER,
  // PostgreSQL text cannot hold NUL; sending one would fail the whole statement.
  canHold: (key) => !key.includes('\u0000'),
};

/** Prepared statements take at most 65,535 placeholders (the protocol's 16-bit count). */
const MARIADB_MAX_PLACEHOLDERS = 65_535;

/** The smallest power of two ≥ n, capped at the placeholder limit. */
const bucket = (n: number): number => Math.min(MARIADB_MAX_PLACEHOLDERS, 2 ** Math.ceil(Math.log2(Math.max(1, n))));

/**
 * MariaDB/MySQL: `IN (?, ?, …)` with one placeholder per key. The list is padded (repeating
 * the first key) to a power of two, so a connection prepares a handful of statements rather
 * than one per batch size.
 */
export const mariadbDialect: SqlDialect = {
  name: 'mariadb',
  quote: (identifier) => `\`${identifier}\``,
  matchAny(column, keys, keyType) {
    if (keys.length === 0) return { text: `${column} IN (NULL)`, params: [] };
    const size = bucket(keys.length);
    const params: unknown[] = keys.slice();
    while (params.length < size) params.push(keys[0]);
    const slot = keyType === 'int' ? 'CAST(? AS SIGNED)' : '?';
    return { text: `${column} IN (${Array.from({ length: size }, () => slot).join(', ')})`, params };
  },
  after: (column, keyType) => `${column} > ${keyType === 'int' ? 'CAST(? AS SIGNED)' : '?'}`,
  maxKeys: MARIADB_MAX_PLACEHOLDERS,
  canHold: () => true,
};
