import { isTransientFailure } from './isTransientFailure.js';

/**
 * Errors raised by adapters. `code` is a literal the gateway maps to a public GraphQL
 * `extensions.code`; `agency` names the source. Messages never carry record contents.
 */
export class AdapterError extends Error {
  readonly code: string = 'ERR_ADAPTER';
  readonly agency: string;
  constructor(agency: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.agency = agency;
  }
}

/** The agency's system did not answer within the adapter's deadline. */
export class AdapterTimeout extends AdapterError {
  override readonly code = 'ERR_ADAPTER_TIMEOUT';
}

/**
 * The agency's system could not be reached or answered with a failure. `transient` says
 * whether asking again may succeed (a reset connection, a 503): only those are retried.
 * Unless stated, it is read off the cause (`isTransientFailure`).
 */
export class AdapterUnavailable extends AdapterError {
  override readonly code = 'ERR_ADAPTER_UNAVAILABLE';
  readonly transient: boolean;
  constructor(agency: string, message: string, options?: { cause?: unknown; transient?: boolean }) {
    super(agency, message, options);
    this.transient = options?.transient ?? isTransientFailure(options?.cause);
  }
}

/**
 * The adapter's circuit is open: the agency failed repeatedly, so calls fail at once until a
 * probe after the cool-down succeeds. Public code: SOURCE_UNAVAILABLE.
 */
export class AdapterCircuitOpen extends AdapterError {
  override readonly code = 'ERR_ADAPTER_CIRCUIT_OPEN';
}

/** The agency's adapter cannot list its records (`listKeys`), so no population statistics can be computed from it. */
export class AdapterScanNotSupported extends AdapterError {
  override readonly code = 'ERR_ADAPTER_SCAN_NOT_SUPPORTED';
}

/** The caller's request was aborted (client went away) before the agency answered. */
export class AdapterAborted extends AdapterError {
  override readonly code = 'ERR_ADAPTER_ABORTED';
}

/** A mapping file is invalid; `where` names the entity and field (and line when known). */
export class MappingInvalid extends AdapterError {
  override readonly code = 'ERR_MAPPING_INVALID';
  readonly where: { file: string; line?: number; entity?: string; field?: string } | undefined;
  constructor(
    agency: string,
    message: string,
    options?: { cause?: unknown; where?: { file: string; line?: number; entity?: string; field?: string } },
  ) {
    super(agency, message, options);
    this.where = options?.where;
  }
}

/** An adapter's configuration (kind, connection, limits) is invalid; raised when it is created. */
export class AdapterConfigInvalid extends AdapterError {
  override readonly code = 'ERR_ADAPTER_CONFIG_INVALID';
}

/** The agency returned a value that does not fit the common type it is mapped to. */
export class AdapterBadRecord extends AdapterError {
  override readonly code = 'ERR_ADAPTER_BAD_RECORD';
}

/** A key the agency's system cannot be asked with (e.g. longer than its URL limit): that key's error. */
export class AdapterKeyRefused extends AdapterError {
  override readonly code = 'ERR_ADAPTER_KEY_REFUSED';
}

/** The gateway asked an adapter for an entity its mapping does not provide (a gateway bug, not the agency's). */
export function entityNotMapped(agency: string, entity: string): AdapterError {
  return new AdapterError(agency, `${agency}: entity ${entity} is not in the mapping`);
}

/** ` (CODE)` for an error carrying a string `code` (a driver's SQLSTATE, `ECONNREFUSED`), else ''. Codes only: a message could quote data. */
export function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? ` (${code})` : '';
}
