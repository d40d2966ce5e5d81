/**
 * The gateway's own store (audit events, case teams, consents): PostgreSQL in deployments,
 * PGlite for the embedded default, behind one minimal interface so there is one code path.
 * It never holds agency records.
 */
export interface Store {
  readonly kind: 'postgres' | 'pglite';
  /**
   * `name`: a statement run on every request is prepared once per connection under this name
   * (PostgreSQL; PGlite ignores it), so the server does not parse and plan it each time.
   */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[], name?: string): Promise<{ rows: R[] }>;
  /** Runs `fn` in one transaction (on one connection). */
  transaction<T>(fn: (tx: Pick<Store, 'query'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
