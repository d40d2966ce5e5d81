/**
 * The one base class for the gateway's own errors: a literal `code` (`ERR_<AREA>_<CONDITION>`),
 * an optional `cause`, and the public GraphQL `extensions.code` it maps to. Messages are written
 * for the caller and never contain personal data, tokens or internal detail.
 */
export class ReintegraError extends Error {
  readonly code: string = 'ERR_INTERNAL';
  /** The public `extensions.code` (see codes.ts); unexpected errors are masked as INTERNAL_SERVER_ERROR. */
  readonly publicCode: string = 'INTERNAL_SERVER_ERROR';
  /** HTTP status when the error ends the request before execution. */
  readonly status: number = 500;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ConfigInvalid extends ReintegraError {
  override readonly code = 'ERR_CONFIG_INVALID';
}

export class Unauthenticated extends ReintegraError {
  override readonly code: string = 'ERR_AUTH_UNAUTHENTICATED';
  override readonly publicCode = 'UNAUTHENTICATED';
  override readonly status = 401;
}

export class PurposeInvalid extends ReintegraError {
  override readonly code = 'ERR_PURPOSE_INVALID';
  override readonly publicCode = 'BAD_PURPOSE';
  override readonly status = 400;
}

export class PurposeRequired extends ReintegraError {
  override readonly code = 'ERR_PURPOSE_REQUIRED';
  override readonly publicCode = 'PURPOSE_REQUIRED';
  override readonly status = 400;
}

export class InputInvalid extends ReintegraError {
  override readonly code = 'ERR_INPUT_INVALID';
  override readonly publicCode = 'BAD_USER_INPUT';
  override readonly status = 400;
}

export class RequestTooLarge extends ReintegraError {
  override readonly code = 'ERR_HTTP_BODY_TOO_LARGE';
  override readonly publicCode = 'PAYLOAD_TOO_LARGE';
  override readonly status = 413;
}

export class AuditUnavailable extends ReintegraError {
  override readonly code = 'ERR_AUDIT_UNAVAILABLE';
  override readonly publicCode = 'AUDIT_UNAVAILABLE';
  override readonly status = 503;
}

export class RateLimited extends ReintegraError {
  override readonly code = 'ERR_HTTP_RATE_LIMITED';
  override readonly publicCode = 'RATE_LIMITED';
  override readonly status = 429;
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}
