/** A `date` column as `YYYY-MM-DD`, whether the driver returned a Date (pg, PGlite) or text. */
export function isoDay(value: string | Date): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

/** A `timestamptz` column as an ISO instant, whether the driver returned a Date or text. */
export function isoInstant(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
