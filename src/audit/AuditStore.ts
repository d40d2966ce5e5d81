import type { AuditEvent } from './AuditEvent.js';

/** Where a request's events landed in the log: leaf indexes `first` … `first + count - 1`. */
export interface AppendReceipt {
  first: number;
  count: number;
}

/**
 * The durable side of the audit log, as the server sees it. `append` resolves only after the
 * store committed every event of the call, at contiguous leaf indexes; it rejects (and then
 * nothing of the call was committed) with `AuditWriteFailed`.
 */
export interface AuditStore {
  append(events: readonly AuditEvent[]): Promise<AppendReceipt>;
  /** Events in the log (the tree size). */
  count(): Promise<number>;
}
