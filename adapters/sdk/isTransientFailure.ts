/**
 * Error codes of failures that may pass when asked again: the network dropped or refused a
 * connection, the server is restarting or out of connections, a lock or serialization conflict.
 * Node/undici codes, mysql2 codes and PostgreSQL SQLSTATEs; a SQL error in the statement itself
 * (syntax, missing table) is not among them, nor an HTTP answer the agency chose to give.
 */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  // node:net / dns
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH',
  'ENETDOWN', 'ENOTCONN', 'EAI_AGAIN',
  // undici
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_CLOSED', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT',
  // mysql2 / MariaDB
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_CON_COUNT_ERROR', 'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_SERVER_SHUTDOWN', 'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'ER_CONNECTION_KILLED',
  // PostgreSQL: admin/crash shutdown, cannot connect now, too many connections, serialization, deadlock
  '57P01', '57P02', '57P03', '53300', '40001', '40P01',
]);

/** Whether `error` (a driver or network error, or one wrapping it as `cause`) is worth a retry. */
export function isTransientFailure(error: unknown): boolean {
  for (let e = error, depth = 0; e !== null && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { transient?: unknown }).transient === true) return true;
    const code = (e as { code?: unknown }).code;
    // SQLSTATE class 08: connection exception.
    if (typeof code === 'string' && (TRANSIENT_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  }
  return false;
}
