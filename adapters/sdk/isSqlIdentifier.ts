const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `name` may be used as a (quoted) sql identifier; anything else is refused, never escaped. */
export function isSqlIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && name.length <= 63;
}
