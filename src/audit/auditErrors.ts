import { AuditUnavailable, ReintegraError } from '../errors/index.js';

/** Why the privacy-officer API refused a caller. Public: returned in `extensions.reason`. */
export type AuditDenyReason = 'NO_ROLE' | 'PURPOSE_NOT_ALLOWED';

/** The caller may not read the audit log: not a privacy officer, or not for purpose AUDIT. */
export class AuditAccessDenied extends ReintegraError {
  override readonly code = 'ERR_AUDIT_FORBIDDEN';
  override readonly publicCode = 'FORBIDDEN';
  override readonly status = 403;
  constructor(readonly reason: AuditDenyReason, message: string) {
    super(message);
  }
}

/** A checkpoint was asked for, but the config names no key to sign it with (`audit.signingKey`). */
export class CheckpointKeyMissing extends ReintegraError {
  override readonly code = 'ERR_AUDIT_NO_SIGNING_KEY';
  override readonly publicCode = 'AUDIT_UNAVAILABLE';
  override readonly status = 503;
}

/**
 * A checkpoint was asked for, but the log as stored does not extend the latest signed checkpoint
 * (rows removed, altered or added outside the append path): nothing is signed, so that a
 * tampered log never gets a signature of its own. `reintegra audit verify` names the entries.
 */
export class CheckpointRefused extends ReintegraError {
  override readonly code = 'ERR_AUDIT_CHECKPOINT_REFUSED';
  override readonly publicCode = 'AUDIT_UNAVAILABLE';
  override readonly status = 503;
}

/**
 * The events of a request could not be committed: the store failed, or the group's commit did not
 * finish in time. Public code AUDIT_UNAVAILABLE (the request releases nothing).
 */
export class AuditWriteFailed extends AuditUnavailable {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
