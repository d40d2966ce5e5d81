import type { Deadline } from '../sdk/index.js';

/** A connection to one sql engine, as the sql adapter uses it. */
export interface SqlDriver {
  /**
   * Runs one statement within `deadline`; rows are plain objects keyed by column name, with
   * dates and timestamps as the engine's text (no time-zone guessing in the driver). When the
   * deadline's signal aborts, the promise rejects promptly and the statement is cancelled.
   */
  query(text: string, params: readonly unknown[], deadline: Deadline): Promise<Record<string, unknown>[]>;
  /** Throws when the engine does not answer `SELECT 1`. */
  ping(timeoutMs: number): Promise<void>;
  /** Whether a failure of `query` is the connection's (worth a retry) rather than the statement's. */
  transient?(error: unknown): boolean;
  /** Idempotent. */
  close(): Promise<void>;
  /** Chunks that may run at once (the connection pool size). */
  readonly concurrency: number;
}
