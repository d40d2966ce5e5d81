/**
 * The public list of GraphQL `extensions.code` values. This list is a contract with agency
 * systems: codes are added, never renamed or removed.
 */
export const PUBLIC_CODES = {
  /** No token, or a token that does not verify. HTTP 401. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Personal data asked for without `X-Purpose-Of-Use`. */
  PURPOSE_REQUIRED: 'PURPOSE_REQUIRED',
  /** `X-Purpose-Of-Use` is not one of the purposes of use. HTTP 400. */
  BAD_PURPOSE: 'BAD_PURPOSE',
  /** An argument failed validation before any agency was asked. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** A field withheld by policy; `extensions.reason` says why. */
  FORBIDDEN: 'FORBIDDEN',
  /** An agency's system failed; `extensions.agency` names it. The rest of the answer stands. */
  SOURCE_UNAVAILABLE: 'SOURCE_UNAVAILABLE',
  /** An agency's system did not answer within its deadline; `extensions.agency` names it. */
  SOURCE_TIMEOUT: 'SOURCE_TIMEOUT',
  /** The audit event could not be written, so nothing was released. HTTP 503. */
  AUDIT_UNAVAILABLE: 'AUDIT_UNAVAILABLE',
  /** The request body exceeds the limit. HTTP 413. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** A consent (or other gateway record) the caller named does not exist for them. */
  NOT_FOUND: 'NOT_FOUND',
  /** Too many requests from this caller; `Retry-After` says when to try again. HTTP 429. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The client sent an operation id its trusted list does not have. */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** The client may only run its registered operations (persisted operations enforced). */
  PERSISTED_QUERY_NOT_ALLOWED: 'PERSISTED_QUERY_NOT_ALLOWED',
  /** An operation sent by id alone to a gateway without trusted operations (`persistedOperations.mode: off`). HTTP 400. */
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** An agency's adapter cannot do what was asked (e.g. list its records for statistics); `extensions.agency` names it. */
  NOT_SUPPORTED: 'NOT_SUPPORTED',
  /** A privacy officer's read met an audit log entry the database cannot read (altered behind the gateway's back): verify names it. */
  AUDIT_LOG_DAMAGED: 'AUDIT_LOG_DAMAGED',
  /** Anything unexpected; details go to the operational log only. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type PublicCode = (typeof PUBLIC_CODES)[keyof typeof PUBLIC_CODES];
