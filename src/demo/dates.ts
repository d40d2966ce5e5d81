/**
 * Calendar helpers. The world keeps dates as whole UTC day numbers (days since 1970-01-01):
 * small integers are cheap to hold for a million people and trivial to add to. They become
 * ISO `YYYY-MM-DD` strings only when written to an agency system.
 */
export const DAY_MS = 86_400_000;

/** Days per month on average, to turn sentence months into days. */
export const DAYS_PER_MONTH = 30.4375;

/** `YYYY-MM-DD` → day number. Throws on anything else. */
export function isoToDay(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RangeError(`not an ISO date: ${iso}`);
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a calendar date: ${iso}`);
  return Math.round(ms / DAY_MS);
}

/** Day number → `YYYY-MM-DD`. */
export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day number + seconds into that day → ISO-8601 instant (`…Z`, whole seconds). */
export function dayToInstant(day: number, secondOfDay: number): string {
  return new Date(day * DAY_MS + secondOfDay * 1000).toISOString().replace('.000Z', 'Z');
}

/** Today's UTC date as `YYYY-MM-DD`. */
export function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Day number of 1 January of `year`. */
export function yearStartDay(year: number): number {
  return Math.round(Date.UTC(year, 0, 1) / DAY_MS);
}

/** Calendar year of a day number. */
export function dayYear(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/**
 * A plausible "last updated" instant: some working-hours moment between `sinceDay` (or 200 days
 * ago, whichever is later) and `today`. Every legacy record carries one; mappings expose it as `asOf`.
 */
export function lastUpdated(rng: { int(min: number, max: number): number }, sinceDay: number, today: number): string {
  const from = Math.min(today, Math.max(sinceDay, today - 200));
  return dayToInstant(rng.int(from, today), rng.int(7 * 3600, 17 * 3600));
}
