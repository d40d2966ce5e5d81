import type { Logger } from 'pino';
import type { BackendSlots } from './BackendSlots.js';
import type { CircuitState } from './CircuitBreaker.js';
import type { EntityName } from './model.js';

/** What the gateway passes with every batch. */
export interface AdapterCall {
  /** Aborted when the client's request ends or the gateway's request deadline passes. */
  signal: AbortSignal;
  /** The caller's declared purpose of use (agencies may log it on their side). */
  purpose: string;
  logger: Logger;
  /**
   * Set by the resilience wrapper (`resilientAdapter`): every backend call of this batch takes
   * one of these slots first (`runBatch` does it), so the agency's concurrency limit holds.
   */
  backendSlots?: BackendSlots;
}

/** Where a page of `listKeys` starts and how long it is. */
export interface KeyPage {
  /** The last key of the previous page; `null` for the first page. */
  after: string | null;
  limit: number;
}

/** What `ready()` reports for /readyz. */
export interface AdapterReadiness {
  ok: boolean;
  detail?: string;
  /** The circuit breaker's state (the resilience wrapper adds it). */
  circuit?: CircuitState;
}

/**
 * The batch contract, stated once (the DataLoader contract):
 *
 * `load(entity, keys, call)` resolves to an array of the same length and order as `keys`.
 * Element i is the value for keys[i]: a record (for list entities, an array of records, empty
 * when the agency holds none), `null` when the agency does not know that key, or an `Error`
 * for that key alone. The promise rejects only when the whole batch failed (backend down,
 * deadline passed: `AdapterTimeout`, `AdapterUnavailable`, `AdapterAborted`).
 * Duplicate keys are allowed and each gets its value. An empty `keys` resolves to `[]` without
 * calling the backend. Large batches are split into chunks the backend accepts; each chunk is
 * one backend call and is reported through `AdapterDeps.onBackendCall`.
 * Records are built afresh for each call and belong to the caller, which marks them with their
 * owner rather than copying them; an adapter that hands out the same object twice must freeze it.
 */
export interface Adapter {
  readonly agency: string;
  readonly kind: string;
  /** The entities this agency's mapping provides. */
  readonly entities: ReadonlySet<EntityName>;
  /** The kind's own per-call deadline (`deadlineMs` in its config), when it has one. */
  readonly deadlineMs?: number;
  load(entity: EntityName, keys: readonly string[], call: AdapterCall): Promise<Array<unknown>>;
  /**
   * Optional population capability, for statistics computed without a central copy: one page of
   * the keys `entity` can be loaded by (at most `page.limit`, ascending in the agency's own
   * order, each strictly after `page.after`). Fewer than `limit` keys means the last page. One
   * backend call per page. Kinds that cannot list leave it out (`scanEntity` then throws
   * `AdapterScanNotSupported`).
   */
  listKeys?(entity: EntityName, page: KeyPage, call: AdapterCall): Promise<string[]>;
  /** Cheap liveness probe of the backend, for /readyz. Never throws. */
  ready(): Promise<AdapterReadiness>;
  /** Releases connections; idempotent. */
  close(): Promise<void>;
}

/** What the gateway hands an adapter factory. */
export interface AdapterDeps {
  logger: Logger;
  /** Called once per backend call (query, HTTP request, file read), for metrics. */
  onBackendCall(entity: EntityName): void;
  /** Called once per failed call of the agency (after retries), with the error's code, for metrics. */
  onBackendFailure?(entity: EntityName, code: string): void;
  /** Directory relative paths in the adapter config (mapping, csv path) are resolved against. */
  baseDir: string;
  /** In-process embedded PostgreSQL, for `dialect: pglite` without a dataDir (the demo world). */
  pglite?: import('@electric-sql/pglite').PGlite;
}

export type AdapterFactory = (agency: string, config: Record<string, unknown>, deps: AdapterDeps) => Promise<Adapter>;
