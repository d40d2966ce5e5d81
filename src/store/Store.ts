/**
 * The gateway's own store (audit events, case teams, consents): PostgreSQL in deployments,
 * PGlite for the embedded default, behind one minimal interface so there is one code path.
 * It never holds agency records.
 */
export interface Store {
  readonly kind: 'postgres' | 'pglite';
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs `fn` in one transaction (on one connection). */
  transaction<T>(fn: (tx: Pick<Store, 'query'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
